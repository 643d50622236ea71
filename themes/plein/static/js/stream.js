// Home stream (and a group's): the newest-first list with reactions, comments, answers,
// editing and deleting; "more" loads the next page by cursor. The post form is composer.js.
import { hiddenNote, pinControl, pinnedMark, readControl } from "./announcements.js";
import { act, api, say } from "./api.js";
import { mountComposer } from "./composer.js";
import { el, may, sitePath, statusRegion, when } from "./dom.js";
import { t } from "./messages.js";
import { reactionBar } from "./reactions.js";
import { ambassadorBadge, byline } from "./avatar.js";
import { homePart } from "./home.js";
import "./mention-start.js";
import { reportButton } from "./report.js";
import { current, onSession } from "./session.js";

const list = document.querySelector('[data-widget="stream"]');
const form = document.querySelector('[data-widget="post-form"]');
const more = document.querySelector("[data-stream-more]");
const hint = document.querySelector("[data-stream-hint]");
const filter = document.querySelector("[data-stream-filter]");
const onlyOpen = filter.querySelector("input");
const streamStatus = document.querySelector("[data-stream-status]");
const PROFILE = sitePath("/mensen/profiel.html?id=");
const GROUP = sitePath("/groep.html?id=");
// On a group page (groep.html?id=…) this widget shows and posts to that group; group.js
// announces the group and what the viewer may do in it.
const groupId = list.dataset.scope === "group"
  ? new URLSearchParams(window.location.search).get("id") : null;
let next = null;
let me = null;
// What the API lets the viewer do in this stream (pin, must-read posts); in a group its
// managers pin as well (the group's `may.manage`).
let streamMay = {};
let groupManager = false;
// Posts written here while a first page was loading: that page may not hold them yet.
let recent = [];

function photoList(photos) {
  if (!photos.length) return null;
  return el("ul", { className: `post-photos count-${photos.length}` }, photos.map((p) =>
    el("li", {}, [el("img", {
      src: p.src, srcset: p.srcset, alt: p.alt, width: p.width, height: p.height,
      loading: "lazy", decoding: "async",
      sizes: "(min-width: 52rem) 40rem, 100vw",
    })])));
}

function questionBadge(post) {
  if (post.kind !== "question") return null;
  return el("span", { className: post.answered ? "badge answered" : "badge open",
    textContent: post.answered ? t("answered") : t("unanswered") });
}

function commentsToggle(post, li) {
  const panelId = `comments-${post.id}`;
  const button = el("button", { type: "button", className: "link",
    textContent: `${t("comments")} (${post.comments})` });
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", panelId);
  const panel = el("div", { id: panelId, className: "post-comments", hidden: true });
  let thread = null;
  async function toggle() {
    const open = panel.hidden;
    panel.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    if (!open || thread) return;
    // comments.js comes on the first opening: most visits open no thread, and the home page
    // is lighter without it (docs/mobile.md).
    thread = import("./comments.js").then(({ mountThread }) => mountThread(panel, {
      list: (cursor) => api(`/posts/${post.id}/comments`
        + (cursor ? `?cursor=${encodeURIComponent(cursor)}` : "")),
      create: (data) => api(`/posts/${post.id}/comments`, { method: "POST", body: data }),
      answer: () => post.answer,
      canMarkAnswer: () => post.kind === "question" && may(post, "answer"),
      onAnswer: async (commentId) => {
        const updated = await api(`/posts/${post.id}/answer`,
          { method: "POST", body: { comment: commentId } });
        Object.assign(post, updated);
        li.querySelector(".badge")?.replaceWith(questionBadge(post));
      },
      onCount: (count) => {
        button.textContent = `${t("comments")} (${count})`;
      },
    }));
    let mounted;
    try {
      mounted = await thread;
    } catch {
      // Offline before comments.js was ever fetched: say so, and try again next time.
      thread = null;
      panel.replaceChildren(el("p", { className: "error", role: "alert", textContent: t("error") }));
      return;
    }
    await mounted.refresh();
  }
  button.addEventListener("click", toggle);
  // A notification's link opens one post with its comments, scrolled to the comment.
  li.openComments = () => (panel.hidden ? toggle() : Promise.resolve());
  return [button, panel];
}

