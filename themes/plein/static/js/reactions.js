// The reaction bar of a post or a page of the site: one toggle button per kind (pressed = the
// viewer's reaction; choosing another replaces it, pressing it again removes it), each with its
// label and exact count, and a "who reacted" disclosure that lists people a page at a time.
// Kinds and their order come from the API's `reactions` counts; every label from the catalogs
// (messages.json).
import { act, api } from "./api.js";
import { byline } from "./avatar.js";
import { el, sitePath } from "./dom.js";
import { t } from "./messages.js";

const PROFILE = sitePath("/mensen/profiel.html?id=");

const label = (kind) => t(`reaction_${kind}`);

function total(counts) {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

// Where the API keeps a target's reactions: `change(kind)` to PUT or DELETE one, `list(cursor)`
// for who reacted; `id` names the bar's parts in the page.
export function postReactions(postId) {
  return { id: postId, change: (kind) => `/posts/${postId}/reactions/${kind}`,
    list: (cursor) => `/posts/${postId}/reactions`
      + (cursor ? `?cursor=${encodeURIComponent(cursor)}` : "") };
}

// A page's path as the API names it (without the language prefix: one count per page).
export function pageReactions(path) {
  const query = `path=${encodeURIComponent(path)}`;
  return { id: "page", change: (kind) => `/pages/reactions/${kind}?${query}`,
    list: (cursor) => `/pages/reactions?${query}`
      + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : "") };
}

// The people who reacted, with their kind; "more" follows the API's cursor.
function whoPanel(urls, id, status) {
  const list = el("ul", { className: "reactors" });
  const more = el("button", { type: "button", className: "link", textContent: t("more"),
    hidden: true });
  const empty = el("p", { textContent: t("reactionsNone"), hidden: true });
  let next = null;
  async function load(cursor) {
    const page = await api(urls.list(cursor));
    if (!cursor) list.replaceChildren();
    for (const item of page.items) {
      list.append(el("li", {}, [byline(item.author, t("formerColleague"), PROFILE),
        el("span", { className: "reactor-kind", textContent: label(item.kind) })]));
    }
    next = page.next;
    more.hidden = !next;
    empty.hidden = list.children.length > 0;
    return page;
  }
  more.addEventListener("click", () => act(() => load(next), { status, button: more }));
  const panel = el("div", { id, className: "reactors-panel", hidden: true },
    [list, empty, more]);
  return { panel, load };
}

// `item`: a post, or a page's comments answer ({reactions, mine}); `urls`: postReactions or
// pageReactions.
export function reactionBar(item, status, urls = postReactions(item.id)) {
  const counts = { ...item.reactions };
  let mine = item.mine;
  const buttons = new Map();
  const panelId = `reactors-${urls.id}`;
  const who = whoPanel(urls, panelId, status);
  const toggle = el("button", { type: "button", className: "link reactions-who" });
  toggle.setAttribute("aria-expanded", "false");
  toggle.setAttribute("aria-controls", panelId);

  function show() {
    for (const [kind, button] of buttons) {
      button.setAttribute("aria-pressed", String(mine === kind));
      button.querySelector(".reaction-count").textContent = String(counts[kind] || 0);
    }
    toggle.textContent = `${t("reactionsWho")} (${total(counts)})`;
  }

  for (const kind of Object.keys(counts)) {
    const button = el("button", { type: "button", className: "reaction", value: kind }, [
      el("span", { className: "reaction-label", textContent: label(kind) }), " ",
      el("span", { className: "reaction-count" }),
    ]);
    // The pressed state and the count are the visible success; the status says it in words.
    button.addEventListener("click", () => act(async () => {
      const removing = mine === kind;
      const state = await api(urls.change(kind), { method: removing ? "DELETE" : "PUT", body: {} });
      Object.assign(counts, state.reactions);
      mine = state.mine;
      show();
      if (!who.panel.hidden) await who.load(null);
      return state;
    }, { status, button, done: (state) => (state.mine
      ? t("reactionSaved").replace("{kind}", label(state.mine)) : t("reactionRemoved")) }));
    buttons.set(kind, button);
  }

  toggle.addEventListener("click", () => {
    const open = who.panel.hidden;
    who.panel.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    if (open) act(() => who.load(null), { status, button: toggle });
  });
  show();
  const group = el("div", { className: "reactions", role: "group" }, [...buttons.values()]);
  group.setAttribute("aria-label", t("reactionsLabel"));
  return el("div", { className: "reaction-bar" }, [group, toggle, who.panel]);
}
