// Group page (groep.html?id=…): header with join/leave, members, and the group's stream.
import { api, ApiError } from "./api.js";
import { t } from "./messages.js";
import { countLabel, kindLabel, standing } from "./group-labels.js";

const root = document.querySelector('[data-widget="group"]');
const $ = (selector) => root.querySelector(selector);
const groupId = new URLSearchParams(window.location.search).get("id") || "";
const lang = document.body.dataset.lang || "nl";
const dateFormat = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
const header = $("[data-group-header]");
const body = $("[data-group-body]");
const action = $("[data-group-action]");
const leave = $("[data-group-leave]");
const say = (text) => { $("[data-group-status]").textContent = text; };
const posts = $('[data-widget="group-posts"]');
const postForm = $('[data-widget="group-post-form"]');
const members = $('[data-widget="group-members"]');
let group = null;
let nextPosts = null;
let nextMembers = null;

const path = (suffix = "") => `/groups/${encodeURIComponent(groupId)}${suffix}`;

function actions() {
  const state = group.viewer ? group.viewer.state : null;
  const archived = group.status !== "active";
  action.hidden = leave.hidden = true;
  if (archived) return;
  if (state === null) {
    action.hidden = false;
    action.textContent = group.visibility === "open" || group.may.manage
      ? t("join") : t("askToJoin");
  } else if (state === "invited") {
    action.hidden = leave.hidden = false;
    action.textContent = t("acceptInvitation");
    leave.textContent = t("declineInvitation");
  } else if (state === "requested") {
    leave.hidden = false;
    leave.textContent = t("cancelRequest");
  } else {
    leave.hidden = false;
    leave.textContent = t("leaveGroup");
  }
}

function renderHeader() {
  header.hidden = false;
  document.title = `${group.name} · ${document.title.split(" · ").pop()}`;
  $("[data-group-name]").textContent = group.name;
  $("[data-group-kind]").textContent = group.status === "archived"
    ? `${kindLabel(group)} · ${t("archived")}` : kindLabel(group);
  $("[data-group-count]").textContent = [countLabel(group.member_count), standing(group)]
    .filter(Boolean).join(" · ");
  $("[data-group-description]").innerHTML = group.html; // sanitised on the server with nh3
  const cover = $("[data-group-cover]");
  cover.hidden = !group.cover;
  if (group.cover) cover.src = group.cover;
  actions();
}

function postItem(post) {
  const li = document.createElement("li");
  li.className = "post";
  li.dataset.id = post.id;
  const head = document.createElement("header");
  const author = document.createElement("strong");
  author.textContent = post.author.name;
  const time = document.createElement("time");
  time.dateTime = post.created;
  time.textContent = dateFormat.format(new Date(post.created));
  head.append(author, " · ", time);
  if (post.kind === "question") head.append(` · ${t("question")}`);
  const text = document.createElement("div");
  text.className = "post-body";
  text.innerHTML = post.html; // sanitised on the server with nh3
  li.append(head, text);
  return li;
}

async function loadPosts(cursor) {
  posts.setAttribute("aria-busy", "true");
  try {
    const page = await api(path(`/posts${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`));
    if (!cursor) posts.replaceChildren();
    posts.append(...page.items.map(postItem));
    if (!cursor && page.items.length === 0) {
      const empty = document.createElement("li");
      empty.className = "empty";
      empty.textContent = t("empty");
      posts.append(empty);
    }
    nextPosts = page.next;
    $("[data-group-posts-more]").hidden = !nextPosts;
  } finally {
    posts.setAttribute("aria-busy", "false");
  }
}

function memberItem(m) {
  const li = document.createElement("li");
  li.textContent = m.person.name;
  if (m.role === "manager") {
    const badge = document.createElement("span");
    badge.className = "badge";
    badge.textContent = t("manager");
    li.append(" ", badge);
  } else if (group.may.manage && group.status === "active") {
    const promote = document.createElement("button");
    promote.type = "button";
    promote.className = "small secondary";
    promote.textContent = t("makeManager");
    promote.setAttribute("aria-label", `${t("makeManager")}: ${m.person.name}`);
    promote.addEventListener("click", async () => {
      try {
        await api(path(`/members/${encodeURIComponent(m.person.id)}`), {
          method: "PATCH", body: { role: "manager" },
        });
        await load();
      } catch {
        say(t("error"));
      }
    });
    li.append(" ", promote);
  }
  return li;
}

async function loadMembers(cursor) {
  const list = members.querySelector("[data-member-list]");
  const page = await api(path(`/members${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`));
  if (!cursor) list.replaceChildren();
  list.append(...page.items.map(memberItem));
  nextMembers = page.next;
  members.querySelector("[data-members-more]").hidden = !nextMembers;
}

async function load() {
  try {
    group = await api(path());
  } catch (err) {
    header.hidden = body.hidden = true;
    $("[data-group-hint]").hidden = false;
    $("[data-group-hint]").textContent = err instanceof ApiError && err.status === 404
      ? t("groupNotFound") : t("error");
    return;
  }
  $("[data-group-hint]").hidden = true;
  renderHeader();
  body.hidden = false;
  postForm.hidden = !group.may.post;
  $("[data-group-closed]").hidden = group.may.read;
  members.hidden = !group.may.read;
  document.dispatchEvent(new CustomEvent("plein:group", { detail: group }));
  if (group.may.read) {
    await Promise.all([loadPosts(null), loadMembers(null)]).catch(() => say(t("error")));
  } else {
    posts.replaceChildren();
  }
}

async function change(method) {
  action.disabled = leave.disabled = true;
  try {
    const result = await api(path("/members/me"), { method, body: {} });
    say(t(`now_${result.state || "none"}`));
    await load();
  } catch (err) {
    say(err instanceof ApiError && err.status === 409 ? err.body.reason : t("error"));
  } finally {
    action.disabled = leave.disabled = false;
  }
}

action.addEventListener("click", () => change("PUT"));
leave.addEventListener("click", () => change("DELETE"));
$("[data-group-posts-more]").addEventListener("click", () => loadPosts(nextPosts));
members.querySelector("[data-members-more]").addEventListener("click",
  () => loadMembers(nextMembers));

postForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const status = postForm.querySelector(".status");
  const textarea = postForm.elements.body;
  if (!textarea.value.trim()) {
    status.textContent = t("errorEmpty");
    return;
  }
  const button = postForm.querySelector("button");
  button.disabled = true;
  status.textContent = t("posting");
  try {
    const kind = postForm.elements.question.checked ? "question" : "update";
    const post = await api("/posts", {
      method: "POST", body: { body: textarea.value, group: groupId, kind },
    });
    posts.querySelector(".empty")?.remove();
    posts.prepend(postItem(post));
    textarea.value = "";
    postForm.elements.question.checked = false;
    status.textContent = t("posted");
  } catch (err) {
    status.textContent = err instanceof ApiError && err.body.field ? err.body.reason : t("error");
  } finally {
    button.disabled = false;
  }
});

document.addEventListener("plein:group-changed", () => load());
document.addEventListener("plein:session", (event) => {
  if (event.detail) load();
  else {
    header.hidden = body.hidden = true;
    $("[data-group-hint]").hidden = false;
  }
});