function editButton(post, li, status) {
  const button = el("button", { type: "button", className: "link", textContent: t("edit") });
  button.addEventListener("click", () => {
    const body = li.querySelector(".post-body");
    const id = `edit-${post.id}`;
    const textarea = el("textarea", { id, rows: 3, maxLength: 5000, value: post.body });
    const editor = el("form", { className: "post-edit" }, [
      el("label", { htmlFor: id, textContent: t("editPost") }), textarea,
      el("div", { className: "form-actions" }, [
        el("button", { type: "submit", textContent: t("save") })]),
    ]);
    editor.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!textarea.value.trim()) {
        say(status, t("errorEmpty"), { error: true });
        return;
      }
      await act(async () => {
        const fresh = item(await api(`/posts/${post.id}`, { method: "PATCH",
          body: { body: textarea.value } }));
        li.replaceWith(fresh);
        say(fresh.querySelector(".post-actions .status"), t("postSaved"));
      }, { status, button: editor.querySelector("button") });
    });
    body.replaceWith(editor);
    textarea.focus();
  });
  return button;
}

// Deleting asks once more: the first press turns the button into "Yes, delete" with a
// "Cancel" beside it; only the second press deletes.
function deleteButton(post, li, status) {
  const button = el("button", { type: "button", className: "link", textContent: t("delete") });
  const cancel = el("button", { type: "button", className: "link", textContent: t("cancel"),
    hidden: true });
  let asked = false;
  const reset = () => {
    asked = false;
    button.textContent = t("delete");
    cancel.hidden = true;
  };
  cancel.addEventListener("click", () => {
    reset();
    button.focus();
  });
  // The post's own status goes with it: the stream's says that it is gone.
  button.addEventListener("click", () => {
    if (!asked) {
      asked = true;
      button.textContent = t("confirmDelete");
      cancel.hidden = false;
      return;
    }
    act(async () => {
      await api(`/posts/${post.id}`, { method: "DELETE", body: {} });
      li.remove();
      say(streamStatus, t("postDeleted"));
    }, { status, button }).then(reset);
  });
  return el("span", { className: "delete-ask" }, [button, cancel]);
}

function item(post, { pinned = false } = {}) {
  const li = el("li", { className: post.kind === "question" ? "post question" : "post" });
  if (pinned) li.classList.add("pinned");
  li.dataset.id = post.id;
  li.id = `post-${post.id}`; // search results link here
  // A post just written by the viewer comes back without a byline's photo and job title:
  // the session knows them.
  const author = post.author.id === current?.id && !("title" in post.author)
    ? { ...post.author, photo: current.photo, title: current.title } : post.author;
  // A group post on the home stream names and links its group.
  const where = !groupId && post.group && post.group_name
    ? el("a", { className: "post-group", href: GROUP + encodeURIComponent(post.group),
      textContent: post.group_name }) : null;
  const header = el("header", {}, [
    byline(author, t("formerColleague"), PROFILE),
    post.author.ambassador ? ambassadorBadge() : null,
    el("span", { className: "post-meta" }, [
      where, where ? " · " : null,
      when(post.created), post.edited ? ` · ${t("edited")}` : null, " ", questionBadge(post),
      pinned ? pinnedMark(post) : null,
    ]),
  ]);
  const body = el("div", { className: "post-body" });
  body.innerHTML = post.html; // sanitised on the server with nh3
  const [toggle, panel] = commentsToggle(post, li);
  const status = statusRegion();
  const bar = el("div", { className: "post-actions" }, [
    reactionBar(post, status), toggle,
    may(post, "edit") ? editButton(post, li, status) : null,
    may(post, "delete") ? deleteButton(post, li, status) : null,
    me && me.id !== post.author.id ? reportButton("post", post.id, status) : null,
    streamMay.pin || groupManager
      ? pinControl(post, pinned, status, (text) => load(null).then(() => say(streamStatus, text)))
      : null,
    status,
  ]);
  li.append(header);
  const note = hiddenNote(post);
  if (note) li.append(note);
  // seen.js fills in "seen by"; its line is there from the start, so the post does not grow.
  li.append(body, el("p", { className: "seen" }));
  const announcement = readControl(post, status);
  if (announcement) li.append(announcement);
  const photos = photoList(post.photos || []);
  if (photos) li.append(photos);
  li.append(bar, panel);
  return li;
}

