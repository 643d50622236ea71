// Photos for a post: pick up to four (JPEG, PNG, WebP, at most 10 MB), describe each, and
// upload them straight to the bucket with the presigned form the API hands out.
import { api } from "./api.js";
import { el } from "./dom.js";
import { t } from "./messages.js";

const TYPES = ["image/jpeg", "image/png", "image/webp"];
const MAX_BYTES = 10 * 1024 * 1024;
const MAX_PHOTOS = 4;

export function choosePhotos(root) {
  const input = root.querySelector("input[type=file]");
  const list = root.querySelector("[data-photo-list]");
  const problem = root.querySelector("[data-photo-problem]");
  let files = [];

  function render() {
    list.replaceChildren(...files.map((entry, n) => {
      const id = `photo-alt-${n}`;
      return el("li", {}, [
        el("label", { htmlFor: id, textContent: `${t("photoAlt")} (${entry.file.name})` }),
        Object.assign(el("input", { id, type: "text", maxLength: 300, value: entry.alt }), {
          oninput: (event) => { entry.alt = event.target.value; },
        }),
      ]);
    }));
  }

  input.addEventListener("change", () => {
    problem.textContent = "";
    const picked = [...input.files];
    const bad = picked.find((f) => !TYPES.includes(f.type));
    const big = picked.find((f) => f.size > MAX_BYTES);
    if (bad) problem.textContent = `${bad.name}: ${t("photoType")}`;
    else if (big) problem.textContent = `${big.name}: ${t("photoTooLarge")}`;
    else if (picked.length > MAX_PHOTOS) problem.textContent = t("photoTooMany");
    files = bad || big || picked.length > MAX_PHOTOS ? []
      : picked.map((file) => ({ file, alt: "" }));
    if (!files.length) input.value = "";
    render();
  });

  return {
    chosen: () => files,
    clear() {
      files = [];
      input.value = "";
      render();
    },
  };
}

async function uploadOne({ file, alt }) {
  const target = await api("/uploads", { method: "POST",
    body: { content_type: file.type, size: file.size } });
  const data = new FormData();
  for (const [name, value] of Object.entries(target.fields)) data.append(name, value);
  data.append("file", file);
  const response = await fetch(target.url, { method: "POST", body: data,
    credentials: "same-origin" });
  if (!response.ok) throw new Error(t("uploadFailed"));
  return { id: target.id, alt };
}

export async function uploadPhotos(entries) {
  const uploaded = [];
  for (const entry of entries) uploaded.push(await uploadOne(entry));
  return uploaded;
}
