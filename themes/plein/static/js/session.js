// Header widget: shows who is signed in; on the local stage, a picker of demo employees.
import { act, api } from "./api.js";
import { el, statusRegion } from "./dom.js";
import { t } from "./messages.js";

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
    await act(async () => render(await api("/auth/dev-login",
      { method: "POST", body: { email: select.value } })), { status, button });
  });
  return form;
}

function signInLink() {
  const next = encodeURIComponent(window.location.pathname + window.location.search);
  const base = document.body.dataset.api || "/api";
  return el("a", { className: "button", href: `${base}/auth/login?next=${next}`,
                   textContent: t("signIn") });
}

async function render(person) {
  root.replaceChildren();
  if (person) {
    const out = el("button", { type: "button", className: "link", textContent: t("signOut") });
    const status = statusRegion();
    out.addEventListener("click", () => act(async () => {
      await api("/auth/logout", { method: "POST", body: {} });
      // Deployed, the site cookies are gone too: every page now leads to the sign-in page.
      if (isLocal) await render(null);
      else window.location.assign("/inloggen.html");
    }, { status, button: out }));
    root.append(
      el("span", { className: "session-status" }, [
        `${t("signedInAs")} `, el("strong", { textContent: person.name }),
      ]),
      el("a", { href: "/mijn-gegevens.html", className: "session-link", textContent: t("myData") }),
      out, status,
    );
  } else {
    root.append(el("span", { className: "session-status", textContent: t("notSignedIn") }));
    if (isLocal) root.append(await demoPicker());
    else root.append(signInLink());
  }
  announce(person);
}

async function start() {
  let person = null;
  try {
    person = await api("/me");
  } catch {
    person = null;
  }
  await render(person);
}

if (root) start();
