// The language switcher (partial/language.html). Switching keeps the query and the place on the
// page, remembers the choice in this browser (the plein_lang cookie, which language-early.js
// reads on every page) and, for a signed-in person, saves it as their language, which mail
// and push follow too. A signed-in person on a browser that has no choice yet takes their
// saved one (once: it is then remembered here). See docs/languages.md.
import { api } from "./api.js";
import { onSession } from "./session.js";

const COOKIE = "plein_lang";
const YEAR = 365 * 24 * 3600;
const here = document.documentElement.dataset.lang;
let person;
// A click on the switcher can come before the session is known: saving waits for it (a few
// seconds at most, so a session that never arrives cannot hold the switch up).
let sessionKnown;
const known = new Promise((resolve) => { sessionKnown = resolve; });
const SESSION_WAIT_MS = 3000;

export function chosen() {
  return (document.cookie.match(/(?:^|;\s*)plein_lang=([a-z]{2,3})(?:;|$)/) || [])[1] || null;
}

export function remember(lang) {
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${COOKIE}=${lang}; Path=/; Max-Age=${YEAR}; SameSite=Lax${secure}`;
}

async function save(lang) {
  await Promise.race([known, new Promise((resolve) => { setTimeout(resolve, SESSION_WAIT_MS); })]);
  if (!person) return;
  try {
    await api("/me/notification-settings", { method: "PUT", body: { language: lang } });
  } catch {
    // The page still switches; mail keeps the earlier language until the next switch.
  }
}

function goTo(lang) {
  const link = document.querySelector(`link[rel="alternate"][hreflang="${lang}"]`);
  if (link && lang !== here) {
    window.location.replace(new URL(link.href).pathname + window.location.search
      + window.location.hash);
  }
}

for (const link of document.querySelectorAll("a[data-language]")) {
  link.addEventListener("click", async (event) => {
    const lang = link.dataset.language;
    remember(lang);
    // A new tab or window opens the link itself; the choice is saved all the same.
    if (event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      save(lang);
      return;
    }
    event.preventDefault();
    await save(lang);
    window.location.assign(link.getAttribute("href") + window.location.search
      + window.location.hash);
  });
}

onSession(async (signedIn) => {
  person = signedIn;
  sessionKnown();
  if (!signedIn) return;
  // Signing in sets the cookie to the saved language (routes/auth.py): follow it at once.
  if (chosen()) {
    goTo(chosen());
    return;
  }
  try {
    const { language } = await api("/me/notification-settings");
    if (chosen()) return; // the switcher was quicker: that choice stands
    remember(language);
    goTo(language);
  } catch {
    // Not known now: this page's language stays, and the next page asks again.
  }
});
