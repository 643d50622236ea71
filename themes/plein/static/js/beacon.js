// Page-view beacon: one per page load (a module runs once per document; a page restored from
// the back/forward cache is not a new load). sendBeacon never delays or blocks the page.
// It sends JSON with the page's own Origin, which every state-changing API request needs.
// Only for a signed-in reader: only their views count, and a signed-out visitor's browser
// would otherwise show a refused request on every page.
import { pagePath } from "./dom.js";
import { onSession } from "./session.js";

const url = `${document.body.dataset.api || "/api"}/hits`;
const body = JSON.stringify({ path: pagePath() }); // one page in every language

function send() {
  let queued = false;
  try {
    queued = navigator.sendBeacon(url, new Blob([body], { type: "application/json" }));
  } catch {
    queued = false;
  }
  if (!queued) {
    // Browsers without sendBeacon, or that refuse a JSON blob: the same request by fetch.
    fetch(url, {
      method: "POST", body, keepalive: true, credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
    }).catch(() => {});
  }
}

let sent = false;
onSession((person) => {
  if (!person || sent) return;
  sent = true;
  send();
});
