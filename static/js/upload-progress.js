// Shows upload progress on forms marked .upload-form while htmx sends the file.
document.addEventListener("htmx:xhr:progress", (event) => {
  const form = event.target.closest(".upload-form");
  const bar = form && form.querySelector(".upload-progress");
  if (!bar || !event.detail.lengthComputable) return;
  bar.hidden = false;
  bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
});
