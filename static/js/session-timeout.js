// Warns a signed-in person before their session ends for lack of activity and lets them stay
// signed in (WCAG 2.2.1). The server keeps the time: asking it how long is left is not activity,
// so a forgotten tab never keeps a session alive; only "Stay signed in" or using the portal does.
// Without JavaScript nothing breaks: the server signs the person out and tells them why.
(() => {
  const dialog = document.getElementById("session-timeout");
  if (!dialog || typeof dialog.showModal !== "function") return;

  const statusUrl = dialog.dataset.statusUrl;
  const warnBefore = Number(dialog.dataset.warnBefore) * 1000;
  const stayForm = dialog.querySelector("form[data-stay]");
  const idleText = document.getElementById("session-timeout-idle");
  const finalText = document.getElementById("session-timeout-final");
  let timer = null;

  function signIn() {
    const next = window.location.pathname + window.location.search;
    window.location.assign(`${dialog.dataset.signInUrl}?next=${encodeURIComponent(next)}`);
  }

  function schedule(expiresIn) {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, Math.max(0, expiresIn * 1000 - warnBefore));
  }

  async function ask(method) {
    const response = await fetch(statusUrl, {
      method,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      body: method === "POST" ? new FormData(stayForm) : undefined,
    });
    if (!response.ok) throw new Error(`session status ${response.status}`);
    return response.json();
  }

  function warn(state) {
    idleText.hidden = !state.renewable;
    finalText.hidden = state.renewable;
    stayForm.hidden = !state.renewable;
    dialog.setAttribute("aria-describedby", state.renewable ? idleText.id : finalText.id);
    if (!dialog.open) dialog.showModal();
  }

  async function check() {
    let state;
    try {
      state = await ask("GET");
    } catch {
      timer = window.setTimeout(check, 30_000); // offline for a moment: ask again shortly
      return;
    }
    if (!state.signed_in) {
      signIn();
    } else if (state.expires_in * 1000 > warnBefore) {
      // Used in another tab meanwhile: the session goes on.
      if (dialog.open) dialog.close();
      schedule(state.expires_in);
    } else {
      warn(state);
      // At the end, ask once more: the server then says the session has ended.
      timer = window.setTimeout(check, state.expires_in * 1000 + 1000);
    }
  }

  stayForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    let state;
    try {
      state = await ask("POST");
    } catch {
      return; // the network failed: the dialog stays open to press again
    }
    if (!state.signed_in) return signIn();
    dialog.close();
    schedule(state.expires_in);
  });

  schedule(Number(dialog.dataset.expiresIn));
})();
