import { current } from "./session.js";

// Small DOM helpers shared by the widgets. Text always goes in as textContent; the only HTML
// inserted anywhere is the API's `html`, which the server sanitised with nh3.
export function el(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

const lang = document.body.dataset.lang || "nl";
const dateFormat = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });

export function when(iso) {
  return el("time", { dateTime: iso, textContent: dateFormat.format(new Date(iso)) });
}

// Calls back with who is signed in (or null) now if already known, and on every change:
// session.js may have announced before a widget's module finished loading.
export function onSession(callback) {
  if (current !== undefined) callback(current);
  document.addEventListener("plein:session", (event) => callback(event.detail || null));
}

// Who is signed in, as announced by session.js (null when nobody is).
export let me = null;
onSession((person) => {
  me = person;
});

export function mayEdit(author) {
  return Boolean(me && author && me.id === author.id);
}

export function mayDelete(author) {
  return Boolean(me && (me.role === "admin" || (author && me.id === author.id)));
}
