// How an event reads in lists and on its page: its time in the organisation's zone, where it
// is, and where the viewer stands. Shared by the event widgets.
import { ApiError } from "./api.js";
import { el } from "./dom.js";
import { t } from "./messages.js";

const lang = document.body.dataset.lang || "nl";

function format(iso, zone, options) {
  return new Intl.DateTimeFormat(lang, { timeZone: zone, ...options }).format(new Date(iso));
}

// "vr 18 dec 2026, 16:00 – 19:00", or dates for all-day events (their end is inclusive).
export function whenText(event) {
  if (event.all_day) {
    const day = (d) => format(`${d}T12:00:00Z`, "UTC", { dateStyle: "full" });
    return event.start === event.end ? `${day(event.start)} · ${t("allDay")}`
      : `${day(event.start)} – ${day(event.end)}`;
  }
  const zone = event.timezone;
  const start = format(event.start, zone, { dateStyle: "full", timeStyle: "short" });
  const sameDay = event.start.slice(0, 10) === event.end.slice(0, 10);
  const end = format(event.end, zone, sameDay ? { timeStyle: "short" }
    : { dateStyle: "full", timeStyle: "short" });
  return `${start} – ${end}`;
}

export function whereText(event) {
  return [event.location, event.online_url ? t("online") : ""].filter(Boolean).join(" · ");
}

// Places left, full, or the viewer's own state: one short line.
export function standing(event) {
  if (event.status === "cancelled") return t("eventCancelled");
  if (event.my_status === "going") return t("youAreGoing");
  if (event.my_status === "waiting") return t("youAreWaiting");
  if (event.capacity !== null) {
    const left = event.capacity - event.going;
    if (left <= 0) return t("eventFull");
    return `${left} ${t("placesLeft")}`;
  }
  return `${event.going} ${t("goingCount")}`;
}

export function pageUrl(site, event) {
  return `${site}/${event.url}`;
}

export function card(site, event) {
  const title = el("h3", {}, [el("a", { href: pageUrl(site, event), textContent: event.title })]);
  const time = el("p", { className: "event-when", textContent: whenText(event) });
  const meta = el("p", {
    className: "meta",
    textContent: [whereText(event), event.group ? event.group.name : "", standing(event)]
      .filter(Boolean).join(" · "),
  });
  const li = el("li", { className: `event-card${event.status === "cancelled" ? " cancelled" : ""}` },
    [title, time, meta]);
  return li;
}

// For a failed create or edit: puts the cursor in the field the API refused, then passes the
// failure on to act(), which says what was wrong.
export function focusField(form) {
  return (err) => {
    const input = err instanceof ApiError && err.field ? form.elements[err.field] : null;
    if (input && typeof input.focus === "function") input.focus();
    throw err;
  };
}
