// Ambassadors: the content managers' control to mark someone (shown when the API says `can_mark_ambassador`), and the page that
// lists them (ambassadeurs.html, when its list is on the page).
import { act, api, errorText, say } from "./api.js";
import { fillAvatar } from "./avatar.js";
import { el, statusRegion } from "./dom.js";
import { t } from "./messages.js";
import { onSession } from "./session.js";

// A button that marks or unmarks; `onChange(person)` re-renders with the new state.
export function ambassadorControl(person, onChange) {
  if (!person.can_mark_ambassador) return [];
  const status = statusRegion();
  const button = el("button", { type: "button", className: "secondary",
    textContent: person.ambassador ? t("ambassadorUnmark") : t("ambassadorMark") });
  button.addEventListener("click", async () => {
    const done = await act(() => api(`/people/${encodeURIComponent(person.id)}/ambassador`,
      { method: person.ambassador ? "DELETE" : "PUT", body: {} }), { status, button });
    if (done) {
      onChange({ ...person, ambassador: done.ambassador });
      say(status, done.ambassador ? t("ambassadorMarked") : t("ambassadorUnmarked"));
    }
  });
  return [button, status];
}

const list = document.querySelector('[data-widget="ambassadors"]');
if (list) {
  const status = document.querySelector("[data-ambassadors-status]");
  const profileUrl = list.dataset.profileUrl;
  onSession(async (person) => {
    list.replaceChildren();
    if (!person) return;
    try {
      const { items } = await api("/ambassadors");
      say(status, items.length ? "" : t("noAmbassadors"));
      list.append(...items.map((p) => {
        const avatar = fillAvatar(el("span", { className: "avatar" }), p);
        return el("li", { className: "person-card" }, [avatar, el("div", {}, [
          el("a", { href: `${profileUrl}?id=${encodeURIComponent(p.id)}`,
            className: "person-name", textContent: p.name }),
          el("p", { className: "person-role",
            textContent: [p.title, p.department].filter(Boolean).join(" · ") }),
          el("a", { href: `mailto:${p.email}`, textContent: p.email }),
        ])]);
      }));
    } catch (err) {
      say(status, errorText(err), { error: true });
    }
  });
}
