// "Seen by N colleagues": reports the posts that were on screen, in small batches, and shows
// each post's count. It only relies on the stream's `.post[data-id]` items.
import { api } from "./api.js";
import { el } from "./dom.js";
import { onHome } from "./home.js";
import { t } from "./messages.js";

const list = document.querySelector('[data-widget="stream"]');
const BATCH = 20; // the API takes at most 20 ids per request
const counts = new Map();
const reported = new Set();
const waiting = new Set();
let timer = null;

function label(post) {
  const n = counts.get(post.dataset.id);
  if (n === undefined) return;
  let node = post.querySelector(":scope > .seen");
  if (!node) {
    node = el("p", { className: "seen" });
    const body = post.querySelector(":scope > .post-body");
    if (body) body.after(node);
    else post.append(node);
  }
  node.textContent = n === 0 ? t("seenNone") : n === 1 ? t("seenOne") : t("seenMany").replace("{n}", n);
}

async function flush() {
  timer = null;
  const ids = [...waiting].slice(0, BATCH);
  ids.forEach((id) => waiting.delete(id));
  try {
    const { items } = await api("/posts/seen", { method: "POST", body: { ids } });
    for (const [id, n] of Object.entries(items)) counts.set(id, n);
    list.querySelectorAll(".post[data-id]").forEach(label);
  } catch {
    // Counting is a courtesy: a failed report leaves the stream as it is.
  }
  if (waiting.size) timer = setTimeout(flush, 300);
}

const observer = new IntersectionObserver((entries) => {
  for (const entry of entries) {
    // Seen: half of the post is on screen, or (for a tall post) it fills half the screen.
    const fills = entry.rootBounds && entry.intersectionRect.height >= entry.rootBounds.height / 2;
    if (!entry.isIntersecting || (entry.intersectionRatio < 0.5 && !fills)) continue;
    const id = entry.target.dataset.id;
    observer.unobserve(entry.target);
    if (!reported.has(id)) {
      reported.add(id);
      waiting.add(id);
    }
  }
  // A short pause gathers the posts that came on screen together into one request.
  if (waiting.size && !timer) timer = setTimeout(flush, 300);
}, { threshold: [0, 0.25, 0.5, 0.75, 1] });

function watch(node) {
  if (!(node instanceof Element) || !node.matches(".post[data-id]")) return;
  label(node);
  observer.observe(node);
}

// On the home page /api/home brings the first page's counts, and which of its posts a view
// by this reader would not change: those are not reported, so a visit that sees nothing new
// asks nothing.
onHome((parts) => {
  if (!list || !parts.seen) return;
  for (const [id, n] of Object.entries(parts.seen.counts)) counts.set(id, n);
  parts.seen.counted.forEach((id) => reported.add(id));
  list.querySelectorAll(".post[data-id]").forEach(label);
});

if (list && "IntersectionObserver" in window) {
  new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach(watch)))
    .observe(list, { childList: true });
  list.querySelectorAll(".post[data-id]").forEach(watch);
}
