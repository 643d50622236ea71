// Header widget: shows who is signed in; on the local stage, a picker of demo employees.
import { api } from "./api.js";
import { t } from "./messages.js";

const root = document.querySelector('[data-widget="session"]');
const isLocal = document.body.dataset.stage === "local";

// The last announced person (null: signed out; undefined: not known yet), for widgets whose
// modules load after the announcement (see onSession in dom.js).
export let current;

function announce(person) {
  current = person;
  document.dispatchEvent(new CustomEvent("plein:session", { detail: person }));
}

function el(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

async function demoPicker() {
  const { items } = await api("/auth/dev-users");
  const select = el("select", { id: "demo-user", name: "email" }, [
    el("option", { value: "", textContent: t("chooseEmployee") }),
    ...items.map((p) => el("option", { value: p.email, textContent: `${p.name} (${p.role})` })),
  ]);
  const form = el("form", { className: "demo-login" }, [
    el("label", { htmlFor: "demo-user", textContent: t("signInAsDemo") }),
    select,
    el("button", { type: "submit", textContent: t("signIn") }),
  ]);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!select.value) return;
    const person = await api("/auth/dev-login", { method: "POST", body: { email: select.value } });
    render(person);
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
    out.addEventListener("click", async () => {
      await api("/auth/logout", { method: "POST", body: {} });
      // Deployed, the site cookies are gone too: every page now leads to the sign-in page.
      if (isLocal) render(null);
      else window.location.assign("/inloggen.html");
    });
    root.append(
      el("span", { className: "session-status" }, [
        `${t("signedInAs")} `, el("strong", { textContent: person.name }),
      ]),
      el("a", { href: "/mijn-gegevens.html", className: "session-link", textContent: t("myData") }),
      out,
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
