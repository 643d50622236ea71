// @mention autocomplete for a post or comment box, from the people search. Typing "@" and a
// few letters of a name lists colleagues; arrow keys move, Enter or Tab puts their @handle in
// the text, Escape closes. The box keeps focus throughout (aria-activedescendant), and a
// status region says how many colleagues were found.
import { errorText } from "./api.js";
import { el } from "./dom.js";
import { t } from "./messages.js";
import { searchApi } from "./search-common.js";

// "@" at the start or after a space or bracket, then the letters typed so far.
const TYPED = /(?:^|[\s(])@([\p{L}\p{N}._-]{2,40})$/u;
const WAIT_MS = 200;
let boxes = 0;

export function attach(textarea) {
  boxes += 1;
  const list = el("ul", { id: `mention-list-${boxes}`, className: "mention-suggestions",
    hidden: true });
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", t("mentionColleague"));
  const status = el("span", { className: "visually-hidden", role: "status" });
  textarea.after(list, status);
  textarea.setAttribute("aria-autocomplete", "list");
  textarea.setAttribute("aria-controls", list.id);
  let people = [];
  let active = -1;
  let timer = null;
  let typed = null;

  function close() {
    list.hidden = true;
    textarea.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function choose(index) {
    const options = [...list.children];
    active = (index + options.length) % options.length;
    options.forEach((o, i) => o.setAttribute("aria-selected", String(i === active)));
    textarea.setAttribute("aria-activedescendant", options[active].id);
  }

  function insert(person) {
    const at = textarea.selectionStart;
    const before = textarea.value.slice(0, at).replace(/@[\p{L}\p{N}._-]*$/u, `@${person.handle} `);
    textarea.value = before + textarea.value.slice(at);
    textarea.setSelectionRange(before.length, before.length);
    close();
    status.textContent = t("mentioned").replace("{name}", person.title);
  }

  function show(found) {
    people = found.filter((p) => p.handle).slice(0, 6);
    list.replaceChildren(...people.map((person, i) => {
      const option = el("li", { id: `${list.id}-${i}` }, [
        el("span", { textContent: person.title }), " ",
        el("span", { className: "mention-handle", textContent: `@${person.handle}` })]);
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.addEventListener("mousedown", (event) => {
        event.preventDefault();
        insert(person);
      });
      return option;
    }));
    list.hidden = !people.length;
    status.textContent = people.length
      ? t("mentionsFound").replace("{n}", String(people.length)) : t("noMention");
  }

  async function lookup() {
    const match = textarea.value.slice(0, textarea.selectionStart).match(TYPED);
    if (!match) {
      close();
      return;
    }
    typed = match[1];
    const asked = typed;
    try {
      // A handle is the first part of an email address: its dots stand between name words.
      const found = await searchApi(asked.replace(/[._-]+/g, " "), { type: "people" });
      if (asked === typed) show(found.items);
    } catch (err) {
      status.textContent = errorText(err);
    }
  }

  textarea.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(lookup, WAIT_MS);
  });
  textarea.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      choose(active + (event.key === "ArrowDown" ? 1 : -1));
    } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) {
      event.preventDefault();
      insert(people[active]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  textarea.addEventListener("blur", () => setTimeout(close, 100));
  lookup();
}
