// The national SSO answers with a form post (response_mode=form_post): send it at once.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("sso-form-post");
  if (form) form.submit();
});
