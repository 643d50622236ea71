// "Notifications on this device" on My data: subscribes this browser to Web Push with the
// server's VAPID key (GET /api/push/key) and the service worker at the site root, or turns it
// off again. The API keeps at most ten devices per person.
import { api } from "./api.js";
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

function show(button, status, on) {
  button.textContent = on ? t("pushTurnOff") : t("pushTurnOn");
  button.dataset.on = on ? "1" : "";
  status.textContent = on ? t("pushOn") : t("pushOff");
}

async function turnOn() {
  if ((await Notification.requestPermission()) !== "granted") throw new Error("blocked");
  const { key } = await api("/push/key");
  if (!key) throw new Error("unsupported");
  const registration = await navigator.serviceWorker.register(box.dataset.worker, { scope: "/" });
  await navigator.serviceWorker.ready;
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true, applicationServerKey: keyBytes(key) });
  await api("/push/subscriptions", { method: "POST", body: subscription.toJSON() });
}

async function turnOff() {
  const subscription = await current();
  if (!subscription) return;
  await api("/push/subscriptions", { method: "DELETE",
    body: { endpoint: subscription.endpoint } });
  await subscription.unsubscribe();
}

async function start() {
  const button = box.querySelector("button");
  const status = box.querySelector(".status");
  box.hidden = false;
  if (!("serviceWorker" in navigator) || !("PushManager" in window)) {
    button.disabled = true;
    status.textContent = t("pushUnsupported");
    return;
  }
  show(button, status, Boolean(await current()));
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      if (button.dataset.on) await turnOff();
      else await turnOn();
      show(button, status, Boolean(await current()));
    } catch (err) {
      status.textContent = err.message === "blocked" ? t("pushBlocked")
        : err.message === "unsupported" ? t("pushUnsupported")
          : err.status === 401 ? t("signInToPost") : t("error");
    } finally {
      button.disabled = false;
    }
  });
}

if (box) start();
