// "Sign out everywhere" on My data: every session of this employee ends on the server, so a
// cookie left on a lost phone or a shared computer stops working at once.
import { api } from "./api.js";
import { t } from "./messages.js";
import { afterSignOut } from "./session.js";

const form = document.querySelector('[data-widget="signout-everywhere"]');

async function signOutEverywhere(event) {
  event.preventDefault();
  const status = form.querySelector(".status");
  const button = form.querySelector("button");
  button.disabled = true;
  status.textContent = "";
  try {
    const result = await api("/auth/logout-everywhere", { method: "POST", body: {} });
    status.textContent = t("signedOutEverywhere");
    afterSignOut(result);
  } catch (err) {
    status.textContent = err.status === 401 ? t("signInToPost") : t("error");
    button.disabled = false;
  }
}

if (form) form.addEventListener("submit", signOutEverywhere);
