// The notifications page: newest first, "more" by cursor, mark one or all as read. Opening an
// unread item marks it read first, then follows its link.
import { act, api, say } from "./api.js";
import { el, sitePath, when } from "./dom.js";
import { t } from "./messages.js";
import { onSession } from "./session.js";

const list = document.querySelector('[data-widget="notifications"]');
const more = document.querySelector("[data-notifications-more]");
const all = document.querySelector("[data-notifications-all]");
const hint = document.querySelector("[data-notifications-hint]");
const status = document.querySelector("[data-notifications-status]");
const lang = document.documentElement.lang || "nl";
let next = null;

// The bell listens for this, so its count follows without asking the API again.
function announce(unread) {
  document.dispatchEvent(new CustomEvent("plein:unread", { detail: unread }));
  all.hidden = !unread;
}

async function markRead(ids) {
  const result = await api("/notifications/read", { method: "POST", body: { ids } });
  announce(result.unread);
  return result;
}

function item(note) {
  const li = el("li", { className: note.read ? "notification" : "notification unread" });
  li.dataset.id = note.id;
  const link = el("a", { href: sitePath(note.url), textContent: note.text });
  link.addEventListener("click", async (event) => {
    if (note.read) return;
    event.preventDefault();
    // The item matters more than its mark: follow the link even when marking failed.
    await act(() => markRead([note.id]), { status });
    window.location.assign(sitePath(note.url));
  });
  const parts = [link, " ", when(note.created)];
  if (!note.read) {
    parts.unshift(el("span", { className: "visually-hidden", textContent: `${t("unreadLabel")}: ` }));
    const button = el("button", { type: "button", className: "link", textContent: t("markRead") });
    button.addEventListener("click", () => act(async () => {
      await markRead([note.id]);
      note.read = true;
      const fresh = item(note);
      li.replaceWith(fresh);
      // The button is gone with the old item: keep the keyboard where it was.
      fresh.querySelector("a").focus();
    }, { status, button, done: t("markedRead") }));
    parts.push(" ", button);
  }
  li.append(...parts);
  return li;
}

// Resolves to true when the page was shown, false when it failed (and said so).
async function load(cursor) {
  list.setAttribute("aria-busy", "true");
  const shown = await act(async () => {
    const params = new URLSearchParams({ lang });
    if (cursor) params.set("cursor", cursor);
    const page = await api(`/notifications?${params}`);
    if (!cursor) list.replaceChildren();
    list.append(...page.items.map(item));
    if (!cursor && page.items.length === 0) {
      list.append(el("li", { className: "empty", textContent: t("noNotifications") }));
    }
    next = page.next;
    more.hidden = !next;
    announce(page.unread);
    return true;
  }, { status, button: cursor ? more : null, done: "" });
  list.setAttribute("aria-busy", "false");
  return Boolean(shown);
}

all.addEventListener("click", async () => {
  const marked = await act(async () => {
    // Each call marks a bounded number; repeat while it still finds unread ones.
    for (let n = 0; n < 20; n += 1) {
      const result = await api("/notifications/read", { method: "POST", body: { all: true } });
      if (!result.unread || !result.marked) break;
    }
    return true;
  }, { status, button: all });
  // Said after the reload, which clears the region; the button itself is hidden by now.
  if (marked && (await load(null))) say(status, t("allMarkedRead"));
});
more.addEventListener("click", () => load(next));

onSession((person) => {
  hint.hidden = Boolean(person);
  if (person) load(null);
  else {
    list.replaceChildren();
    more.hidden = true;
    all.hidden = true;
  }
});