// `?post=<id>` (a notification's link) shows that one post, its comments open; a
// `#comment-<id>` is scrolled into view and focused.
const single = groupId ? null : new URLSearchParams(window.location.search).get("post");

async function loadSingle() {
  more.hidden = true;
  list.setAttribute("aria-busy", "true");
  const li = await act(async () => {
    const shown = item(await api(`/posts/${encodeURIComponent(single)}`));
    list.replaceChildren(shown);
    return shown;
  }, { status: streamStatus, done: "", errors: { not_found: t("postNotFound") } });
  list.setAttribute("aria-busy", "false");
  if (!li) {
    list.replaceChildren();
    return;
  }
  // The thread reports its own failure (mountThread); the comment exists only once it loaded.
  await li.openComments();
  const { showLinkedComment } = await import("./comments.js");
  showLinkedComment();
}

// The home page's "my groups": the stream's first page names them at no extra cost.
const myGroups = document.querySelector("[data-my-groups]");

function showMyGroups(groups) {
  if (!myGroups) return;
  myGroups.querySelector("ul").replaceChildren(...groups.map((g) => el("li", {}, [
    el("a", { href: GROUP + encodeURIComponent(g.id), textContent: g.name })])));
  myGroups.hidden = groups.length === 0;
}

async function load(cursor) {
  if (single) return loadSingle();
  list.setAttribute("aria-busy", "true");
  if (!cursor) recent = [];
  await act(async () => {
    const params = new URLSearchParams();
    if (onlyOpen.checked) params.set("unanswered", "1");
    if (cursor) params.set("cursor", cursor);
    const query = params.toString();
    const path = groupId ? `/groups/${encodeURIComponent(groupId)}/posts` : "/stream";
    const ask = () => api(path + (query ? `?${query}` : ""));
    // The home page's first page came with /api/home (home.js); "more" and the filter ask.
    const page = await (groupId || query ? ask() : homePart("stream", ask));
    if (!cursor) {
      streamMay = page.may || {};
      form.querySelector("[data-must-read]").hidden = !streamMay.must_read;
      const shown = new Set(page.items.map((p) => p.id));
      list.replaceChildren(...(page.pinned || []).map((p) => item(p, { pinned: true })),
        ...recent.filter((p) => !shown.has(p.id)).map((p) => item(p)));
    }
    list.append(...page.items.map((p) => item(p)));
    if (!cursor && page.items.length === 0) {
      list.append(el("li", { className: "empty",
        textContent: onlyOpen.checked ? t("noOpenQuestions") : t("empty") }));
    }
    if (page.groups) showMyGroups(page.groups);
    next = page.next;
    more.hidden = !next;
  }, { status: streamStatus, button: cursor ? more : null, done: "" });
  list.setAttribute("aria-busy", "false");
}

mountComposer(form, {
  group: groupId,
  onPosted(post) {
    list.querySelector(".empty")?.remove();
    recent.unshift(post);
    const newest = list.querySelector(".post:not(.pinned)");
    if (newest) newest.before(item(post));
    else list.append(item(post));
  },
});

more.addEventListener("click", () => load(next));
onlyOpen.addEventListener("change", () => load(null));

function clear() {
  list.replaceChildren();
  list.setAttribute("aria-busy", "false");
  more.hidden = true;
}

if (groupId) {
  document.addEventListener("plein:group", (event) => {
    const allowed = event.detail.may;
    groupManager = Boolean(allowed.manage);
    form.hidden = !allowed.post;
    filter.hidden = !allowed.read;
    hint.hidden = true;
    if (allowed.read) load(null);
    else clear();
  });
}

onSession((person) => {
  me = person;
  if (groupId) {
    if (!person) clear();
    return;
  }
  const signedIn = Boolean(person);
  form.hidden = !signedIn;
  filter.hidden = !signedIn;
  hint.hidden = signedIn;
  if (signedIn) load(null);
  else {
    list.replaceChildren();
    list.setAttribute("aria-busy", "false");
    more.hidden = true;
    if (myGroups) myGroups.hidden = true;
  }
});
