// The welcome checklist on the home page: each step says whether it is done; the whole list
// goes away once the API says every step is (and then it never comes back).
import { api } from "./api.js";
import { el } from "./dom.js";
import { homePart } from "./home.js";
import { t } from "./messages.js";
import { onSession } from "./session.js";

const root = document.querySelector('[data-widget="welcome"]');

async function show() {
  let state;
  try {
    state = await homePart("welcome", () => api("/me/welcome")); // came with /api/home
  } catch {
    return; // a checklist that cannot load is simply not shown
  }
  root.hidden = state.done;
  if (state.done) return;
  for (const item of root.querySelectorAll("[data-step]")) {
    const done = Boolean(state.steps[item.dataset.step]);
    item.classList.toggle("done", done);
    item.querySelector(".step-state")?.remove();
    item.append(" ", el("span", { className: "step-state",
      textContent: done ? t("stepDone") : t("stepOpen") }));
  }
}

if (root) {
  onSession((person) => {
    if (person) show();
    else root.hidden = true;
  });
}
