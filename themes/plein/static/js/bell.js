// The bell in the header: the unread count from /api/me (session.js announces it), so a page
// costs no extra request. It is read again when the tab comes back into view, and when the
// notifications page marks some as read (the "plein:unread" event).
import { api } from "./api.js";
import { t } from "./messages.js";
import { onSession } from "./session.js";

const bell = document.querySelector('[data-widget="bell"]');
const count = bell && bell.querySelector("[data-bell-count]");

function show(unread) {
  const n = Number(unread) || 0;
  count.hidden = n === 0;
  count.textContent = n > 99 ? "99+" : String(n);
  bell.setAttribute("aria-label", n
    ? `${t("notifications")}: ${t("unreadCount").replace("{count}", String(n))}`
    : t("notifications"));
}

if (bell) {
  onSession((person) => {
    bell.hidden = !person;
    if (person) show(person.unread);
  });
  document.addEventListener("plein:unread", (event) => show(event.detail));
  document.addEventListener("visibilitychange", async () => {
    if (document.visibilityState !== "visible" || bell.hidden) return;
    try {
      show((await api("/me")).unread);
    } catch {
      // signed out meanwhile: session.js notices on the next page
    }
  });
}
