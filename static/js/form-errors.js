// Moves the keyboard focus to what the server marked with data-autofocus: the error summary after
// a failed submit, or the item just added (an uploaded document). It runs on page load and after
// every htmx swap, so a refused upload or an empty message announced in place is also reached by
// keyboard and read by a screen reader. The mark is removed once used, so that a later swap
// elsewhere on the page does not pull the focus back. Without JavaScript the page still shows the
// summary at the top of the form.
(() => {
  function focusMarked() {
    const marked = document.querySelector("[data-autofocus]");
    if (!marked) return;
    marked.removeAttribute("data-autofocus");
    if (!marked.hasAttribute("tabindex") && !marked.matches("a[href], button, input, select, textarea")) {
      marked.setAttribute("tabindex", "-1");
    }
    marked.focus();
    marked.scrollIntoView({ block: "start" });
  }

  // A link in the summary goes to its field: focus the field too, not only scroll to it.
  document.addEventListener("click", (event) => {
    const link = event.target.closest(".error-summary a[href^='#']");
    if (!link) return;
    const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field) return;
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: "center" });
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusMarked);
  } else {
    focusMarked();
  }
  document.addEventListener("htmx:afterSettle", focusMarked);
})();
