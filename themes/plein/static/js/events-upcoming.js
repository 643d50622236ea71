// A few upcoming events beside the home stream (all the reader may see) or on a group's page
// (that group's, from ?id=). Hidden when there are none.
import { api } from "./api.js";
import { card } from "./event-labels.js";
import { homePart } from "./home.js";
import { onSession } from "./session.js";

const SHOWN = 3;

for (const box of document.querySelectorAll('[data-widget="events-upcoming"]')) {
  const list = box.querySelector("[data-events-upcoming-list]");
  const all = box.querySelector("[data-events-all]");
  const group = box.dataset.for === "group"
    ? new URLSearchParams(window.location.search).get("id") : null;
  const params = new URLSearchParams({ scope: "upcoming", limit: String(SHOWN) });
  if (group) {
    params.set("group", group);
    all.href = `${all.getAttribute("href")}?group=${encodeURIComponent(group)}`;
  }

  onSession(async (person) => {
    box.hidden = true;
    if (!person) return;
    try {
      const ask = () => api(`/events?${params}`);
      // On the home page the same list came with /api/home (home.js), asked with SHOWN too.
      const page = await (group ? ask() : homePart("events", ask));
      list.replaceChildren(...page.items.map((event) => card(box.dataset.site, event)));
      box.hidden = !group && page.items.length === 0; // a group page always links to its events
    } catch {
      box.hidden = true; // a side box: the page works without it
    }
  });
}
