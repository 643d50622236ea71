// What the search widgets share: results in one shape ({type, title, snippet, url, date,
// group}), from the API or from Pagefind, and their snippets shown without innerHTML.
import { api } from "./api.js";
import { el, sitePath, when } from "./dom.js";
import { t } from "./messages.js";

const lang = document.body.dataset.lang || "nl";

// A snippet is text with the matches in <mark>. It is parsed into an inert document and only
// its text and <mark>s are copied over: whatever else it might hold never reaches the page.
export function marked(snippet) {
  const doc = new DOMParser().parseFromString(`<body>${snippet || ""}`, "text/html");
  return [...doc.body.childNodes].map((node) => (node.nodeName === "MARK"
    ? el("mark", { textContent: node.textContent }) : document.createTextNode(node.textContent)));
}

export function typeLabel(item) {
  return t(`result_${item.type}`);
}

// Our own results: posts, questions and comments, groups and people (or all of them).
export function searchApi(q, { type, cursor } = {}) {
  const query = new URLSearchParams({ q, lang });
  if (type) query.set("type", type);
  if (cursor) query.set("cursor", cursor);
  // The API names pages at the root; the reader stays in their language.
  return api(`/search?${query}`).then((page) => ({
    ...page, items: page.items.map((item) => ({ ...item, url: sitePath(item.url) })) }));
}

// Pagefind's index of the news and pages, loaded on the first search only (its script and
// WebAssembly are large next to a page, and most visits never search). The index is kept in
// shards (infra/search_index.py): the first is loaded, the others merged into it.
let pagefind = null;
function loadPagefind(bundle) {
  pagefind ||= (async () => {
    const [first, ...others] = (await import(`${bundle}shards.js`)).default;
    const module = await import(`${bundle}${first}pagefind.js`);
    await module.options({ excerptLength: 24 });
    await Promise.all(others.map((shard) => module.mergeIndex(`${bundle}${shard}`)));
    return module;
  })();
  return pagefind;
}

export async function searchPages(bundle, q, { offset = 0, limit = 10 } = {}) {
  const module = await loadPagefind(bundle);
  const found = await module.search(q);
  const slice = found.results.slice(offset, offset + limit);
  const items = (await Promise.all(slice.map((r) => r.data()))).map((data) => ({
    type: "page", id: data.url, title: data.meta.title || data.url, snippet: data.excerpt,
    url: data.url, date: null, group: null,
  }));
  return { items, next: found.results.length > offset + limit ? offset + limit : null };
}

export function resultBody(item) {
  const meta = [typeLabel(item)];
  if (item.group) meta.push(item.group.name);
  const line = el("p", { className: "result-meta" }, [meta.join(" · ")]);
  if (item.date) line.append(" · ", when(item.date));
  return [
    el("a", { href: item.url, className: "result-title", textContent: item.title }),
    line,
    item.snippet ? el("p", { className: "result-snippet" }, marked(item.snippet)) : null,
  ];
}
