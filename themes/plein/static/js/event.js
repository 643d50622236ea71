// One event: its details, enrol or cancel, who is going and, for organisers, the waiting
// list, the CSV and cancelling the event. The id is the page's own (events from content/) or
// ?id= (events made on the site).
import { api, ApiError } from "./api.js";
import { el, onSession } from "./dom.js";
import { t } from "./messages.js";
import { standing, whenText, whereText } from "./event-labels.js";

const root = document.querySelector('[data-widget="event"]');
const id = root.dataset.eventId || new URLSearchParams(window.location.search).get("id");
const base = document.body.dataset.api || "/api";
const part = (name) => root.querySelector(`[data-event-${name}]`);
const join = part("join");
const leave = part("leave");
const stateLine = part("state");
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
  join.hidden = enrolled || !event.enrolment_open;
  join.textContent = event.capacity !== null && event.going >= event.capacity
    ? t("enrolWaiting") : t("enrol");
  leave.hidden = !enrolled;
  if (!event.enrolment_open && !enrolled && event.status === "active") {
    stateLine.textContent = t("enrolmentClosed");
  }
  part("ics").href = `${base}/events/${encodeURIComponent(event.id)}.ics`;
  part("csv").href = `${base}/events/${encodeURIComponent(event.id)}/attendees.csv`;
  part("cancel").hidden = event.status !== "active";
  document.dispatchEvent(new CustomEvent("plein:event", { detail: event }));
}

function person(p) {
  return el("li", { textContent: p.name });
}

async function loadPeople() {
  const lists = await api(`/events/${encodeURIComponent(id)}/attendees`);
  part("going").hidden = false;
  const going = lists.going.items.map(person);
  part("going-list").replaceChildren(...(going.length ? going
    : [el("li", { className: "meta", textContent: t("nobodyGoing") })]));
  part("organise").hidden = !lists.waiting;
  if (lists.waiting) {
    part("waiting-list").replaceChildren(...lists.waiting.items.map(person));
  }
}

async function load() {
  try {
    event = await api(`/events/${encodeURIComponent(id)}`);
    part("hint").hidden = true;
    render();
    await loadPeople();
  } catch (err) {
    part("hint").hidden = false;
    part("hint").textContent = err instanceof ApiError && err.status === 404
      ? t("noSuchEvent") : t("error");
  }
}

async function change(method) {
  join.disabled = leave.disabled = true;
  try {
    event = await api(`/events/${encodeURIComponent(id)}/enrolment`, { method, body: {} });
    render();
    await loadPeople();
  } catch (err) {
    stateLine.textContent = err instanceof ApiError && err.body.reason ? err.body.reason : t("error");
  } finally {
    join.disabled = leave.disabled = false;
  }
}

document.addEventListener("plein:event-saved", (e) => {
  event = e.detail;
  render();
});
join.addEventListener("click", () => change("PUT"));
leave.addEventListener("click", () => change("DELETE"));
part("cancel").addEventListener("click", async () => {
  if (!window.confirm(t("confirmCancelEvent"))) return;
  try {
    await api(`/events/${encodeURIComponent(id)}`, { method: "DELETE", body: {} });
    await load();
  } catch {
    part("organise-status").textContent = t("error");
  }
});

onSession((who) => {
  if (who && id) load();
  else part("enrol").hidden = part("going").hidden = part("organise").hidden = true;
});
