// How groups are doing, for the people who look after them: on a group page its managers see
// who joined this week (and a link to the group's moderation queue); on the dashboard, admins
// and community managers see the groups without activity for 30 days.
import { api } from "./api.js";
import { el } from "./dom.js";
import { t } from "./messages.js";
import { onSession } from "./session.js";

const newcomers = document.querySelector('[data-widget="newcomers"]');
const quiet = document.querySelector('[data-widget="quiet-groups"]');

if (newcomers) {
  document.addEventListener("plein:group", async (event) => {
    const group = event.detail;
    newcomers.hidden = true;
    if (!group.may || !group.may.manage) return;
    const queue = newcomers.querySelector("[data-newcomers-queue]");
    queue.href = `${queue.href.split("?")[0]}?group=${encodeURIComponent(group.id)}`;
    try {
      const { items } = await api(`/groups/${encodeURIComponent(group.id)}/newcomers`);
      newcomers.querySelector("[data-newcomers-items]").replaceChildren(...(items.length
        ? items.map((p) => el("li", { textContent: p.name }))
        : [el("li", { className: "empty", textContent: t("noNewcomers") })]));
      newcomers.hidden = false;
    } catch {
      newcomers.hidden = true; // the group's own page shows its errors; this is an extra
    }
  });
}

if (quiet) {
  const list = quiet.querySelector("[data-quiet-items]");
  const more = quiet.querySelector("[data-quiet-more]");
  const groupPage = quiet.dataset.groupPage;
  let next = null;
  const load = async (cursor) => {
    try {
      const page = await api(`/usage/quiet-groups${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`);
      list.append(...page.items.map((g) => el("li", {}, [
        el("a", { href: `${groupPage}?id=${encodeURIComponent(g.id)}`, textContent: g.name }),
        ` · ${t("membersCount").replace("{n}", g.members)}`])));
      if (!cursor && page.items.length === 0 && !page.next) {
        list.append(el("li", { className: "empty", textContent: t("noQuietGroups") }));
      }
      next = page.next;
      more.hidden = !next;
      quiet.hidden = false;
    } catch {
      quiet.hidden = true; // for admins and community managers only
    }
  };
  more.addEventListener("click", () => load(next));
  onSession((person) => {
    list.replaceChildren();
    if (person) load(null);
    else quiet.hidden = true;
  });
}
