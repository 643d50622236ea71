// UI strings rendered by the theme from the translation catalog (see partial/messages.json).
const node = document.getElementById("plein-messages");
const messages = node ? JSON.parse(node.textContent) : {};

export function t(key) {
  return messages[key] || key;
}

export function known(key) {
  return Object.hasOwn(messages, key);
}
