// Groups directory: search by name, filter (all, mine, invitations), and the create form.
import { act, api, say } from "./api.js";
import { el } from "./dom.js";
import { t } from "./messages.js";
import { countLabel, kindLabel, standing } from "./group-labels.js";
import { choosePhotos, uploadPhoto } from "./photos.js";
import { onSession } from "./session.js";

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
  const li = el("li", { className: "group-card" });
  const title = el("h3", {}, [el("a", {
    href: `${groupPage}?id=${encodeURIComponent(group.id)}`, textContent: group.name })]);
  const meta = el("p", { className: "meta",
    textContent: [kindLabel(group), countLabel(group.member_count), standing(group)]
      .filter(Boolean).join(" · ") });
  if (group.cover) {
    // Decorative here: the name says what the group is; its page describes the photo.
    const image = el("img", {
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
    li.append(el("p", { textContent: group.description.length > 160
      ? `${group.description.slice(0, 157)}…` : group.description }));
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
  await act(async () => {
    const page = await api(query(cursor));
    if (!cursor) list.replaceChildren();
    list.append(...page.items.map(item));
    next = page.next;
    more.hidden = !next;
    return !cursor && page.items.length === 0;
  }, { status, button: cursor ? more : null, done: (none) => (none ? t("noGroups") : "") });
  list.setAttribute("aria-busy", "false");
}

search.addEventListener("submit", (event) => {
  event.preventDefault();
  load(null);
});
search.elements.filter.addEventListener("change", () => load(null));
more.addEventListener("click", () => load(next));

create.addEventListener("submit", async (event) => {
  event.preventDefault();
  const createStatus = create.querySelector(".status");
  const form = create.elements;
  if (!form.name.value.trim()) {
    say(createStatus, t("errorName"), { error: true });
    return;
  }
  const body = {
    name: form.name.value, description: form.description.value,
    visibility: form.visibility.value,
  };
  await act(async () => {
    const [photo] = cover.chosen();
    if (photo) body.cover = await uploadPhoto(photo);
    const group = await api("/groups", { method: "POST", body });
    window.location.assign(`${groupPage}?id=${encodeURIComponent(group.id)}`);
  }, { status: createStatus, button: create.querySelector("button"), done: t("groupCreated") });
});

onSession((person) => {
  search.hidden = create.hidden = !person;
  hint.hidden = Boolean(person);
  const secret = search.querySelector("[data-admin-only]");
  secret.hidden = secret.disabled = !(person && person.role === "admin");
  if (person) load(null);
  else {
    list.replaceChildren();
    list.setAttribute("aria-busy", "false");
    more.hidden = true;
  }
});
