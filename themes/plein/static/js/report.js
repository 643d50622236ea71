// "Report": anyone may report a post or comment to its moderators. The button is on every
// item; the form's code (report-form.js) comes with the first report, as few readers report.
import { say } from "./api.js";
import { el } from "./dom.js";
import { t } from "./messages.js";

// A "Report" button that opens the form in place; `status` is the item's own status region.
export function reportButton(kind, id, status) {
  const button = el("button", { type: "button", className: "link", textContent: t("report") });
  button.addEventListener("click", async () => {
    let reportForm;
    try {
      ({ reportForm } = await import("./report-form.js"));
    } catch {
      say(status, t("error"), { error: true }); // offline before the form was ever fetched
      return;
    }
    const form = reportForm(kind, id, () => {
      form.remove();
      say(status, t("reported"));
    });
    button.replaceWith(form);
    form.querySelector("select").focus();
  });
  return button;
}
