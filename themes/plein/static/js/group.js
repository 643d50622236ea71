// Group page (groep.html?id=…): header with join/leave and the members. The group's posts are
// stream.js in group scope; this module announces the group ("plein:group") for it.
import { act, api, errorText, say } from "./api.js";
import { el } from "./dom.js";
import { t } from "./messages.js";
import { onSession } from "./session.js";
import { countLabel, kindLabel, standing } from "./group-labels.js";
import { manage } from "./group-manage.js";

const root = document.querySelector('[data-widget="group"]');
const $ = (selector) => root.querySelector(selector);
const groupId = new URLSearchParams(window.location.search).get("id") || "";
const header = $("[data-group-header]");
const body = $("[data-group-body]");
const action = $("[data-group-action]");
const leave = $("[data-group-leave]");
const status = $("[data-group-status]");
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
    // As the API decides: join at once, or ask the managers; neither for a secret group one
    // was not invited to, not even as an admin.
    action.hidden = !group.may.join && !group.may.ask;
    action.textContent = group.may.join ? t("join") : t("askToJoin");
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
  const li = el("li", { textContent: m.person.name });
  if (m.role === "manager") {
    li.append(" ", el("span", { className: "badge", textContent: t("manager") }));
  } else if (group.may.manage && group.status === "active") {
    const promote = el("button", { type: "button", className: "small secondary",
      textContent: t("makeManager") });
    promote.setAttribute("aria-label", `${t("makeManager")}: ${m.person.name}`);
    promote.addEventListener("click", () => act(async () => {
      await api(path(`/members/${encodeURIComponent(m.person.id)}`), {
        method: "PATCH", body: { role: "manager" },
      });
      await load();
    }, { status, button: promote, done: t("managerNow").replace("{name}", m.person.name) }));
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
    $("[data-group-hint]").textContent = errorText(err, { not_found: t("groupNotFound") });
    return;
  }
  $("[data-group-hint]").hidden = true;
  renderHeader();
  body.hidden = false;
  $("[data-group-closed]").hidden = group.may.read;
  members.hidden = !group.may.read;
  document.dispatchEvent(new CustomEvent("plein:group", { detail: group }));
  manage(group);
  if (group.may.read) await act(() => loadMembers(null), { status });
}

async function change(method, button) {
  let state = null;
  const done = await act(async () => {
    state = (await api(path("/members/me"), { method, body: {} })).state;
    return true;
  }, { status, button, errors: { conflict: t("lastManager") } });
  if (!done) return;
  await load();
  say(status, t(`now_${state || "none"}`));
}

action.addEventListener("click", () => change("PUT", action));
leave.addEventListener("click", () => change("DELETE", leave));
const moreMembers = members.querySelector("[data-members-more]");
moreMembers.addEventListener("click",
  () => act(() => loadMembers(nextMembers), { status, button: moreMembers }));

document.addEventListener("plein:group-changed", () => load());
onSession((person) => {
  if (person) load();
  else {
    header.hidden = body.hidden = true;
    $("[data-group-hint]").hidden = false;
  }
});
