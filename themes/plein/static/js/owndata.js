// "My data": the download (fetched page by page, saved as one file) and deleting the account
// after an explicit choice and confirmation (repeated while the server answers 202).
import { act, api, say } from "./api.js";
import { el } from "./dom.js";
import { t } from "./messages.js";

const form = document.querySelector('[data-widget="owndata-delete"]');
const link = document.querySelector('[data-widget="owndata-export"]');
const MAX_CALLS = 1000; // a runaway guard: every call handles a bounded batch

async function fetchAll() {
  let data = null;
  let cursor = null;
  for (let n = 0; n < MAX_CALLS; n += 1) {
    const page = await api(`/me/export${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`);
    if (data === null) data = page;
    else for (const key of Object.keys(page)) if (Array.isArray(page[key])) data[key].push(...page[key]);
    cursor = page.next;
    if (!cursor) break;
  }
  delete data.next;
  return data;
}

async function download(event) {
  event.preventDefault();
  const data = await act(fetchAll, { status: link.parentElement.querySelector(".status"),
    done: "" });
  if (!data) return;
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)],
    { type: "application/json" }));
  const save = el("a", { href: url, download: "plein-export.json" });
  document.body.append(save);
  save.click();
  save.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

async function remove(event) {
  event.preventDefault();
  const status = form.querySelector(".status");
  if (!form.elements.confirm.checked) {
    say(status, t("confirmFirst"), { error: true });
    return;
  }
  const deleted = await act(async () => {
    const body = { content: form.elements.content.value };
    for (let n = 0; n < MAX_CALLS; n += 1) {
      const result = await api("/me", { method: "DELETE", body });
      if (result.deleted) break;
    }
    return true;
  }, { status, button: form.querySelector("button"), done: t("accountDeleted"),
    errors: { unauthorized: t("signInToPost") } });
  if (deleted) form.querySelector("fieldset").disabled = true;
}

if (form) form.addEventListener("submit", remove);
if (link) link.addEventListener("click", download);
