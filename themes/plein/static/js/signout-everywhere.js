// "Sign out everywhere" on My data: every session of this employee ends on the server, so a
// cookie left on a lost phone or a shared computer stops working at once.
import { act, api } from "./api.js";
import { t } from "./messages.js";
import { afterSignOut } from "./session.js";

const form = document.querySelector('[data-widget="signout-everywhere"]');

if (form) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    act(async () => {
      const result = await api("/auth/logout-everywhere", { method: "POST", body: {} });
      await afterSignOut(result);
      return result;
    }, { status: form.querySelector(".status"), button: form.querySelector("button"),
         done: t("signedOutEverywhere") });
  });
}
