// "Plan an event": for a group the viewer belongs to, or (content managers) the organisation.
import { act, api, errorText, say } from "./api.js";
import { el } from "./dom.js";
import { t } from "./messages.js";
import { focusField, pageUrl } from "./event-labels.js";
import { choosePhotos, uploadPhoto } from "./photos.js";
import { onSession } from "./session.js";

const form = document.querySelector('[data-widget="event-create"]');
const site = form.dataset.site;
const owner = form.elements.group;
const cover = choosePhotos(form.querySelector("[data-photo-picker]"), { max: 1 });
const status = form.querySelector("[data-event-create-status]");
const wanted = new URLSearchParams(window.location.search).get("group");

async function fillGroups(person) {
  const organisation = owner.querySelector("[data-organisation]");
  const wide = person.role === "content_manager" || person.role === "admin";
  organisation.hidden = organisation.disabled = !wide;
  owner.querySelectorAll("option:not([data-organisation])").forEach((o) => o.remove());
  try {
    const page = await api("/groups?filter=mine");
    owner.append(...page.items.filter((g) => g.status === "active")
      .map((g) => el("option", { value: g.id, textContent: g.name, selected: g.id === wanted })));
  } catch (err) {
    say(status, errorText(err), { error: true });
  }
  // Without organisation-wide rights, a group it is: the first, unless ?group= chose one.
  if (!wide && owner.value === "" && owner.options.length > 1) owner.selectedIndex = 1;
  // Nobody to plan for: no organisation-wide rights and no groups.
  form.hidden = !wide && owner.options.length <= 1;
}

// All-day events take dates; the same inputs switch type so their labels stay.
form.elements.all_day.addEventListener("change", () => {
  const type = form.elements.all_day.checked ? "date" : "datetime-local";
  for (const name of ["start", "end"]) {
    const input = form.elements[name];
    const value = input.value;
    input.type = type;
    input.value = type === "date" ? value.slice(0, 10) : value ? `${value}T09:00` : "";
  }
});

function body() {
  const f = form.elements;
  const data = {
    title: f.title.value, description: f.description.value, all_day: f.all_day.checked,
    start: f.start.value, end: f.end.value || f.start.value, location: f.location.value,
    online_url: f.online_url.value || null, deadline: f.deadline.value || null,
    capacity: f.capacity.value ? Number(f.capacity.value) : null,
  };
  if (f.group.value) data.group = f.group.value;
  return data;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  act(async () => {
    const data = body();
    const [photo] = cover.chosen();
    if (photo) data.cover = await uploadPhoto(photo);
    const created = await api("/events", { method: "POST", body: data }).catch(focusField(form));
    window.location.assign(pageUrl(site, created));
    return created;
  }, { status, button: form.querySelector("button[type=submit]"), busy: t("eventCreating"),
    done: t("eventCreated") });
});

onSession((person) => {
  form.hidden = true;
  if (person) fillGroups(person);
});
