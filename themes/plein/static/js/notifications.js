// The notifications page: newest first, "more" by cursor, mark one or all as read. Opening an
// item marks it read first, then follows its link.
import { api } from "./api.js";
import { el, onSession, when } from "./dom.js";
import { t } from "./messages.js";

const list = document.querySelector('[data-widget="notifications"]');
const more = document.querySelector("[data-notifications-more]");
const all = document.querySelector("[data-notifications-all]");
const hint = document.querySelector("[data-notifications-hint]");
const lang = document.documentElement.lang || "nl";
let next = null;

function announce(unread) {
  document.dispatchEvent(new CustomEvent("plein:unread", { detail: unread }));
  all.hidden = !unread;
}

async function markRead(ids) {
  const result = await api("/notifications/read", { method: "POST", body: { ids } });
  announce(result.unread);
}

function item(note) {
  const li = el("li", { className: note.read ? "notification" : "notification unread" });
  li.dataset.id = note.id;
  const link = el("a", { href: note.url, textContent: note.text });
  link.addEventListener("click", async (event) => {
    if (note.read) return;
    event.preventDefault();
    try {
      await markRead([note.id]);
    } finally {
      window.location.assign(note.url);
    }
  });
  const parts = [link, " ", when(note.created)];
  if (!note.read) {
    parts.unshift(el("span", { className: "visually-hidden", textContent: `${t("unreadLabel")}: ` }));
    const button = el("button", { type: "button", className: "link", textContent: t("markRead") });
    button.addEventListener("click", async () => {
      await markRead([note.id]);
      note.read = true;
      li.replaceWith(item(note));
    });
    parts.push(" ", button);
  }
  li.append(...parts);
  return li;
}

async function load(cursor) {
  list.setAttribute("aria-busy", "true");
  try {
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
  } finally {
    list.setAttribute("aria-busy", "false");
  }
}

all.addEventListener("click", async () => {
  // Each call marks a bounded number; repeat while it still finds unread ones.
  for (let n = 0; n < 20; n += 1) {
    const result = await api("/notifications/read", { method: "POST", body: { all: true } });
    if (!result.unread || !result.marked) break;
  }
  await load(null);
});
more.addEventListener("click", () => load(next));

onSession((person) => {
  hint.hidden = Boolean(person);
  if (person) load(null);
  else list.replaceChildren();
});
