// Expertise suggestions for any <input data-suggest-tags list="...">: tags colleagues already
// use, most used first, so that "org change" and "organisational change" don't drift apart.
import { api } from "./api.js";
import { el } from "./dom.js";

const WAIT_MS = 150;

export function suggestTags(input) {
  const list = document.getElementById(input.getAttribute("list"));
  let timer = null;
  let asked = "";
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const prefix = input.value.trim();
      if (!prefix || prefix === asked) return;
      asked = prefix;
      try {
        const { items } = await api(`/expertise?prefix=${encodeURIComponent(prefix)}`);
        if (asked !== prefix) return; // a newer request is on its way
        list.replaceChildren(...items.map((s) => el("option", {
          value: s.tag, label: `${s.tag} (${s.count})`,
        })));
      } catch {
        list.replaceChildren();
      }
    }, WAIT_MS);
  });
}

export function tagLink(tag, directoryUrl) {
  return el("a", { href: `${directoryUrl}?expertise=${encodeURIComponent(tag)}`,
    className: "tag", textContent: tag });
}
