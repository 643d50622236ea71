// "My data": deleting the account after an explicit choice and confirmation.
import { api } from "./api.js";
import { t } from "./messages.js";

const form = document.querySelector('[data-widget="owndata-delete"]');

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
    await api("/me", { method: "DELETE", body: { content: form.elements.content.value } });
    status.textContent = t("accountDeleted");
    form.querySelector("fieldset").disabled = true;
  } catch (err) {
    status.textContent = err.status === 401 ? t("signInToPost") : t("error");
    button.disabled = false;
  }
}

if (form) form.addEventListener("submit", remove);
