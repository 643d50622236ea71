// Choosing and uploading photos, for every form that takes them: posts (up to four), a group's
// cover and a profile photo (one). Files go straight to the bucket with the presigned form the
// API hands out; the form then names the upload ids, and the API makes the web sizes.
import { ApiError, api } from "./api.js";
import { el } from "./dom.js";
import { t } from "./messages.js";

const TYPES = ["image/jpeg", "image/png", "image/webp"];
const MAX_BYTES = 10 * 1024 * 1024;
const MAX_PHOTOS = 4;

// `root` holds the file input, a [data-photo-problem] for errors and, when each photo needs a
// description, a [data-photo-list] for the alt text fields (a profile photo needs none: the
// name is always next to it).
export function choosePhotos(root, { max = MAX_PHOTOS } = {}) {
  const input = root.querySelector("input[type=file]");
  const list = root.querySelector("[data-photo-list]");
  const problem = root.querySelector("[data-photo-problem]");
  const prefix = `${input.id}-alt`;
  let files = [];
  let previews = [];

  // A small preview next to each photo's description: the object URLs are let go on the
  // next choice, so a long session does not hold every photo ever chosen in memory.
  function render() {
    if (!list) return;
    previews.forEach((url) => URL.revokeObjectURL(url));
    previews = files.map((entry) => URL.createObjectURL(entry.file));
    list.replaceChildren(...files.map((entry, n) => {
      const id = `${prefix}-${n}`;
      return el("li", {}, [
        el("img", { className: "photo-preview", src: previews[n], alt: "", width: 72, height: 72 }),
        el("label", { htmlFor: id, textContent: `${t("photoAlt")} (${entry.file.name})` }),
        Object.assign(el("input", { id, type: "text", maxLength: 300, value: entry.alt }), {
          oninput: (event) => { entry.alt = event.target.value; },
        }),
      ]);
    }));
  }

  function take() {
    problem.textContent = "";
    const picked = [...input.files];
    const bad = picked.find((f) => !TYPES.includes(f.type));
    const big = picked.find((f) => f.size > MAX_BYTES);
    if (bad) problem.textContent = `${bad.name}: ${t("photoType")}`;
    else if (big) problem.textContent = `${big.name}: ${t("photoTooLarge")}`;
    else if (picked.length > max) problem.textContent = t("photoTooMany");
    files = bad || big || picked.length > max ? []
      : picked.map((file) => ({ file, alt: "" }));
    if (!files.length) input.value = "";
    render();
  }

  input.addEventListener("change", take);
  // Files chosen before this code was loaded (the composer loads it as it opens).
  if (input.files.length) take();

  return {
    chosen: () => files,
    clear() {
      files = [];
      input.value = "";
      render();
    },
  };
}

// Uploads one chosen photo; resolves to what the API takes: {id, alt}.
export async function uploadPhoto({ file, alt }) {
  const target = await api("/uploads", { method: "POST",
    body: { content_type: file.type, size: file.size } });
  const data = new FormData();
  for (const [name, value] of Object.entries(target.fields)) data.append(name, value);
  data.append("file", file);
  const response = await fetch(target.url, { method: "POST", body: data,
    credentials: "same-origin" }).catch(() => null);
  // The bucket answers in XML, not our JSON: any failure there is "the upload failed".
  if (!response || !response.ok) throw new ApiError(0, { error: "upload" });
  return { id: target.id, alt };
}

export async function uploadPhotos(entries) {
  const uploaded = [];
  for (const entry of entries) uploaded.push(await uploadPhoto(entry));
  return uploaded;
}
