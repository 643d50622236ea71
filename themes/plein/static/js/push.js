// "Notifications on this device" on My data: subscribes this browser to Web Push with the
// server's VAPID key (GET /api/push/key) and the service worker at the site root, or turns it
// off again. The API keeps at most ten devices per person.
import { act, api, say } from "./api.js";
import { t } from "./messages.js";

const box = document.querySelector('[data-widget="push-device"]');

function keyBytes(base64url) {
  const base64 = (base64url + "=".repeat((4 - (base64url.length % 4)) % 4))
    .replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

async function current() {
  const registration = await navigator.serviceWorker.getRegistration("/");
  return registration ? registration.pushManager.getSubscription() : null;
}

// What the browser itself may refuse (no key on this server, no push service reachable): not
// an API failure, so it is an outcome here rather than an error for act.
async function turnOn() {
  const { key } = await api("/push/key");
  if (!key) return "unsupported";
  const registration = await navigator.serviceWorker.register(box.dataset.worker, { scope: "/" });
  await navigator.serviceWorker.ready;
  let subscription;
  try {
    subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true, applicationServerKey: keyBytes(key) });
  } catch {
    return "failed"; // the browser's push service refused or cannot be reached
  }
  try {
    await api("/push/subscriptions", { method: "POST", body: subscription.toJSON() });
  } catch (err) {
    // A subscription the server does not know would look "on" here and never receive anything.
    await subscription.unsubscribe();
    throw err;
  }
  return "on";
}

async function turnOff() {
  const subscription = await current();
  if (subscription) {
    await api("/push/subscriptions", { method: "DELETE",
      body: { endpoint: subscription.endpoint } });
    await subscription.unsubscribe();
  }
  return "off";
}

const OUTCOMES = {
  on: { text: "pushOn" },
  off: { text: "pushOff" },
  unsupported: { text: "pushUnsupported", error: true },
  failed: { text: "error", error: true },
  blocked: { text: "pushBlocked", error: true },
};

async function start() {
  const button = box.querySelector("button");
  const status = box.querySelector(".status");
  box.hidden = false;
  if (!("serviceWorker" in navigator) || !("PushManager" in window)) {
    button.disabled = true;
    say(status, t("pushUnsupported"));
    return;
  }
  function show(outcome) {
    const on = Boolean(button.dataset.on);
    button.textContent = on ? t("pushTurnOff") : t("pushTurnOn");
    const { text, error } = OUTCOMES[outcome || (on ? "on" : "off")];
    say(status, t(text), { error });
  }
  button.dataset.on = (await current()) ? "1" : "";
  show();
  button.addEventListener("click", async () => {
    const wasOn = Boolean(button.dataset.on);
    // Asked first, while the click still counts as the reader's own gesture.
    if (!wasOn && (await Notification.requestPermission()) !== "granted") {
      show("blocked");
      return;
    }
    await act(async () => {
      const outcome = wasOn ? await turnOff() : await turnOn();
      button.dataset.on = (await current()) ? "1" : "";
      show(outcome);
    }, { status, button });
  });
}

if (box) start();
