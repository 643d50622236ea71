// Organisers edit an event on its page. event.js announces the event ("plein:event"); a saved
// edit is announced back the same way, and every change raises the event's SEQUENCE.
import { api, ApiError } from "./api.js";
import { t } from "./messages.js";

const box = document.querySelector('[data-widget="event-edit"]');
const form = box.querySelector("form");
const say = (text) => { form.querySelector(".status").textContent = text; };
const FIELDS = ["title", "description", "start", "end", "location", "online_url", "capacity",
  "deadline"];
let shown = null;

// The API's local times carry their offset; the inputs take wall-clock time without it.
function inputValue(event, name) {
  const value = event[name];
  if (value === null || value === undefined) return "";
  if (["start", "end", "deadline"].includes(name)) {
    return event.all_day && name !== "deadline" ? value : String(value).slice(0, 16);
  }
  return String(value);
}

function fill(event) {
  shown = event;
  for (const name of ["start", "end"]) form.elements[name].type = event.all_day ? "date" : "datetime-local";
  for (const name of FIELDS) form.elements[name].value = inputValue(event, name);
}

function changes() {
  const body = {};
  for (const name of FIELDS) {
    const value = form.elements[name].value;
    if (value === inputValue(shown, name)) continue;
    if (name === "capacity") body.capacity = value ? Number(value) : null;
    else if (["online_url", "deadline"].includes(name)) body[name] = value || null;
    else body[name] = value;
  }
  return body;
}

document.addEventListener("plein:event", (e) => {
  const event = e.detail;
  box.hidden = !(event.may && event.may.edit && event.status === "active");
  if (!box.hidden && !box.open) fill(event);
});

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  const body = changes();
  if (!Object.keys(body).length) {
    say(t("nothingChanged"));
    return;
  }
  const button = form.querySelector("button");
  button.disabled = true;
  try {
    const saved = await api(`/events/${encodeURIComponent(shown.id)}`, { method: "PATCH", body });
    box.open = false;
    say(t("eventSaved"));
    document.dispatchEvent(new CustomEvent("plein:event-saved", { detail: saved }));
  } catch (err) {
    if (err instanceof ApiError && err.body.field && form.elements[err.body.field]) {
      form.elements[err.body.field].focus();
    }
    say(err instanceof ApiError && err.body.reason ? err.body.reason : t("error"));
  } finally {
    button.disabled = false;
  }
});
