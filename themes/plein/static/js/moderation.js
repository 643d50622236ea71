// The moderation page: the queue of reported items (the organisation's, or ?group=<id>) with
// hide, restore and delete, and for admins the audit log. The API decides who sees what: a
// refused queue or log says so and stays empty.
import { act, api, errorText, say } from "./api.js";
import { el, statusRegion, when } from "./dom.js";
import { t } from "./messages.js";
import { onSession } from "./session.js";

const queue = document.querySelector("[data-queue-items]");
const queueStatus = document.querySelector("[data-queue-status]");
const queueMore = document.querySelector("[data-queue-more]");
const auditSection = document.querySelector('[data-widget="audit-log"]');
const auditRows = document.querySelector("[data-audit-rows]");
const auditMore = document.querySelector("[data-audit-more]");
const group = new URLSearchParams(window.location.search).get("group");
let queueNext = null;
let auditNext = null;
let count = 0;

function handled(li, text) {
  li.replaceChildren(el("p", { className: "handled", textContent: text }));
}

function entry(flag) {
  count += 1;
  const reasonId = `moderation-reason-${count}`;
  const li = el("li", { className: "queue-item" });
  const status = statusRegion();
  const why = el("input", { id: reasonId, name: "reason", maxLength: 500 });
  const hide = el("button", { type: "button", textContent: t("hide") });
  const restore = el("button", { type: "button", className: "secondary",
    textContent: t("restore") });
  const remove = el("button", { type: "button", className: "link", textContent: t("delete") });
  const path = `/moderation/${flag.kind}/${encodeURIComponent(flag.id)}`;
  hide.addEventListener("click", async () => {
    if (!why.value.trim()) {
      say(status, t("moderationReasonNeeded"), { error: true });
      why.focus();
      return;
    }
    if (await act(() => api(`${path}/hide`, { method: "POST", body: { reason: why.value } }),
      { status, button: hide })) handled(li, t("moderationHidden"));
  });
  restore.addEventListener("click", async () => {
    if (await act(() => api(`${path}/restore`, { method: "POST",
      body: { reason: why.value } }), { status, button: restore })) {
      handled(li, t("moderationRestored"));
    }
  });
  remove.addEventListener("click", async () => {
    const url = flag.kind === "post" ? `/posts/${flag.id}` : `/comments/${flag.id}`;
    if (await act(() => api(url, { method: "DELETE", body: {} }), { status, button: remove })) {
      handled(li, t("moderationDeleted"));
    }
  });
  const reasons = flag.reasons.map((r) => t(`reportReason_${r}`)).join(", ");
  li.append(
    el("p", { className: "queue-meta" }, [
      el("strong", { textContent: flag.kind === "post" ? t("kindPost") : t("kindComment") }),
      ` · ${flag.author.name} · ${t("reportCount").replace("{count}", flag.reports)} · `,
      reasons]),
    el("blockquote", { className: "queue-excerpt", textContent: flag.excerpt }),
    flag.text ? el("p", { className: "queue-text", textContent: `“${flag.text}”` }) : null,
    el("div", { className: "queue-actions" }, [
      el("label", { htmlFor: reasonId, textContent: t("moderationReason") }), why,
      hide, restore, remove, status]),
  );
  return li;
}

async function loadQueue(cursor) {
  const params = new URLSearchParams();
  if (group) params.set("group", group);
  if (cursor) params.set("cursor", cursor);
  const query = params.toString();
  try {
    const page = await api(`/moderation/queue${query ? `?${query}` : ""}`);
    if (!cursor) queue.replaceChildren();
    queue.append(...page.items.map(entry));
    say(queueStatus, !cursor && page.items.length === 0 ? t("queueEmpty") : "");
    queueNext = page.next;
    queueMore.hidden = !queueNext;
  } catch (err) {
    say(queueStatus, errorText(err, { forbidden: t("moderatorsOnly") }), { error: true });
  }
}

const ACTIONS = { hide: "auditHide", restore: "auditRestore", delete: "auditDelete",
  pin: "auditPin", unpin: "auditUnpin" };

async function loadAudit(cursor) {
  try {
    const page = await api(`/moderation/audit${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`);
    auditSection.hidden = false;
    // `reason` here is the moderator's own words in the log, not an API error's text.
    auditRows.append(...page.items.map(({ at, actor, action, excerpt, reason: why }) =>
      el("tr", {}, [
        el("td", {}, [when(at)]), el("td", { textContent: actor.name }),
        el("td", { textContent: t(ACTIONS[action] || "auditOther") }),
        el("td", { textContent: excerpt }), el("td", { textContent: why }),
      ])));
    auditNext = page.next;
    auditMore.hidden = !auditNext;
  } catch {
    auditSection.hidden = true; // admins only: nothing to show anyone else
  }
}

queueMore.addEventListener("click", () => loadQueue(queueNext));
auditMore.addEventListener("click", () => loadAudit(auditNext));

onSession((person) => {
  queue.replaceChildren();
  auditRows.replaceChildren();
  if (!person) return;
  loadQueue(null);
  if (!group) loadAudit(null);
});
