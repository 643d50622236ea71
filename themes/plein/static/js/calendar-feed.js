// The personal calendar feed: make or renew its secret address (shown once), or revoke it.
import { api } from "./api.js";
import { onSession } from "./dom.js";
import { t } from "./messages.js";

const box = document.querySelector('[data-widget="calendar-feed"]');
const make = box.querySelector("[data-feed-make]");
const revoke = box.querySelector("[data-feed-revoke]");
const field = box.querySelector("[data-feed-url]");
const status = box.querySelector("[data-feed-status]");

function show(state) {
  revoke.hidden = !state.active;
  make.textContent = state.active ? t("feedRenew") : t("feedMake");
}

make.addEventListener("click", async () => {
  if (!revoke.hidden && !window.confirm(t("feedRenewConfirm"))) return;
  try {
    const made = await api("/calendar", { method: "POST", body: {} });
    field.hidden = false;
    field.querySelector("input").value = made.url;
    field.querySelector("input").select();
    status.textContent = t("feedMade");
    show(made);
  } catch {
    status.textContent = t("error");
  }
});

revoke.addEventListener("click", async () => {
  try {
    await api("/calendar", { method: "DELETE", body: {} });
    field.hidden = true;
    status.textContent = t("feedRevoked");
    show({ active: false });
  } catch {
    status.textContent = t("error");
  }
});

onSession(async (person) => {
  box.hidden = !person;
  if (!person) return;
  try {
    show(await api("/calendar"));
  } catch {
    status.textContent = t("error");
  }
});
