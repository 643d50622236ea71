// The header's search as a combobox (WAI-ARIA 1.2, list autocomplete): colleagues, groups and
// posts as you type; arrow keys move through them, Enter opens one (or, with none chosen, the
// results page with news and pages too), Escape closes the list. A status region says how
// many were found, for screen readers.
import { errorText } from "./api.js";
import { el } from "./dom.js";
import { t } from "./messages.js";
import { marked, searchApi, typeLabel } from "./search-common.js";

const WAIT_MS = 200; // typing pauses this long before a search is sent
const MIN_CHARS = 2;

export function attach(form) {
  const input = form.elements.q;
  const css = el("link", { rel: "stylesheet", href: form.dataset.css });
  document.head.append(css);
  const list = el("ul", { id: "site-search-list", className: "search-suggestions",
    hidden: true });
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", t("suggestions"));
  const status = el("p", { className: "visually-hidden", role: "status" });
  form.append(list, status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  let timer = null;
  let asked = "";
  let active = -1;
  const options = () => [...list.querySelectorAll('[role="option"]')];
  const pageUrl = (q) => `${form.dataset.searchPage}?${new URLSearchParams({ q })}`;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function choose(index) {
    const all = options();
    if (!all.length) return;
    active = (index + all.length) % all.length;
    all.forEach((option, i) => option.setAttribute("aria-selected", String(i === active)));
    input.setAttribute("aria-activedescendant", all[active].id);
    all[active].scrollIntoView({ block: "nearest" });
  }

  function option(item, index, url, children) {
    const node = el("li", { id: `site-search-option-${index}`, className: "suggestion" },
      children);
    node.setAttribute("role", "option");
    node.setAttribute("aria-selected", "false");
    node.dataset.url = url;
    // mousedown, not click: the input must not lose focus (and close the list) first.
    node.addEventListener("mousedown", (event) => {
      event.preventDefault();
      window.location.assign(url);
    });
    return node;
  }

  function show(q, items) {
    const rows = items.map((item, i) => option(item, i, item.url, [
      el("span", { className: "suggestion-type", textContent: typeLabel(item) }),
      el("span", { className: "suggestion-title", textContent: item.title }),
      item.snippet && item.type !== "person"
        ? el("span", { className: "suggestion-snippet" }, marked(item.snippet)) : null,
    ]));
    rows.push(option(null, items.length, pageUrl(q), [
      el("span", { className: "suggestion-all",
        textContent: t("searchEverything").replace("{q}", q) })]));
    list.replaceChildren(...rows);
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    active = -1;
    status.textContent = items.length
      ? t("suggestionsFound").replace("{n}", String(items.length)) : t("noSuggestions");
  }

  async function lookup() {
    const q = input.value.trim();
    if (q.length < MIN_CHARS) {
      close();
      return;
    }
    asked = q;
    try {
      const found = await searchApi(q);
      if (asked === q && input.value.trim() === q) show(q, found.items);
    } catch (err) {
      status.textContent = errorText(err);
      close();
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(lookup, WAIT_MS);
  });
  input.addEventListener("keydown", (event) => {
    const open = !list.hidden;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (open) choose(active + 1);
      else lookup();
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      choose(active - 1);
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      window.location.assign(options()[active].dataset.url);
    } else if (event.key === "Escape") {
      if (open) close();
      else input.value = "";
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
  if (input.value.trim().length >= MIN_CHARS) lookup();
}
