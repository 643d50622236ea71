// Notification settings on "My data": a frequency per kind of notification, every post or only
// mentions per group, and the language of mail and push. One GET, one PUT.
import { act, api } from "./api.js";
import { el } from "./dom.js";
import { t } from "./messages.js";
import { onSession } from "./session.js";

const form = document.querySelector('[data-widget="notification-settings"]');
const FREQUENCIES = ["now", "daily", "weekly", "off"];
const POSTS = ["all", "mentions"];

function select(id, name, value, options, label) {
  const node = el("select", { id, name }, options.map(([v, text]) =>
    el("option", { value: v, textContent: text, selected: v === value })));
  return el("label", { htmlFor: id }, [label, " ", node]);
}

function render(settings) {
  form.querySelector("[data-settings-mail]").replaceChildren(
    ...Object.entries(settings.mail).map(([type, value]) => select(`notify-${type}`,
      `mail:${type}`, value, FREQUENCIES.map((f) => [f, t(`frequency_${f}`)]),
      t(`notifyType_${type}`))));
  const groups = form.querySelector("[data-settings-groups]");
  groups.replaceChildren(...settings.groups.map((g) => select(`notify-group-${g.id}`,
    `group:${g.id}`, g.posts, POSTS.map((p) => [p, t(`groupPosts_${p}`)]), g.name)));
  if (!settings.groups.length) groups.append(el("p", { textContent: t("notifyNoGroups") }));
  form.elements.language.value = settings.language;
}

function collected() {
  const body = { mail: {}, groups: {}, language: form.elements.language.value };
  for (const field of form.querySelectorAll("select")) {
    const [kind, key] = field.name.split(":");
    if (kind === "mail") body.mail[key] = field.value;
    if (kind === "group") body.groups[key] = field.value;
  }
  return body;
}

if (form) {
  const status = form.querySelector(".status");
  const button = form.querySelector("button[type=submit]");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    act(async () => render(await api("/me/notification-settings",
      { method: "PUT", body: collected() })),
    { status, button, busy: t("saving"), done: t("settingsSaved") });
  });
  onSession((person) => {
    form.hidden = !person;
    // Until the choices are there, saving would send none of them.
    button.disabled = true;
    if (person) {
      act(async () => {
        render(await api("/me/notification-settings"));
        button.disabled = false;
      }, { status });
    }
  });
}
