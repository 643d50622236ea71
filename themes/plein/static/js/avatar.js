// A person's avatar: their photo (the 400 px web size, cropped round by CSS), else their
// initials. Always next to their name, so it is decorative: empty alt, hidden from readers.
import { el } from "./dom.js";
import { t } from "./messages.js";

export function initials(name) {
  return name.split(/\s+/).filter(Boolean).map((w) => w[0]).filter((c) => c === c.toUpperCase())
    .slice(0, 2).join("");
}

// The badge of an ambassador, on their profile and on the posts they write: here, beside the
// byline, so the stream does not load the ambassadors' management code (ambassadors.js).
export function ambassadorBadge() {
  return el("span", { className: "badge ambassador", textContent: t("ambassador") });
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

// Who wrote a post or comment: their avatar, their name (a link to their profile) and their
// job title. An author who deleted their account has no name and no profile.
export function byline(author, fallbackName, profileUrl) {
  const person = author || {};
  const name = person.name
    ? el("a", { href: profileUrl + encodeURIComponent(person.id), className: "author" },
      [el("strong", { textContent: person.name })])
    : el("strong", { className: "author", textContent: fallbackName });
  const face = fillAvatar(el("span", { className: "avatar small" }),
    { name: person.name || fallbackName, photo: person.photo });
  return el("span", { className: "byline" }, [face, el("span", { className: "byline-text" }, [
    name, person.title ? el("span", { className: "byline-title", textContent: person.title })
      : null,
  ])]);
}
