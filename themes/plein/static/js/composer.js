// The stream's post form: one line until it gets focus (the keyboard or a tap), then the
// kind (update or question), photos, "must read" when the stream allows it, and "Plaatsen".
// The photo picker's code comes as the form opens: a reader who only reads never loads it
// (docs/code-structure.md); a photo chosen before it arrived is taken up by `choosePhotos`.
import { act, api, say } from "./api.js";
import "./mention-start.js";
import { t } from "./messages.js";

// `group`: the group posted to (a group page), else null; `onPosted(post)` shows the new post.
export function mountComposer(form, { group, onPosted }) {
  const status = form.querySelector(".status");
  let pickerLoad = null;
  const photoPicker = () => {
    pickerLoad ||= import("./photos.js").then((module) => ({
      module, picker: module.choosePhotos(form.querySelector("[data-photo-picker]")) }));
    return pickerLoad;
  };

  form.addEventListener("focusin", () => {
    form.classList.add("is-open");
    photoPicker().catch(() => { pickerLoad = null; }); // offline: the next focus tries again
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const textarea = form.elements.body;
    if (!textarea.value.trim()) {
      say(status, t("errorEmpty"), { error: true });
      return;
    }
    await act(async () => {
      const { module, picker } = await photoPicker();
      const photos = await module.uploadPhotos(picker.chosen());
      const post = await api("/posts", { method: "POST", body: {
        body: textarea.value, kind: form.elements.kind.value, photos,
        ...(form.elements.must_read.checked ? { must_read: true } : {}),
        ...(group ? { group } : {}) } });
      form.elements.must_read.checked = false;
      onPosted(post);
      textarea.value = "";
      picker.clear();
    }, { status, button: form.querySelector("button[type=submit]"),
      busy: t("posting"), done: t("posted") });
  });
}
