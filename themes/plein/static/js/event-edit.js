// Organisers edit an event on its page. event.js announces the event ("plein:event"); a saved
// edit is announced back the same way, and every change raises the event's SEQUENCE.
import { act, api, say } from "./api.js";
import { may } from "./dom.js";
import { focusField } from "./event-labels.js";
import { t } from "./messages.js";

const box = document.querySelector('[data-widget="event-edit"]');
const details = box.querySelector("details");
const form = box.querySelector("form");
const status = box.querySelector("[data-event-edit-status]");
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
  box.hidden = !(may(event, "edit") && event.status === "active");
  if (!box.hidden && !details.open) fill(event);
});

form.addEventListener("submit", (e) => {
  e.preventDefault();
  const body = changes();
  if (!Object.keys(body).length) {
    say(status, t("nothingChanged"));
    return;
  }
  act(async () => {
    const saved = await api(`/events/${encodeURIComponent(shown.id)}`, { method: "PATCH", body })
      .catch(focusField(form));
    details.open = false;
    document.dispatchEvent(new CustomEvent("plein:event-saved", { detail: saved }));
    return saved;
  }, { status, button: form.querySelector("button[type=submit]"), done: t("eventSaved") });
});
