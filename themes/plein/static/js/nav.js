// The main menu's links for some people only (the moderation queue): shown when `/api/me`
// says the signed-in person may use them, hidden again when they sign out.
import { may } from "./dom.js";
import { onSession } from "./session.js";

const links = document.querySelectorAll("[data-nav-may]");

if (links.length) {
  onSession((person) => {
    for (const link of links) link.hidden = !may(person, link.dataset.navMay);
  });
}
