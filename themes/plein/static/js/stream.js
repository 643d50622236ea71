// Home stream: the post form and the newest-first list, with "more" by cursor.
import { api, ApiError } from "./api.js";
import { t } from "./messages.js";

const list = document.querySelector('[data-widget="stream"]');
const form = document.querySelector('[data-widget="post-form"]');
const more = document.querySelector("[data-stream-more]");
const hint = document.querySelector("[data-stream-hint]");
const lang = document.body.dataset.lang || "nl";
const dateFormat = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
let next = null;

function item(post) {
  const li = document.createElement("li");
  li.className = "post";
  li.dataset.id = post.id;
  const header = document.createElement("header");
  const author = document.createElement("strong");
  author.textContent = post.author.name;
  const time = document.createElement("time");
  time.dateTime = post.created;
  time.textContent = dateFormat.format(new Date(post.created));
  header.append(author, " · ", time);
  if (post.edited) header.append(` · ${t("edited")}`);
  const body = document.createElement("div");
  body.className = "post-body";
  body.innerHTML = post.html; // sanitised on the server with nh3
  li.append(header, body);
  return li;
}

async function load(cursor) {
  list.setAttribute("aria-busy", "true");
  try {
    const page = await api("/stream" + (cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""));
    if (!cursor) list.replaceChildren();
    list.append(...page.items.map(item));
    if (!cursor && page.items.length === 0) {
      const empty = document.createElement("li");
      empty.className = "empty";
      empty.textContent = t("empty");
      list.append(empty);
    }
    next = page.next;
    more.hidden = !next;
  } finally {
    list.setAttribute("aria-busy", "false");
  }
}

function status(text) {
  form.querySelector(".status").textContent = text;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const textarea = form.elements.body;
  if (!textarea.value.trim()) {
    status(t("errorEmpty"));
    return;
  }
  const button = form.querySelector("button");
  button.disabled = true;
  status(t("posting"));
  try {
    const post = await api("/posts", { method: "POST", body: { body: textarea.value } });
    list.querySelector(".empty")?.remove();
    list.prepend(item(post));
    textarea.value = "";
    status(t("posted"));
  } catch (err) {
    status(err instanceof ApiError && err.body.field === "body" ? err.body.reason : t("error"));
  } finally {
    button.disabled = false;
  }
});

more.addEventListener("click", () => load(next));

document.addEventListener("plein:session", (event) => {
  const signedIn = Boolean(event.detail);
  form.hidden = !signedIn;
  hint.hidden = signedIn;
  if (signedIn) load(null);
  else {
    list.replaceChildren();
    more.hidden = true;
  }
});
