// Comment threads with one level of replies: under each post (mounted by stream.js) and on
// every article and page (thread key: the page's path, from data-path).
import { act, api, say } from "./api.js";
import { byline } from "./avatar.js";
import { el, may, sitePath, statusRegion, when } from "./dom.js";
import { t } from "./messages.js";
import { pageReactions, reactionBar } from "./reactions.js";
import { reportButton } from "./report.js";
import "./mention-start.js";
import { onSession } from "./session.js";

const PROFILE = sitePath("/mensen/profiel.html?id=");

let formCount = 0;
// Who is signed in: a comment by someone else gets a "Report" button.
let me = null;
onSession((person) => {
  me = person;
});

// `done`: what the status says once `onSubmit` succeeded.
function commentForm(label, onSubmit, { initial = "", done = "" } = {}) {
  formCount += 1;
  const id = `comment-body-${formCount}`;
  const textarea = el("textarea", { id, name: "body", rows: 2, maxLength: 3000, required: true,
    value: initial });
  const status = statusRegion();
  const form = el("form", { className: "comment-form" }, [
    el("label", { htmlFor: id, textContent: label }),
    textarea,
    el("div", { className: "form-actions" }, [
      el("button", { type: "submit", textContent: t("send") }), status,
    ]),
  ]);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!textarea.value.trim()) {
      say(status, t("errorEmpty"), { error: true });
      return;
    }
    await act(async () => {
      await onSubmit(textarea.value);
      textarea.value = "";
    }, { status, button: form.querySelector("button"), done });
  });
  return form;
}

// options: {list, create, answer (comment id or null), canMarkAnswer, onAnswer(id), onCount(n)}
export function mountThread(root, options) {
  const items = el("ol", { className: "comment-list" });
  // The thread's status outlives re-rendering: edits and deletions report here.
  const status = statusRegion("status thread-status");
  let comments = [];

  function actions(comment) {
    const bar = el("div", { className: "comment-actions" });
    if (!comment.parent && !comment.deleted) {
      const reply = el("button", { type: "button", className: "link", textContent: t("reply") });
      reply.addEventListener("click", () => {
        reply.replaceWith(commentForm(t("writeReply"), async (body) => {
          await options.create({ body, parent: comment.id });
          await refresh();
          say(status, t("commentPosted"));
        }));
      });
      bar.append(reply);
    }
    if (!comment.deleted && may(comment, "edit")) {
      const edit = el("button", { type: "button", className: "link", textContent: t("edit") });
      edit.addEventListener("click", () => {
        edit.closest(".comment").querySelector(".comment-body").replaceWith(
          commentForm(t("editComment"), async (body) => {
            await api(`/comments/${comment.id}`, { method: "PATCH", body: { body } });
            await refresh();
            say(status, t("commentSaved"));
          }, { initial: comment.body }));
      });
      bar.append(edit);
    }
    if (!comment.deleted && may(comment, "delete")) {
      const del = el("button", { type: "button", className: "link", textContent: t("delete") });
      del.addEventListener("click", () => act(async () => {
        await api(`/comments/${comment.id}`, { method: "DELETE", body: {} });
        await refresh();
      }, { status, button: del, done: t("commentRemoved") }));
      bar.append(del);
    }
    if (options.canMarkAnswer && options.canMarkAnswer() && !comment.deleted
        && options.answer() !== comment.id) {
      const mark = el("button", { type: "button", className: "link",
        textContent: t("markAnswer") });
      mark.addEventListener("click", () => act(async () => {
        await options.onAnswer(comment.id);
        render();
      }, { status, button: mark, done: t("answerMarked") }));
      bar.append(mark);
    }
    if (!comment.deleted && me && comment.author && comment.author.id !== me.id) {
      bar.append(reportButton("comment", comment.id, status));
    }
    return bar;
  }

  function view(comment) {
    const isAnswer = options.answer && options.answer() === comment.id;
    const body = el("div", { className: "comment-body" });
    if (comment.deleted) body.textContent = t("commentDeleted");
    else body.innerHTML = comment.html; // sanitised on the server with nh3
    const header = el("p", { className: "comment-meta" }, [
      comment.author ? byline(comment.author, t("formerColleague"), PROFILE) : null,
      comment.author ? " · " : null, when(comment.created),
      comment.edited ? ` · ${t("edited")}` : null,
      isAnswer ? el("span", { className: "badge answer", textContent: t("answer") }) : null,
    ]);
    // Its author sees that a moderator hid it (others get it blanked, as deleted).
    const hidden = comment.hidden && typeof comment.hidden === "object"
      ? el("p", { className: "hidden-note", textContent: t("commentHidden") }) : null;
    const li = el("li", { className: isAnswer ? "comment is-answer" : "comment" },
      [header, hidden, body, actions(comment)]);
    li.dataset.id = comment.id;
    li.id = `comment-${comment.id}`; // a notification links here
    return li;
  }

  function render() {
    const replies = new Map();
    for (const c of comments) {
      if (c.parent) replies.set(c.parent, [...(replies.get(c.parent) || []), c]);
    }
    items.replaceChildren(...comments.filter((c) => !c.parent).map((c) => {
      const li = view(c);
      const under = replies.get(c.id);
      if (under) li.append(el("ol", { className: "comment-replies" }, under.map(view)));
      return li;
    }));
  }

  async function refresh() {
    let cursor = null;
    const all = [];
    do {
      const page = await options.list(cursor);
      all.push(...page.items);
      cursor = page.next;
    } while (cursor);
    comments = all;
    render();
    const visible = comments.filter((c) => !c.deleted).length;
    if (options.onCount) options.onCount(visible);
    return visible;
  }

  root.replaceChildren(items, status, commentForm(t("writeComment"), async (body) => {
    await options.create({ body });
    await refresh();
  }, { done: t("commentPosted") }));
  // Loading the thread reports a failure like any action; callers need not catch.
  const load = () => act(refresh, { status });
  return { refresh: load, render };
}

