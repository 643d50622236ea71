// Profile page: who a colleague is, their expertise, groups and recent posts; your own is
// editable here.
import { act, api, errorText, say } from "./api.js";
import { ambassadorControl } from "./ambassadors.js";
import { ambassadorBadge, fillAvatar } from "./avatar.js";
import { el, when } from "./dom.js";
import { t } from "./messages.js";
import { choosePhotos, uploadPhoto } from "./photos.js";
import { suggestTags, tagLink } from "./tags.js";

const root = document.querySelector('[data-widget="profile"]');
const $ = (name) => root.querySelector(`[data-profile-${name}]`);
const form = $("form");
const editButton = $("edit");
const wanted = new URLSearchParams(window.location.search).get("id");
const photo = choosePhotos(form.querySelector("[data-photo-picker]"), { max: 1 });
const removePhoto = form.elements["remove-photo"];
let profile = null;
let tags = [];

function fact(term, value) {
  return value ? [el("dt", { textContent: term }), el("dd", {}, [value])] : [];
}

function post(item) {
  const body = el("div", { className: "post-body" });
  body.innerHTML = item.html; // sanitised on the server with nh3
  return el("li", { className: "post" }, [el("header", {}, [when(item.created)]), body]);
}

function groupLink(group) {
  const href = `${root.dataset.groupPage}?id=${encodeURIComponent(group.id)}`;
  return el("a", { href, textContent: group.name });
}

function render(person) {
  profile = person;
  document.title = `${person.name} · ${document.title.split(" · ").slice(1).join(" · ")}`;
  $("name").replaceChildren(person.name, person.ambassador ? " " : "",
    person.ambassador ? ambassadorBadge() : "");
  fillAvatar($("avatar"), person);
  $("role").textContent = [person.title, person.department].filter(Boolean).join(" · ");
  $("facts").replaceChildren(
    ...fact(t("department"), person.department),
    ...fact(t("location"), person.location),
    ...fact(t("phone"), person.phone && el("a", { href: `tel:${person.phone.replace(/[^0-9+]/g, "")}`, textContent: person.phone })),
    ...fact(t("email"), el("a", { href: `mailto:${person.email}`, textContent: person.email })),
  );
  $("about").hidden = !person.bio;
  $("bio").textContent = person.bio || "";
  const directory = root.dataset.directoryUrl;
  $("expertise").replaceChildren(...(person.expertise.length
    ? person.expertise.map((tag) => el("li", {}, [tagLink(tag, directory)]))
    : [el("li", { className: "empty", textContent: t("noExpertise") })]));
  $("groups").replaceChildren(...(person.groups.length
    ? person.groups.map((g) => el("li", {}, [groupLink(g)]))
    : [el("li", { className: "empty", textContent: t("noGroupsYet") })]));
  $("posts").replaceChildren(...(person.posts.length
    ? person.posts.map(post)
    : [el("li", { className: "empty", textContent: t("noPosts") })]));
  editButton.hidden = !person.can_edit;
  $("ambassador").replaceChildren(...ambassadorControl(person, render));
  $("card").hidden = false;
}

function renderTags() {
  $("form-tags").replaceChildren(...tags.map((tag) => {
    const remove = el("button", { type: "button", className: "tag-remove", textContent: "×" });
    remove.setAttribute("aria-label", `${t("removeTag")}: ${tag}`);
    remove.addEventListener("click", () => {
      tags = tags.filter((x) => x !== tag);
      renderTags();
      form.elements["profile-new-tag"].focus();
    });
    return el("li", { className: "tag" }, [tag, remove]);
  }));
}

function addTag() {
  const input = form.elements["profile-new-tag"];
  const tag = input.value.trim().toLowerCase().replace(/\s+/g, " ");
  if (tag && !tags.includes(tag)) tags.push(tag);
  input.value = "";
  renderTags();
}

function openForm() {
  for (const name of ["title", "department", "location", "phone", "bio"]) {
    form.elements[name].value = profile[name] || "";
  }
  tags = [...profile.expertise];
  renderTags();
  photo.clear();
  removePhoto.checked = false;
  $("photo-remove").hidden = !profile.photo;
  form.hidden = false;
  editButton.hidden = true;
  form.elements.title.focus();
}

function closeForm() {
  form.hidden = true;
  editButton.hidden = !profile.can_edit;
  editButton.focus();
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (form.elements["profile-new-tag"].value.trim()) addTag();
  const body = { expertise: tags };
  for (const name of ["title", "department", "location", "phone", "bio"]) {
    body[name] = form.elements[name].value;
  }
  const saved = await act(async () => {
    const [chosen] = photo.chosen();
    if (chosen) body.photo = (await uploadPhoto(chosen)).id;
    else if (removePhoto.checked) body.photo = null;
    return api(`/people/${encodeURIComponent(profile.id)}`, { method: "PATCH", body });
  }, { status: $("status"), button: form.querySelector("button[type=submit]"),
    busy: t("saving"), done: "", errors: { conflict: t("conflict") } });
  if (!saved) return;
  render({ ...profile, ...saved });
  closeForm();
  say($("edit-status"), t("profileSaved"));
});

form.querySelector("[data-profile-add-tag]").addEventListener("click", addTag);
form.elements["profile-new-tag"].addEventListener("keydown", (event) => {
  if (event.key === "Enter") {
    event.preventDefault();
    addTag();
  }
});
form.querySelector("[data-profile-cancel]").addEventListener("click", closeForm);
editButton.addEventListener("click", openForm);
suggestTags(form.elements["profile-new-tag"]);

async function show() {
  root.setAttribute("aria-busy", "true");
  try {
    render(await api(wanted ? `/people/${encodeURIComponent(wanted)}` : "/people/me"));
    $("hint").hidden = true;
  } catch (err) {
    $("card").hidden = true;
    $("hint").hidden = false;
    // Signed out: the template's sign-in hint stays as it is.
    if (err.status !== 401) {
      $("hint").textContent = errorText(err, { invalid: t("profileNotFound"),
        not_found: t("profileNotFound") });
    }
  } finally {
    root.setAttribute("aria-busy", "false");
  }
}

// Load at once rather than only on the session event: that event can fire before this
// module has run, and a 401 simply leaves the sign-in hint in place.
show();
document.addEventListener("plein:session", show);
