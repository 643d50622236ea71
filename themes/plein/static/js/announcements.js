// Announcements on a post: the "pinned" mark, the "Gelezen" confirmation of a must-read post,
// how many of how many confirmed (the API sends the counts only to the author and content
// managers), and for an author the reason a moderator hid their post.
import { act, api, say } from "./api.js";
import { el } from "./dom.js";
import { t } from "./messages.js";

export function pinnedMark(post) {
  return el("span", { className: "badge pinned", textContent: t("pinned") });
}

export function hiddenNote(post) {
  if (!post.hidden) return null;
  // The moderator's own words to the author (not an API error's developer text).
  const { reason: why = "" } = post.hidden;
  return el("p", { className: "hidden-note", role: "note",
    textContent: `${t("hiddenByModerator")} ${why}` });
}

function countText(post) {
  return t("confirmedOf").replace("{confirmed}", post.confirmed)
    .replace("{audience}", post.audience);
}

// Null for an ordinary post. The button says "Gelezen"; once confirmed it says so instead.
export function readControl(post, status) {
  if (!post.must_read) return null;
  const box = el("div", { className: "must-read" }, [
    el("strong", { textContent: t("mustRead") })]);
  const count = post.confirmed === null || post.confirmed === undefined ? null
    : el("span", { className: "read-count", textContent: countText(post) });
  const confirmed = () => el("span", { className: "read-done", textContent: t("readDone") });
  if (post.read) {
    box.append(" ", confirmed());
  } else {
    const button = el("button", { type: "button", textContent: t("readConfirm") });
    button.addEventListener("click", () => act(async () => {
      await api(`/posts/${post.id}/read-confirmation`, { method: "PUT", body: {} });
      button.replaceWith(confirmed());
    }, { status, button, done: "" }));
    box.append(" ", button);
  }
  if (count) box.append(" ", count, " ", notYetButton(post, box, status));
  return box;
}

// Who has not confirmed yet, a page of names at a time (only the author and content managers
// get the counts, and with them this button).
function notYetButton(post, box, status) {
  const button = el("button", { type: "button", className: "link", textContent: t("notYet") });
  const names = el("ul", { className: "not-yet" });
  let cursor = null;
  button.addEventListener("click", () => act(async () => {
    const page = await api(`/posts/${post.id}/read-confirmations`
      + (cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""));
    if (!names.isConnected) box.append(names);
    names.append(...page.items.map((p) => el("li", { textContent: p.name })));
    cursor = page.next;
    button.textContent = t("more");
    button.hidden = !cursor;
  }, { status, button, done: "" }));
  return button;
}

let pinForms = 0;

// Pin (until a date) or unpin a post; `onDone()` reloads the stream so the pin shows on top.
export function pinControl(post, pinned, status, onDone) {
  if (pinned) {
    const unpin = el("button", { type: "button", className: "link", textContent: t("unpin") });
    unpin.addEventListener("click", async () => {
      if (await act(() => api(`/posts/${post.id}/pin`, { method: "DELETE", body: {} }),
        { status, button: unpin })) onDone(t("unpinned"));
    });
    return unpin;
  }
  const open = el("button", { type: "button", className: "link", textContent: t("pin") });
  open.addEventListener("click", () => {
    pinForms += 1;
    const id = `pin-until-${pinForms}`;
    const until = el("input", { id, type: "date", name: "until", required: true });
    const form = el("form", { className: "pin-form" }, [
      el("label", { htmlFor: id, textContent: t("pinUntil") }), until,
      el("button", { type: "submit", textContent: t("pin") })]);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!until.value) {
        say(status, t("pinUntil"), { error: true });
        return;
      }
      if (await act(() => api(`/posts/${post.id}/pin`, { method: "PUT",
        body: { until: until.value } }), { status, button: form.querySelector("button") })) {
        onDone(t("pinnedNow"));
      }
    });
    open.replaceWith(form);
    until.focus();
  });
  return open;
}
