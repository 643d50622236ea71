// The sign-in page: says why a sign-in failed, and returns to the page that was asked for.
import { api } from "./api.js";
import { sitePath } from "./dom.js";
import { t } from "./messages.js";
import { safeNext } from "./safe-next.js";

const root = document.querySelector('[data-widget="signin"]');
const KNOWN = ["state", "provider", "unavailable", "token", "email", "domain", "group"];

// CloudFront shows this page at the URL that was refused; on /inloggen.html itself, go home.
// That URL can be "//evil.example/x", which a link would follow off the site: sanitised.
function nextPath() {
  const here = window.location.pathname + window.location.search;
  return safeNext(window.location.pathname.endsWith("/inloggen.html") ? sitePath("/") : here);
}

// Under `plein dev` the demo picker signs in, unless it runs against a real identity provider
// (`--no-demo-signin`): then the demo routes answer 404 and the provider's link is shown.
async function chooseWay() {
  const demo = root.querySelector(".signin-demo");
  const provider = root.querySelector(".signin-provider");
  if (!demo) return;
  try {
    await api("/auth/dev-users");
    demo.hidden = false;
  } catch {
    provider.hidden = false;
  }
}

function start() {
  const error = new URLSearchParams(window.location.search).get("error");
  const box = root.querySelector(".signin-error");
  if (error) {
    box.textContent = t(KNOWN.includes(error) ? `signInError_${error}` : "signInError_provider");
    box.hidden = false;
  }
  const link = root.querySelector(".signin-link");
  if (link) link.href = `${link.getAttribute("href")}?next=${encodeURIComponent(nextPath())}`;
  chooseWay();
  // No automatic reload once signed in: were the site cookies missing for another reason, the
  // page would reload forever. A link lets the employee go on.
  document.addEventListener("plein:session", (event) => {
    const go = root.querySelector(".signin-continue");
    go.hidden = !event.detail;
    go.querySelector("a").href = nextPath();
  });
}

if (root) start();
