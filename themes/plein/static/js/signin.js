// The sign-in page: says why a sign-in failed, and returns to the page that was asked for.
import { t } from "./messages.js";

const root = document.querySelector('[data-widget="signin"]');

// CloudFront shows this page at the URL that was refused; on /inloggen.html itself, go home.
function nextPath() {
  const here = window.location.pathname + window.location.search;
  return window.location.pathname.endsWith("/inloggen.html") ? "/" : here;
}

function start() {
  const error = new URLSearchParams(window.location.search).get("error");
  const box = root.querySelector(".signin-error");
  if (error) {
    const known = ["state", "provider", "token", "email", "domain", "group"];
    box.textContent = t(known.includes(error) ? `signInError_${error}` : "signInError_provider");
    box.hidden = false;
  }
  const link = root.querySelector(".signin-link");
  if (link) link.href = `${link.getAttribute("href")}?next=${encodeURIComponent(nextPath())}`;
  // No automatic reload once signed in: were the site cookies missing for another reason, the
  // page would reload forever. A link lets the employee go on.
  document.addEventListener("plein:session", (event) => {
    const go = root.querySelector(".signin-continue");
    go.hidden = !event.detail;
    go.querySelector("a").href = nextPath();
  });
}

if (root) start();
