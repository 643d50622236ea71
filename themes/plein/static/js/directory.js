// People directory: search by name, department and expertise; each result links to a profile.
import { act, api, say } from "./api.js";
import { fillAvatar } from "./avatar.js";
import { el } from "./dom.js";
import { t } from "./messages.js";
import { onSession } from "./session.js";
import { suggestTags, tagLink } from "./tags.js";

const root = document.querySelector('[data-widget="directory"]');
const form = root.querySelector("form");
const results = root.querySelector("[data-directory-results]");
const status = root.querySelector("[data-directory-status]");
const hint = root.querySelector("[data-directory-hint]");
const more = root.querySelector("[data-directory-more]");
const department = form.elements.department;
const params = new URLSearchParams(window.location.search);
const criteria = {
  q: params.get("q") || "",
  department: params.get("department") || "",
  expertise: params.get("expertise") || "",
};
let next = null;
const AUTO_ROUNDS = 4; // then "Show more" asks the person, rather than looping on its own

function card(person) {
  const avatar = fillAvatar(el("span", { className: "avatar" }), person);
  const name = el("a", {
    href: `${root.dataset.profileUrl}?id=${encodeURIComponent(person.id)}`,
    textContent: person.name, className: "person-name",
  });
  const role = el("p", { className: "person-role",
    textContent: [person.title, person.department].filter(Boolean).join(" · ") });
  const tags = el("ul", { className: "tags" }, person.expertise.map((tag) =>
    el("li", {}, [tagLink(tag, root.dataset.directoryUrl)])));
  tags.setAttribute("aria-label", t("expertise"));
  return el("li", { className: "person-card" }, [avatar,
    el("div", {}, [name, role, person.expertise.length ? tags : null])]);
}

async function load(cursor, rounds = 0) {
  const query = new URLSearchParams(Object.entries(criteria).filter(([, v]) => v));
  if (cursor) query.set("cursor", cursor);
  results.setAttribute("aria-busy", "true");
  if (!cursor) say(status, t("searching"));
  const page = await act(async () => {
    const found = await api(`/people?${query}`);
    if (!cursor) results.replaceChildren();
    results.append(...found.items.map(card));
    next = found.next;
    more.hidden = !next;
    return found;
  }, { status, button: cursor ? more : null, done: () => {
    const shown = results.children.length;
    return shown ? `${t("peopleShown")}: ${shown}` : next ? "" : t("peopleEmpty");
  } });
  results.setAttribute("aria-busy", "false");
  // A page thinned out by filters can be empty while more remains: keep reading.
  if (page && !page.items.length && next && rounds < AUTO_ROUNDS) await load(next, rounds + 1);
}

async function fillDepartments() {
  const { items } = await api("/departments");
  department.replaceChildren(department.options[0], ...items.map((d) => el("option", {
    value: d.department, textContent: d.department,
  })));
  if (criteria.department) department.value = criteria.department;
}

// Only fill what the URL says: someone may have started typing before this module ran.
if (criteria.q) form.elements.q.value = criteria.q;
if (criteria.expertise) form.elements.expertise.value = criteria.expertise;
suggestTags(form.elements.expertise);
more.addEventListener("click", () => load(next));

async function show(signedIn) {
  hint.hidden = signedIn;
  form.hidden = !signedIn;
  if (!signedIn) {
    results.replaceChildren();
    results.setAttribute("aria-busy", "false");
    more.hidden = true;
    status.textContent = "";
    return;
  }
  await Promise.all([fillDepartments().catch(() => {}), load(null)]);
}

// session.js replays an announcement made before this module ran: one /api/me per page.
onSession((person) => show(Boolean(person)));
