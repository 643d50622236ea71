// The results page (zoeken.html?q=…&type=…): one tab per kind of result. News and pages come
// from Pagefind in the browser, posts, groups and people from the API; all four are asked at
// once, and each tab says how many it holds.
import { act, say } from "./api.js";
import { el } from "./dom.js";
import { t } from "./messages.js";
import { resultBody, searchApi, searchPages } from "./search-common.js";

const root = document.querySelector('[data-widget="search-results"]');
const form = root.querySelector("[data-search-form]");
const status = root.querySelector("[data-search-status]");
const tabs = [...root.querySelectorAll('[role="tab"]')];
const params = new URLSearchParams(window.location.search);
const q = (params.get("q") || "").trim();
const PAGE = 10;

function panel(type) {
  return root.querySelector(`[data-panel="${type}"]`);
}

function select(tab, { focus = false } = {}) {
  for (const other of tabs) {
    const selected = other === tab;
    other.setAttribute("aria-selected", String(selected));
    other.tabIndex = selected ? 0 : -1;
    panel(other.dataset.type).hidden = !selected;
  }
  if (focus) tab.focus();
  const url = new URL(window.location.href);
  url.searchParams.set("type", tab.dataset.type);
  window.history.replaceState(null, "", url);
}

tabs.forEach((tab, i) => {
  tab.addEventListener("click", () => select(tab));
  tab.addEventListener("keydown", (event) => {
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    select(tabs[(to + tabs.length) % tabs.length], { focus: true });
  });
});

const state = Object.fromEntries(tabs.map((tab) => [tab.dataset.type, { shown: 0, next: null,
  label: tab.textContent }]));

function fetchPage(type, next) {
  if (type === "pages") return searchPages(root.dataset.pagefind, q, { offset: next || 0,
    limit: PAGE });
  return searchApi(q, { type, cursor: next });
}

async function load(type) {
  const box = panel(type);
  const more = box.querySelector("[data-more]");
  const list = box.querySelector("[data-results]");
  const mine = state[type];
  // A failure (signed out, say) is said in the page's status, and the tab stays as it was.
  const found = await act(() => fetchPage(type, mine.next), { status, button: more });
  if (!found) return null;
  list.append(...found.items.map((item) => el("li", { className: `result result-${item.type}` },
    resultBody(item))));
  mine.shown += found.items.length;
  mine.next = found.next;
  more.hidden = mine.next === null || mine.next === undefined;
  box.querySelector("[data-empty]").hidden = mine.shown > 0 || !more.hidden;
  const tab = tabs.find((x) => x.dataset.type === type);
  tab.textContent = `${mine.label} (${mine.shown}${more.hidden ? "" : "+"})`;
  return found;
}

for (const tab of tabs) {
  panel(tab.dataset.type).querySelector("[data-more]").addEventListener("click",
    () => load(tab.dataset.type));
}

async function run() {
  form.elements.q.value = q;
  if (!q) {
    form.elements.q.focus();
    return;
  }
  document.title = `${q} · ${document.title}`;
  say(status, t("searching"));
  await Promise.all(tabs.map((tab) => load(tab.dataset.type)));
  const wanted = tabs.find((tab) => tab.dataset.type === params.get("type"));
  const first = wanted || tabs.find((tab) => state[tab.dataset.type].shown) || tabs[0];
  select(first);
  const total = Object.values(state).reduce((n, s) => n + s.shown, 0);
  if (!status.classList.contains("is-error")) {
    say(status, total ? t("resultsFound").replace("{n}", String(total)).replace("{q}", q)
      : t("nothingFound").replace("{q}", q));
  }
}

run();
