// The home page's one request (docs/home.md): there session.js asks /api/home instead of
// /api/session and hands the answer here, and each widget takes its part of it rather than
// asking the API itself. Elsewhere nothing is handed, and every widget asks as before.
let answer = null;
const taken = new Set();

// Whether this page is the home page: its template says so (`data-home`).
export const isHome = document.querySelector("[data-home]") !== null;

// From session.js, before it announces who is signed in, so the widgets that wake up on
// that announcement find their parts here.
export function handHome(parts) {
  answer = parts;
  taken.clear();
  document.dispatchEvent(new CustomEvent("plein:home", { detail: parts }));
}

// A widget's part of the home answer, the first time it asks; after that (a filter, a pin,
// "more") and on other pages, what `ask` fetches itself.
export function homePart(name, ask) {
  if (answer && answer.person && Object.hasOwn(answer, name) && !taken.has(name)) {
    taken.add(name);
    return Promise.resolve(answer[name]);
  }
  return ask();
}

// Calls back with the home answer now if it came already, and with every later one (after
// a sign-in on the home page): for widgets that only ever read it.
export function onHome(callback) {
  if (answer) callback(answer);
  document.addEventListener("plein:home", (event) => callback(event.detail));
}
