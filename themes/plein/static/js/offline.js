// Installs the service worker (/sw.js) for offline reading, and forgets what it kept of this
// person when they sign out (`forget`), so the next person on a shared phone reads none of it.
const PAGES_CACHE = "plein-pages";
const root = new URL("../../", import.meta.url).pathname; // this file is theme/js/offline.js

function install() {
  navigator.serviceWorker.register(`${root}sw.js`, { scope: root }).catch(() => {});
}

if ("serviceWorker" in navigator) {
  // After the page has loaded: installing must not compete with what the reader came for.
  if (document.readyState === "complete") install();
  else window.addEventListener("load", install);
}

export async function forget() {
  // The language chosen on this browser (language.js) too: the next person brings their own.
  document.cookie = "plein_lang=; Path=/; Max-Age=0; SameSite=Lax";
  navigator.serviceWorker?.controller?.postMessage({ type: "plein:signed-out" });
  if ("caches" in window) await caches.delete(PAGES_CACHE).catch(() => false);
}
