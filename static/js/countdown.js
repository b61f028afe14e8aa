// Keeps the case file's deadlines current while the page stays open: "in 2 days", then "overdue".
// Without JavaScript the time left is the one the server wrote when the page was made.
(function () {
  "use strict";
  var units = [["day", 86400000], ["hour", 3600000], ["minute", 60000]];

  function describe(format, milliseconds) {
    for (var i = 0; i < units.length; i++) {
      if (milliseconds >= units[i][1] || i === units.length - 1) {
        return format.format(Math.max(1, Math.floor(milliseconds / units[i][1])), units[i][0]);
      }
    }
    return "";
  }

  function update() {
    var format = new Intl.RelativeTimeFormat(document.documentElement.lang || undefined, { numeric: "always" });
    document.querySelectorAll("time[data-countdown]").forEach(function (element) {
      var left = Date.parse(element.getAttribute("datetime")) - Date.now();
      if (isNaN(left)) { return; }
      var overdue = left <= 0;
      element.textContent = overdue ? element.dataset.overdueLabel : describe(format, left);
      var item = element.closest("li");
      if (item) { item.classList.toggle("overdue", overdue); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    update();
    window.setInterval(update, 30000);
  });
})();
