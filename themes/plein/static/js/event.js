// One event: its details, enrol or cancel, who is going and, for organisers, the waiting
// list, the CSV and cancelling the event. The id is the page's own (events from content/) or
// ?id= (events made on the site). Which controls show is the API's `may`, never guessed here.
import { act, api, download, errorText, say } from "./api.js";
import { el, may } from "./dom.js";
import { t } from "./messages.js";
import { standing, whenText, whereText } from "./event-labels.js";
import { onSession } from "./session.js";

const root = document.querySelector('[data-widget="event"]');
const id = root.dataset.eventId || new URLSearchParams(window.location.search).get("id");
const base = document.body.dataset.api || "/api";
const part = (name) => root.querySelector(`[data-event-${name}]`);
const path = (suffix = "") => `/events/${encodeURIComponent(id)}${suffix}`;
const join = part("join");
const leave = part("leave");
const stateLine = part("state");
const enrolStatus = part("enrol-status");
const organiseStatus = part("organise-status");
const cancel = part("cancel");
const csv = part("csv");
const cancelLabel = cancel.textContent;
let event = null;

function render() {
  document.title = `${event.title} · ${document.title.split(" · ").slice(1).join(" · ")}`;
  part("title").textContent = event.title;
  part("when").textContent = whenText(event);
  const where = whereText(event);
  part("where").replaceChildren(...[event.location,
    event.online_url ? el("a", { href: event.online_url, textContent: t("onlineLink"), rel: "noopener" }) : null]
    .filter(Boolean).flatMap((x, i) => (i ? [" · ", x] : [x])));
  part("where").hidden = !where;
  part("group").textContent = event.group ? event.group.name : "";
  if (event.html) part("description").innerHTML = event.html; // sanitised by the API (nh3)
  const cover = part("cover");
  if (event.cover) {
    Object.assign(cover, { src: event.cover.src, alt: event.cover.alt || "", hidden: false });
    if (event.cover.srcset) cover.srcset = event.cover.srcset;
  }
  part("enrol").hidden = false;
  part("places").textContent = event.capacity === null
    ? `${event.going} ${t("goingCount")}`
    : `${event.going} / ${event.capacity} ${t("goingCount")}` + (event.waiting ? ` · ${event.waiting} ${t("waitingCount")}` : "");
  stateLine.textContent = standing(event);
  const enrolled = Boolean(event.my_status);
  join.hidden = enrolled || !event.enrolment_open || !may(event, "enrol");
  join.textContent = event.capacity !== null && event.going >= event.capacity
    ? t("enrolWaiting") : t("enrol");
  leave.hidden = !enrolled;
  if (!event.enrolment_open && !enrolled && event.status === "active") {
    stateLine.textContent = t("enrolmentClosed");
  }
  part("ics").href = `${base}${path(".ics")}`;
  part("organise").hidden = !may(event, "attendees") && !may(event, "cancel");
  csv.hidden = !may(event, "attendees");
  cancel.hidden = !may(event, "cancel") || event.status !== "active";
  cancel.dataset.armed = "";
  cancel.textContent = cancelLabel;
  document.dispatchEvent(new CustomEvent("plein:event", { detail: event }));
}

function person(p) {
  return el("li", { textContent: p.name });
}

// Who is going (everyone who sees the event) and, when the API sends it, the waiting list.
async function loadPeople() {
  const lists = await api(path("/attendees"));
  part("going").hidden = false;
  const going = lists.going.items.map(person);
  part("going-list").replaceChildren(...(going.length ? going
    : [el("li", { className: "meta", textContent: t("nobodyGoing") })]));
  part("waiting").hidden = !lists.waiting;
  if (lists.waiting) {
    const waiting = lists.waiting.items.map(person);
    part("waiting-list").replaceChildren(...(waiting.length ? waiting
      : [el("li", { className: "meta", textContent: t("nobodyWaiting") })]));
  }
}

async function load() {
  try {
    event = await api(path());
  } catch (err) {
    part("hint").hidden = false;
    part("hint").textContent = errorText(err, { not_found: t("noSuchEvent") });
    return;
  }
  part("hint").hidden = true;
  render();
  await act(loadPeople, { status: enrolStatus });
}

// Enrol (PUT) or cancel the enrolment (DELETE): the answer is the event as it now stands.
function change(method, button) {
  act(async () => {
    event = await api(path("/enrolment"), { method, body: {} });
    render();
    await loadPeople();
    return event;
  }, { status: enrolStatus, button, errors: { not_found: t("noSuchEvent") },
    done: (now) => (method === "DELETE" ? t("enrolmentCancelled")
      : t(now.my_status === "waiting" ? "enrolledWaiting" : "enrolledGoing")) });
}

document.addEventListener("plein:event-saved", (e) => {
  event = e.detail;
  render();
});
join.addEventListener("click", () => change("PUT", join));
leave.addEventListener("click", () => change("DELETE", leave));

// The CSV needs the session cookie and may be refused: fetched here, so a failure is said in
// the reader's language instead of a page of JSON.
csv.addEventListener("click", () => act(async () => {
  const file = await download(path("/attendees.csv"));
  const url = URL.createObjectURL(file.blob);
  const link = el("a", { href: url, download: file.name, hidden: true });
  root.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}, { status: organiseStatus, button: csv, done: t("attendeesExported") }));

// Two clicks instead of a confirm() dialog, as for deleting a group: the second click within
// the same view cancels the event.
cancel.addEventListener("click", () => {
  if (cancel.dataset.armed !== "yes") {
    cancel.dataset.armed = "yes";
    cancel.textContent = t("cancelEventAgain");
    return;
  }
  act(async () => {
    await api(path(), { method: "DELETE", body: {} });
    event = await api(path());
    render();
  }, { status: organiseStatus, button: cancel, done: t("eventCancelledNow") });
});

onSession((who) => {
  if (who && id) load();
  else part("enrol").hidden = part("going").hidden = part("organise").hidden = true;
});
