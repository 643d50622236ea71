// Group page, managers and admins: requests, questions that need an answer, invite, edit,
// and for admins archive/restore and delete. group.js calls manage() with each group it loads.
import { act, api, errorText } from "./api.js";
import { el } from "./dom.js";
import { t } from "./messages.js";
import { choosePhotos, uploadPhoto } from "./photos.js";

const root = document.querySelector('[data-widget="group-manage"]');
const $ = (selector) => root.querySelector(selector);
const status = $("[data-manage-status]");
const groupsPage = document.querySelector('[data-widget="group"]').dataset.groupsPage;
const cover = choosePhotos($("[data-edit-form] [data-photo-picker]"), { max: 1 });
let group = null;

const path = (suffix = "") => `/groups/${encodeURIComponent(group.id)}${suffix}`;
const changed = () => document.dispatchEvent(new CustomEvent("plein:group-changed"));

const emptyItem = (text) => el("li", { className: "empty", textContent: text });

function answerButton(person, verb) {
  const label = t(verb);
  const node = el("button", { type: "button", className: "small", textContent: label });
  node.setAttribute("aria-label", `${label}: ${person.name}`);
  node.addEventListener("click", () => act(async () => {
    await api(path(`/requests/${encodeURIComponent(person.id)}/${verb}`), {
      method: "POST", body: {},
    });
    changed();
  }, { status, button: node, done: t(verb === "approve" ? "approved" : "declined") }));
  return node;
}

async function loadRequests() {
  const list = $("[data-requests]");
  const page = await api(path("/members?state=requested"));
  list.replaceChildren(...page.items.map((m) => el("li", {}, [m.person.name, " ",
    answerButton(m.person, "approve"), " ", answerButton(m.person, "decline")])));
  if (page.items.length === 0) list.append(emptyItem(t("noRequests")));
}

async function loadQuestions() {
  const list = $("[data-needs-answer]");
  try {
    const page = await api(path("/unanswered"));
    list.replaceChildren(...page.items.map((post) => el("li", {
      textContent: `${post.author.name}: ${post.body.slice(0, 120)}` })));
    if (page.items.length === 0) list.append(emptyItem(t("noQuestions")));
  } catch (err) {
    list.replaceChildren(emptyItem(errorText(err)));
  }
}

function fillEdit() {
  const form = $("[data-edit-form]").elements;
  form.name.value = group.name;
  form.description.value = group.description;
  form.visibility.value = group.visibility;
  form["remove-cover"].checked = false;
  $("[data-cover-remove]").hidden = !group.cover;
  cover.clear();
}

$("[data-invite-form]").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = event.target.elements.person;
  act(async () => {
    const result = await api(path("/invitations"), {
      method: "POST", body: { person: input.value.trim() },
    });
    input.value = "";
    changed();
    return result;
  }, { status, button: event.target.querySelector("button"),
    done: (result) => (result.state === "member" ? t("approved") : t("invitationSent")),
    errors: { not_found: t("noSuchColleague") } });
});

$("[data-edit-form]").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = event.target.elements;
  const body = { name: form.name.value, description: form.description.value,
    visibility: form.visibility.value };
  act(async () => {
    const [photo] = cover.chosen();
    if (photo) body.cover = await uploadPhoto(photo);
    else if (form["remove-cover"].checked) body.cover = null;
    await api(path(), { method: "PATCH", body });
    changed();
  }, { status, button: event.target.querySelector("button[type=submit]"), done: t("saved") });
});

const archive = $("[data-archive]");
archive.addEventListener("click", () => {
  const next = group.status === "archived" ? "active" : "archived";
  act(async () => {
    await api(path(), { method: "PATCH", body: { status: next } });
    changed();
  }, { status, button: archive,
    done: t(next === "archived" ? "archivedNow" : "restoredNow") });
});

// Two clicks instead of a confirm() dialog: the second click within the same view deletes.
const remove = $("[data-delete]");
remove.addEventListener("click", () => {
  if (remove.dataset.armed !== "yes") {
    remove.dataset.armed = "yes";
    remove.textContent = t("confirmDelete");
    return;
  }
  act(async () => {
    await api(path(), { method: "DELETE", body: {} });
    window.location.assign(groupsPage);
  }, { status, button: remove, done: t("groupDeleted") });
});

export function manage(loaded) {
  group = loaded;
  root.hidden = !group.may.manage;
  if (root.hidden) return;
  const active = group.status === "active";
  for (const form of root.querySelectorAll("form")) form.hidden = !active;
  $("[data-admin-tools]").hidden = !group.may.delete && !group.may.archive;
  archive.hidden = !group.may.archive;
  remove.hidden = !group.may.delete;
  archive.textContent = active ? t("archiveGroup") : t("restoreGroup");
  fillEdit();
  act(loadRequests, { status });
  loadQuestions();
}
