// The report form (report.js opens it): a reason from a short list and optional words, sent
// to the item's moderators. The report never reaches the author with the reporter's name.
import { act, api, say } from "./api.js";
import { el, statusRegion } from "./dom.js";
import { t } from "./messages.js";

const REASONS = ["spam", "offensive", "personal", "untrue", "other"];
let count = 0;

export function reportForm(kind, id, onDone) {
  count += 1;
  const reasonId = `report-reason-${count}`;
  const textId = `report-text-${count}`;
  const select = el("select", { id: reasonId, name: "reason", required: true }, [
    el("option", { value: "", textContent: t("reportChoose") }),
    ...REASONS.map((r) => el("option", { value: r, textContent: t(`reportReason_${r}`) })),
  ]);
  const text = el("textarea", { id: textId, name: "text", rows: 2, maxLength: 500 });
  const status = statusRegion();
  const form = el("form", { className: "report-form" }, [
    el("label", { htmlFor: reasonId, textContent: t("reportReason") }), select,
    el("label", { htmlFor: textId, textContent: t("reportText") }), text,
    el("div", { className: "form-actions" }, [
      el("button", { type: "submit", textContent: t("reportSend") }), status]),
  ]);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!select.value) {
      say(status, t("reportChoose"), { error: true });
      return;
    }
    const done = await act(() => api("/reports", { method: "POST",
      body: { [kind]: id, reason: select.value, text: text.value } }),
    { status, button: form.querySelector("button") });
    if (done) onDone();
  });
  return form;
}
