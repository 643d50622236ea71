// Group page (groep.html?id=…): header with join/leave and the members. The group's posts are
// stream.js in group scope; this module announces the group ("plein:group") for it.
import { api, ApiError } from "./api.js";
import { t } from "./messages.js";
import { onSession } from "./dom.js";
import { countLabel, kindLabel, standing } from "./group-labels.js";
import { manage } from "./group-manage.js";

const root = document.querySelector('[data-widget="group"]');
const $ = (selector) => root.querySelector(selector);
const groupId = new URLSearchParams(window.location.search).get("id") || "";
const header = $("[data-group-header]");
const body = $("[data-group-body]");
const action = $("[data-group-action]");
const leave = $("[data-group-leave]");
const say = (text) => { $("[data-group-status]").textContent = text; };
const members = $('[data-widget="group-members"]');
let group = null;
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
  if (group.cover) {
    cover.alt = group.cover.alt;
    cover.sizes = "(min-width: 64rem) 64rem, 100vw";
    cover.srcset = group.cover.srcset || "";
    cover.src = group.cover.src;
  }
  actions();
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
  $("[data-group-closed]").hidden = group.may.read;
  members.hidden = !group.may.read;
  document.dispatchEvent(new CustomEvent("plein:group", { detail: group }));
  manage(group);
  if (group.may.read) await loadMembers(null).catch(() => say(t("error")));
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
members.querySelector("[data-members-more]").addEventListener("click",
  () => loadMembers(nextMembers));

document.addEventListener("plein:group-changed", () => load());
onSession((person) => {
  if (person) load();
  else {
    header.hidden = body.hidden = true;
    $("[data-group-hint]").hidden = false;
  }
});
