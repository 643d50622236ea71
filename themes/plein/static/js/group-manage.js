// Group page, managers and admins: requests, questions that need an answer, invite, edit,
// and for admins archive/restore and delete. group.js calls manage() with each group it loads.
import { api, ApiError } from "./api.js";
import { t } from "./messages.js";
import { choosePhotos, uploadPhoto } from "./photos.js";

const root = document.querySelector('[data-widget="group-manage"]');
const $ = (selector) => root.querySelector(selector);
const say = (text) => { $("[data-manage-status]").textContent = text; };
const groupsPage = document.querySelector('[data-widget="group"]').dataset.groupsPage;
const cover = choosePhotos($("[data-edit-form] [data-photo-picker]"), { max: 1 });
let group = null;

const path = (suffix = "") => `/groups/${encodeURIComponent(group.id)}${suffix}`;
const changed = () => document.dispatchEvent(new CustomEvent("plein:group-changed"));

function reason(err) {
  if (!(err instanceof ApiError)) return err.message || t("error"); // a failed upload says so
  return err.body.reason && err.status < 500 ? err.body.reason : t("error");
}

function button(label, onClick) {
  const node = document.createElement("button");
  node.type = "button";
  node.className = "small";
  node.textContent = label;
  node.addEventListener("click", onClick);
  return node;
}

function emptyItem(text) {
  const li = document.createElement("li");
  li.className = "empty";
  li.textContent = text;
  return li;
}

async function answer(person, verb) {
  try {
    await api(path(`/requests/${encodeURIComponent(person.id)}/${verb}`), {
      method: "POST", body: {},
    });
    say(t(verb === "approve" ? "approved" : "declined"));
    changed();
  } catch (err) {
    say(reason(err));
  }
}

async function loadRequests() {
  const list = $("[data-requests]");
  const page = await api(path("/members?state=requested"));
  list.replaceChildren(...page.items.map((m) => {
    const li = document.createElement("li");
    li.append(m.person.name, " ",
      button(t("approve"), () => answer(m.person, "approve")),
      " ", button(t("decline"), () => answer(m.person, "decline")));
    li.querySelectorAll("button")[0].setAttribute("aria-label", `${t("approve")}: ${m.person.name}`);
    li.querySelectorAll("button")[1].setAttribute("aria-label", `${t("decline")}: ${m.person.name}`);
    return li;
  }));
  if (page.items.length === 0) list.append(emptyItem(t("noRequests")));
}

async function loadQuestions() {
  const list = $("[data-needs-answer]");
  try {
    const page = await api(path("/unanswered"));
    list.replaceChildren(...page.items.map((post) => {
      const li = document.createElement("li");
      li.textContent = `${post.author.name}: ${post.body.slice(0, 120)}`;
      return li;
    }));
    if (page.items.length === 0) list.append(emptyItem(t("noQuestions")));
  } catch {
    list.replaceChildren(emptyItem(t("error")));
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

$("[data-invite-form]").addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = event.target.elements.person;
  try {
    const result = await api(path("/invitations"), {
      method: "POST", body: { person: input.value.trim() },
    });
    say(result.state === "member" ? t("approved") : t("invitationSent"));
    input.value = "";
    changed();
  } catch (err) {
    say(err instanceof ApiError && err.status === 404 ? t("noSuchColleague") : reason(err));
  }
});

$("[data-edit-form]").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target.elements;
  const body = { name: form.name.value, description: form.description.value,
    visibility: form.visibility.value };
  try {
    const [photo] = cover.chosen();
    if (photo) body.cover = await uploadPhoto(photo);
    else if (form["remove-cover"].checked) body.cover = null;
    await api(path(), { method: "PATCH", body });
    say(t("saved"));
    changed();
  } catch (err) {
    say(reason(err));
  }
});

$("[data-archive]").addEventListener("click", async () => {
  const status = group.status === "archived" ? "active" : "archived";
  try {
    await api(path(), { method: "PATCH", body: { status } });
    say(t(status === "archived" ? "archivedNow" : "restoredNow"));
    changed();
  } catch (err) {
    say(reason(err));
  }
});

// Two clicks instead of a confirm() dialog: the second click within the same view deletes.
const remove = $("[data-delete]");
remove.addEventListener("click", async () => {
  if (remove.dataset.armed !== "yes") {
    remove.dataset.armed = "yes";
    remove.textContent = t("confirmDelete");
    return;
  }
  try {
    await api(path(), { method: "DELETE", body: {} });
    window.location.assign(groupsPage);
  } catch (err) {
    say(reason(err));
  }
});

export function manage(loaded) {
  group = loaded;
  root.hidden = !group.may.manage;
  if (root.hidden) return;
  const active = group.status === "active";
  for (const form of root.querySelectorAll("form")) form.hidden = !active;
  $("[data-admin-tools]").hidden = !group.may.delete;
  $("[data-archive]").textContent = active ? t("archiveGroup") : t("restoreGroup");
  fillEdit();
  loadRequests().catch(() => say(t("error")));
  loadQuestions();
}
