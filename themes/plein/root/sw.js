// Plein's service worker: shows a pushed notification and opens its item when it is clicked.
// Served from the site root (plugins/plein_root) so it may open any page; plain JS, no imports.
// The payload comes from the API (domain/delivery/push.py): {title, body, url, tag}.

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
