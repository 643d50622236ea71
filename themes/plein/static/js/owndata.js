// "My data": the download (fetched page by page, saved as one file) and deleting the account
// after an explicit choice and confirmation (repeated while the server answers 202).
import { api } from "./api.js";
import { el } from "./dom.js";
import { t } from "./messages.js";

const form = document.querySelector('[data-widget="owndata-delete"]');
const link = document.querySelector('[data-widget="owndata-export"]');
const MAX_CALLS = 1000; // a runaway guard: every call handles a bounded batch

async function download(event) {
  event.preventDefault();
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
    status.textContent = t("confirmFirst");
    return;
  }
  const button = form.querySelector("button");
  button.disabled = true;
  try {
    const body = { content: form.elements.content.value };
    for (let n = 0; n < MAX_CALLS; n += 1) {
      const result = await api("/me", { method: "DELETE", body });
      if (result.deleted) break;
    }
    status.textContent = t("accountDeleted");
    form.querySelector("fieldset").disabled = true;
  } catch (err) {
    status.textContent = err.status === 401 ? t("signInToPost") : t("error");
    button.disabled = false;
  }
}

if (form) form.addEventListener("submit", remove);
if (link) link.addEventListener("click", download);
