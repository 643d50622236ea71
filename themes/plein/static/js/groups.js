// Groups directory: search by name, filter (all, mine, invitations), and the create form.
import { api, ApiError } from "./api.js";
import { onSession } from "./dom.js";
import { t } from "./messages.js";
import { countLabel, kindLabel, standing } from "./group-labels.js";
import { choosePhotos, uploadPhoto } from "./photos.js";

const list = document.querySelector('[data-widget="groups"]');
const search = document.querySelector('[data-widget="group-search"]');
const create = document.querySelector('[data-widget="group-create"]');
const more = document.querySelector("[data-groups-more]");
const hint = document.querySelector("[data-groups-hint]");
const status = document.querySelector("[data-groups-status]");
const groupPage = list.dataset.groupPage;
const cover = choosePhotos(create.querySelector("[data-photo-picker]"), { max: 1 });
let next = null;

function item(group) {
  const li = document.createElement("li");
  li.className = "group-card";
  const link = document.createElement("a");
  link.href = `${groupPage}?id=${encodeURIComponent(group.id)}`;
  link.textContent = group.name;
  const title = document.createElement("h3");
  title.append(link);
  const meta = document.createElement("p");
  meta.className = "meta";
  meta.textContent = [kindLabel(group), countLabel(group.member_count), standing(group)]
    .filter(Boolean).join(" · ");
  if (group.cover) {
    // Decorative here: the name says what the group is; its page describes the photo.
    const image = Object.assign(document.createElement("img"), {
      className: "group-card-cover", src: group.cover.src, alt: "", loading: "lazy",
    });
    if (group.cover.srcset) {
      image.srcset = group.cover.srcset;
      image.sizes = "(min-width: 52rem) 24rem, 100vw";
    }
    li.append(image);
  }
  li.append(title, meta);
  if (group.description) {
    const text = document.createElement("p");
    text.textContent = group.description.length > 160
      ? `${group.description.slice(0, 157)}…` : group.description;
    li.append(text);
  }
  return li;
}

function query(cursor) {
  const params = new URLSearchParams();
  const q = search.elements.q.value.trim();
  if (q) params.set("q", q);
  params.set("filter", search.elements.filter.value);
  if (cursor) params.set("cursor", cursor);
  return `/groups?${params}`;
}

async function load(cursor) {
  list.setAttribute("aria-busy", "true");
  status.textContent = "";
  try {
    const page = await api(query(cursor));
    if (!cursor) list.replaceChildren();
    list.append(...page.items.map(item));
    if (!cursor && page.items.length === 0) status.textContent = t("noGroups");
    next = page.next;
    more.hidden = !next;
  } catch {
    status.textContent = t("error");
  } finally {
    list.setAttribute("aria-busy", "false");
  }
}

search.addEventListener("submit", (event) => {
  event.preventDefault();
  load(null);
});
search.elements.filter.addEventListener("change", () => load(null));
more.addEventListener("click", () => load(next));

create.addEventListener("submit", async (event) => {
  event.preventDefault();
  const say = (text) => { create.querySelector(".status").textContent = text; };
  const form = create.elements;
  if (!form.name.value.trim()) {
    say(t("errorName"));
    return;
  }
  const body = {
    name: form.name.value, description: form.description.value,
    visibility: form.visibility.value,
  };
  const button = create.querySelector("button");
  button.disabled = true;
  try {
    const [photo] = cover.chosen();
    if (photo) body.cover = await uploadPhoto(photo);
    const group = await api("/groups", { method: "POST", body });
    say(t("groupCreated"));
    window.location.assign(`${groupPage}?id=${encodeURIComponent(group.id)}`);
  } catch (err) {
    say(err instanceof ApiError ? (err.body.field ? err.body.reason : t("error"))
      : err.message || t("error"));
  } finally {
    button.disabled = false;
  }
});

onSession((person) => {
  search.hidden = create.hidden = !person;
  hint.hidden = Boolean(person);
  const secret = search.querySelector("[data-admin-only]");
  secret.hidden = secret.disabled = !(person && person.role === "admin");
  if (person) load(null);
  else {
    list.replaceChildren();
    more.hidden = true;
  }
});
