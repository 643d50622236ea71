// "Unanswered questions in my groups" beside the home stream: the part /api/home brings
// (home.js), each question linking to the post with its comments open. Hidden when there
// are none, and when nobody is signed in.
import { el, sitePath, when } from "./dom.js";
import { onHome } from "./home.js";
import { t } from "./messages.js";
import { onSession } from "./session.js";

const root = document.querySelector('[data-widget="home-questions"]');

function item(question) {
  const href = sitePath(`/?post=${encodeURIComponent(question.id)}`);
  return el("li", {}, [
    el("a", { href, textContent: question.title }),
    el("span", { className: "question-meta" }, [
      question.group_name, " · ", when(question.created), " · ",
      `${t("comments")} (${question.comments})`,
    ]),
  ]);
}

if (root) {
  onHome((parts) => {
    const items = (parts.questions && parts.questions.items) || [];
    root.querySelector("[data-home-questions-list]").replaceChildren(...items.map(item));
    root.hidden = items.length === 0;
  });
  onSession((person) => {
    if (!person) root.hidden = true;
  });
}