// Articles and pages: <section data-widget="comments" data-path="/nieuws/x.html">, with the
// page's reaction bar above the thread. The thread's first page brings the page's reaction
// counts and the reader's own (one request for both); signed out, neither is asked for.
function mountPage(section) {
  const path = section.dataset.path;
  const body = section.querySelector("[data-comments-body]");
  const hint = section.querySelector("[data-comments-hint]");
  const holder = section.querySelector("[data-page-reactions]");
  const query = `/pages/comments?path=${encodeURIComponent(path)}`;
  onSession((person) => {
    const signedIn = Boolean(person);
    hint.hidden = signedIn;
    body.hidden = !signedIn;
    holder.hidden = !signedIn; // its height is reserved (social.css): the bar shifts nothing
    holder.replaceChildren();
    if (!signedIn) {
      body.replaceChildren();
      return;
    }
    mountThread(body, {
      list: async (cursor) => {
        const page = await api(query + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""));
        // Once: a refresh after commenting keeps the bar (and its open "who reacted") as is.
        if (page.reactions && !holder.firstChild) {
          const status = statusRegion();
          holder.replaceChildren(reactionBar(page, status, pageReactions(path)), status);
        }
        return page;
      },
      create: (data) => api(query, { method: "POST", body: data }),
    }).refresh().then(() => showLinkedComment());
  });
}

// A notification links to `#comment-<id>`; the comment exists only once the thread loaded.
export function showLinkedComment() {
  const target = window.location.hash.startsWith("#comment-")
    && document.getElementById(window.location.hash.slice(1));
  if (!target) return;
  target.tabIndex = -1;
  target.classList.add("highlight");
  target.scrollIntoView({ block: "center" });
  target.focus({ preventScroll: true });
}

document.querySelectorAll('[data-widget="comments"]').forEach(mountPage);
