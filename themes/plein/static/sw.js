// Plein's service worker, served from the site root (/sw.js, copied there by plugins/plein_app
// with a build stamp, so every theme change makes browsers install a new worker).
//
// Offline reading: the site's shell is kept at install; every page read online is kept too,
// so it can be read again without a network; a page never read shows the offline page. Pages
// always come from the network first: nobody reads yesterday's stream while online.
// The API is never cached: its answers are personal and their freshness matters.
// Personal data is forgotten at sign-out: the page deletes the pages cache (offline.js) and
// tells this worker, which does the same for any copy it was still writing.

const BUILD = "__PLEIN_BUILD__";
const SHELL_CACHE = `plein-shell-${BUILD}`;
const PAGES_CACHE = "plein-pages";
const MAX_PAGES = 60;
const SCOPE = new URL(self.registration.scope).pathname; // "/" or SITEURL's path
// The languages under their own prefix ("en"; plugins/plein_app writes them in): each has
// its own offline page, shown for a page of that language.
const PREFIXES = "__PLEIN_LANGUAGE_PREFIXES__".split(",").filter(Boolean);
const OFFLINE = `${SCOPE}offline.html`;
const offlinePage = (path) => {
  const prefix = PREFIXES.find((p) => path.startsWith(`${SCOPE}${p}/`));
  return prefix ? `${SCOPE}${prefix}/offline.html` : OFFLINE;
};
const SHELL = [
  OFFLINE,
  ...PREFIXES.map((p) => `${SCOPE}${p}/offline.html`),
  `${SCOPE}theme/js/language-early.js`,
  `${SCOPE}theme/js/language.js`,
  `${SCOPE}theme/css/brand.css`,
  `${SCOPE}theme/css/plein.css`,
  `${SCOPE}theme/js/api.js`,
  `${SCOPE}theme/js/dom.js`,
  `${SCOPE}theme/js/messages.js`,
  `${SCOPE}theme/js/session.js`,
  `${SCOPE}theme/js/home.js`,
  `${SCOPE}theme/js/safe-next.js`,
  `${SCOPE}theme/js/menu.js`,
  `${SCOPE}theme/js/offline.js`,
  `${SCOPE}theme/js/beacon.js`,
  `${SCOPE}theme/js/seen.js`,
  `${SCOPE}theme/js/search-box.js`,
  `${SCOPE}theme/js/bell.js`,
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL))
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys
      .filter((key) => key.startsWith("plein-shell-") && key !== SHELL_CACHE)
      .map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

async function keepPage(request, response) {
  const cache = await caches.open(PAGES_CACHE);
  await cache.put(request, response);
  const keys = await cache.keys();
  // Oldest first (insertion order): a long-used phone keeps the latest pages, not all of them.
  await Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_PAGES))
    .map((key) => cache.delete(key)));
}

async function page(request) {
  try {
    const response = await fetch(request);
    // Only our own complete pages: not a redirect to sign in, not an error page.
    if (response.ok && response.type === "basic" && !response.redirected) {
      await keepPage(request, response.clone());
    }
    return response;
  } catch {
    const kept = await caches.match(request, { ignoreSearch: false });
    return kept || (await caches.match(offlinePage(new URL(request.url).pathname)))
      || (await caches.match(OFFLINE)) || Response.error();
  }
}

async function asset(request) {
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      const cache = await caches.open(SHELL_CACHE);
      await cache.put(request, response.clone());
    }
    return response;
  } catch {
    return (await caches.match(request)) || Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(`${SCOPE}api/`) || url.pathname.startsWith(`${SCOPE}media/`)) {
    return;
  }
  if (request.mode === "navigate") event.respondWith(page(request));
  else if (url.pathname.startsWith(`${SCOPE}theme/`) || url.pathname.startsWith(`${SCOPE}images/`)) {
    event.respondWith(asset(request));
  }
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "plein:signed-out") {
    event.waitUntil(caches.delete(PAGES_CACHE));
  }
});

// ---- Push notifications ----------------------------------------------------------------
// Shows a pushed notification and opens its item when it is clicked (the push control in
// partial/push-device.html registers this same worker). The payload comes from the API
// (domain/delivery/push.py): {title, body, url, tag}.

function ownPath(url) {
  // Only our own pages: a payload can never send the reader to another site.
  // "//host" and "/\host" are other hosts to a browser.
  return typeof url === "string" && /^\/(?![\/\\])/.test(url) ? url : "/";
}

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  const options = { body: data.body || "", data: { url: ownPath(data.url) } };
  if (data.tag) options.tag = data.tag; // an updated note replaces its earlier notification
  event.waitUntil(self.registration.showNotification(data.title || "Plein", options));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(ownPath(event.notification.data && event.notification.data.url),
    self.location.origin).href;
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    for (const client of windows) {
      if (client.url === target && "focus" in client) return client.focus();
    }
    return self.clients.openWindow(target);
  })());
});
