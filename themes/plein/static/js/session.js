// Header widget: shows who is signed in; under `plein dev`, a picker of demo employees (unless
// it runs against a real identity provider: then the demo routes answer 404 and we link to it).
import { act, api } from "./api.js";
import { el, sitePath, statusRegion } from "./dom.js";
import { handHome, isHome } from "./home.js";
import { t } from "./messages.js";
import { forget } from "./offline.js";
import { safeNext } from "./safe-next.js";

const root = document.querySelector('[data-widget="session"]');
const isLocal = document.body.dataset.stage === "local";

// The last announced person (null: signed out; undefined: not known yet), for widgets whose
// modules load after the announcement (see onSession).
export let current;

function announce(person) {
  current = person;
  document.dispatchEvent(new CustomEvent("plein:session", { detail: person }));
}

// Calls back with who is signed in (or null) now if already known, and on every change:
// this module may have announced before a widget's module finished loading.
export function onSession(callback) {
  if (current !== undefined) callback(current);
  document.addEventListener("plein:session", (event) => callback(event.detail || null));
}

async function demoPicker() {
  const { items } = await api("/auth/dev-users");
  const select = el("select", { id: "demo-user", name: "email" }, [
    el("option", { value: "", textContent: t("chooseEmployee") }),
    ...items.map((p) => el("option", { value: p.email, textContent: `${p.name} (${p.role})` })),
  ]);
  const button = el("button", { type: "submit", textContent: t("signIn") });
  const status = statusRegion();
  const form = el("form", { className: "demo-login" }, [
    el("label", { htmlFor: "demo-user", textContent: t("signInAsDemo") }),
    select, button, status,
  ]);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!select.value) return;
    // Then /me, as a page load reads it: the person with what they may do (the menu's links);
    // on the home page /home, which also brings every widget's part.
    await act(async () => {
      await api("/auth/dev-login", { method: "POST", body: { email: select.value } });
      render(isHome ? await signedIn() : await api("/me"));
    }, { status, button });
  });
  return form;
}

function signInLink() {
  const next = encodeURIComponent(safeNext(window.location.pathname + window.location.search));
  const base = document.body.dataset.api || "/api";
  return el("a", { className: "button", href: `${base}/auth/login?next=${next}`,
                   textContent: t("signIn") });
}

// After our session ended: end the identity provider's too when it offers that (on a shared
// computer the next person would otherwise be signed in as this one), which brings the browser
// back to the site's front page. Deployed, the site cookies are gone as well: every page now
// leads to the sign-in page.
export async function afterSignOut(result) {
  await forget();
  if (result && typeof result.logout_url === "string" && /^https?:\/\//.test(result.logout_url)) {
    window.location.assign(result.logout_url);
  } else if (isLocal) {
    render(null);
  } else {
    window.location.assign(sitePath("/inloggen.html"));
  }
}

async function signInChoice() {
  if (!isLocal) return signInLink();
  try {
    return await demoPicker();
  } catch {
    return signInLink();
  }
}

async function render(person) {
  root.replaceChildren();
  if (person) {
    const out = el("button", { type: "button", className: "link", textContent: t("signOut") });
    const status = statusRegion();
    out.addEventListener("click", () => act(async () => {
      await afterSignOut(await api("/auth/logout", { method: "POST", body: {} }));
    }, { status, button: out }));
    root.append(
      el("span", { className: "session-status" }, [
        `${t("signedInAs")} `, el("strong", { textContent: person.name }),
      ]),
      el("a", { href: sitePath("/mijn-gegevens.html"), className: "session-link", textContent: t("myData") }),
      out, status,
    );
  } else {
    // Both at once: a reader (or a test) that sees "not signed in" also sees how to sign in.
    const choice = await signInChoice();
    root.replaceChildren(
      el("span", { className: "session-status", textContent: t("notSignedIn") }), choice);
  }
  announce(person);
}

// Who is signed in, or null. On the home page /api/home says so together with every
// widget's part (home.js), so the page's dynamic parts cost one request.
async function signedIn() {
  if (!isHome) return (await api("/session")).person;
  const parts = await api("/home");
  handHome(parts);
  return parts.person;
}

async function start() {
  let person = null;
  try {
    // 200 with null when signed out: no refused request in a signed-out visitor's console.
    person = await signedIn();
  } catch {
    person = null;
  }
  await render(person);
}

if (root) start();
