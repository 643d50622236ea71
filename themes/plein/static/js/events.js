// The events page: upcoming, mine or past (and one group's, with ?group=), a page at a time.
import { api, errorText, say } from "./api.js";
import { t } from "./messages.js";
import { card } from "./event-labels.js";
import { onSession } from "./session.js";

const list = document.querySelector('[data-widget="events"]');
const scope = document.querySelector('[data-widget="event-scope"]');
const hint = document.querySelector("[data-events-hint]");
const status = document.querySelector("[data-events-status]");
const more = document.querySelector("[data-events-more]");
const groupLine = document.querySelector("[data-events-group]");
const site = list.dataset.site;
const group = new URLSearchParams(window.location.search).get("group");
let next = null;

function query(cursor) {
  const params = new URLSearchParams({ scope: scope.elements.scope.value });
  if (group) params.set("group", group);
  if (cursor) params.set("cursor", cursor);
  return `/events?${params}`;
}

async function load(cursor) {
  list.setAttribute("aria-busy", "true");
  say(status, "");
  try {
    const page = await api(query(cursor));
    if (!cursor) list.replaceChildren();
    list.append(...page.items.map((event) => card(site, event)));
    if (!cursor && page.items.length === 0) say(status, t("noEvents"));
    if (group && page.items[0] && page.items[0].group) {
      groupLine.textContent = page.items[0].group.name;
      groupLine.hidden = false;
    }
    next = page.next;
    more.hidden = !next;
  } catch (err) {
    say(status, errorText(err, { not_found: t("groupNotFound") }), { error: true });
  } finally {
    list.setAttribute("aria-busy", "false");
  }
}

scope.addEventListener("change", () => load(null));
more.addEventListener("click", () => load(next));

onSession((person) => {
  scope.hidden = !person;
  hint.hidden = Boolean(person);
  if (person) load(null);
  else {
    list.replaceChildren();
    more.hidden = true;
  }
});
