// Small DOM helpers shared by the widgets. Text always goes in as textContent; the only HTML
// inserted anywhere is the API's `html`, which the server sanitised with nh3.
export function el(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

// The reader's language's pages live under a root of their own ("" for the default language,
// "/en" for English: base.html's data-root); the API and the shared files do not.
const root = document.documentElement.dataset.root || "";
const rootPath = new URL(`${root}/`, window.location.href).pathname.replace(/\/$/, "");

// A site page's path ("/groep.html?id=…", as the API and this code name pages) in the
// reader's language.
export function sitePath(path) {
  return typeof path === "string" && /^\/(?![\/\\])/.test(path) ? `${root}${path}` : path;
}

// This page's path in any language ("/en/nieuws/x.html" → "/nieuws/x.html"): comments and
// page hits count per page, whatever the language it was read in.
export function pagePath(pathname = window.location.pathname) {
  return rootPath && pathname.startsWith(`${rootPath}/`) ? pathname.slice(rootPath.length) : pathname;
}

const lang = document.body.dataset.lang || "nl";
const dateFormat = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });

export function when(iso) {
  return el("time", { dateTime: iso, textContent: dateFormat.format(new Date(iso)) });
}

// What the viewer may do with a post or comment, as the API decided it ("may" flags); the
// browser never works it out itself. No flags means no controls.
export function may(item, action) {
  return Boolean(item && item.may && item.may[action]);
}

// A status region for one widget or item: what an action did, or why it failed.
export function statusRegion(className = "status") {
  return el("span", { className, role: "status" });
}
