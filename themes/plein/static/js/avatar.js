// A person's avatar: their photo (the 400 px web size, cropped round by CSS), else their
// initials. Always next to their name, so it is decorative: empty alt, hidden from readers.
import { el } from "./dom.js";

export function initials(name) {
  return name.split(/\s+/).filter(Boolean).map((w) => w[0]).filter((c) => c === c.toUpperCase())
    .slice(0, 2).join("");
}

export function fillAvatar(node, person) {
  node.setAttribute("aria-hidden", "true");
  if (!person.photo) {
    node.textContent = initials(person.name);
    return node;
  }
  node.replaceChildren(el("img", {
    src: person.photo.src, alt: "", loading: "lazy", decoding: "async",
  }));
  return node;
}
