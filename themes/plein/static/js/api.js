// The one client for the API: same-origin JSON calls (the base URL comes from <body data-api>),
// every failure turned into a message in the reader's language, and `act` to run an action
// with visible feedback. Widgets never read an error's English `reason`: it is for developers.
import { known, t } from "./messages.js";

const base = document.body.dataset.api || "/api";

// Chalice's own errors and proxies may answer without our JSON body: the status still says
// what kind of failure it was.
const CODES = { 400: "invalid", 401: "unauthorized", 403: "forbidden", 404: "not_found",
  409: "conflict", 413: "too_large", 415: "unsupported_media_type", 429: "rate_limited",
  503: "unavailable" };

// The message for a failure: for its code and field (error_invalid_body), else for its code
// (error_conflict), else the general one. `code` "network": the server was not reached.
function describe(code, field) {
  for (const key of [`error_${code}_${field}`, `error_${code}`]) if (known(key)) return t(key);
  return t("error");
}

export class ApiError extends Error {
  constructor(status, body) {
    const data = body && typeof body === "object" ? body : {};
    const code = data.error || CODES[status] || "error";
    super(describe(code, data.field));
    this.status = status;
    this.code = code;
    this.field = data.field || null;
    this.body = data;
  }
}

async function send(path, method, body) {
  const options = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  } else if (method !== "GET") {
    // State-changing routes take JSON only (and that forces the CORS preflight that guards
    // them): send an empty object rather than no body.
    options.headers["Content-Type"] = "application/json";
    options.body = "{}";
  }
  try {
    return await fetch(base + path, options);
  } catch {
    throw new ApiError(0, { error: "network" });
  }
}

async function failure(response) {
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  return new ApiError(response.status, data);
}

export async function api(path, { method = "GET", body } = {}) {
  const response = await send(path, method, body);
  if (!response.ok) throw await failure(response);
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

// A file the API makes for the viewer (a CSV export): {blob, name}, or the same translated
// ApiError as api() when it is refused.
export async function download(path) {
  const response = await send(path, "GET");
  if (!response.ok) throw await failure(response);
  const disposition = response.headers.get("Content-Disposition") || "";
  const [, name = "download"] = disposition.match(/filename="([^"]+)"/) || [];
  return { blob: await response.blob(), name };
}

// What to tell the reader about a failure. `special` overrides the message for one code or
// status where the widget knows better ({404: t("groupNotFound")}).
export function errorText(err, special = {}) {
  if (!(err instanceof ApiError)) {
    console.error(err); // a bug of ours: say something general, keep the details for developers
    return t("error");
  }
  return special[err.code] || special[err.status] || err.message;
}

// Shows `text` in a status region (role="status", so screen readers hear it too).
export function say(region, text, { error = false } = {}) {
  if (!region) return;
  region.textContent = text || "";
  region.classList.toggle("is-error", Boolean(error && text));
}

// Runs one action with feedback in `status`: `busy` while it runs, then `done` (a text, or a
// function of the result; "" clears) or the translated error. The button is disabled meanwhile so a
// double click does not send twice. Resolves to the result, or undefined when it failed.
export async function act(work, { status, button, busy, done, errors } = {}) {
  if (button) button.disabled = true;
  if (busy) say(status, busy);
  try {
    const result = await work();
    const text = typeof done === "function" ? done(result) : done;
    // No `done`: leave the region alone (another action may have spoken meanwhile).
    if (text !== undefined || busy) say(status, text);
    return result;
  } catch (err) {
    say(status, errorText(err, errors), { error: true });
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}
