// The personal calendar feed: make or renew its secret address (shown once), or revoke it.
import { act, api, errorText, say } from "./api.js";
import { t } from "./messages.js";
import { onSession } from "./session.js";

const box = document.querySelector('[data-widget="calendar-feed"]');
const make = box.querySelector("[data-feed-make]");
const revoke = box.querySelector("[data-feed-revoke]");
const field = box.querySelector("[data-feed-url]");
const status = box.querySelector("[data-feed-status]");

function show(state) {
  revoke.hidden = !state.active;
  make.dataset.armed = "";
  make.textContent = state.active ? t("feedRenew") : t("feedMake");
}

// Renewing breaks the address already in the reader's calendar: a second click confirms it
// (two clicks rather than a confirm() dialog, as elsewhere on the site).
make.addEventListener("click", () => {
  if (!revoke.hidden && make.dataset.armed !== "yes") {
    make.dataset.armed = "yes";
    make.textContent = t("feedRenewAgain");
    return;
  }
  act(async () => {
    const made = await api("/calendar", { method: "POST", body: {} });
    field.hidden = false;
    field.querySelector("input").value = made.url;
    field.querySelector("input").select();
    show(made);
    return made;
  }, { status, button: make, done: t("feedMade") });
});

revoke.addEventListener("click", () => act(async () => {
  await api("/calendar", { method: "DELETE", body: {} });
  field.hidden = true;
  field.querySelector("input").value = "";
  show({ active: false });
}, { status, button: revoke, done: t("feedRevoked") }));

onSession(async (person) => {
  box.hidden = !person;
  if (!person) return;
  try {
    show(await api("/calendar"));
  } catch (err) {
    say(status, errorText(err), { error: true });
  }
});
