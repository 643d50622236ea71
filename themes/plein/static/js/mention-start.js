// @mention autocomplete in every post and comment box: mentions.js is loaded when someone
// first types "@". The stream's composer and the comment threads both import this module
// (comments.js comes later than the composer), and a module runs once per page.
document.addEventListener("input", (event) => {
  const box = event.target;
  if (!(box instanceof HTMLTextAreaElement) || box.dataset.mentions || !box.value.includes("@")
      || !box.closest(".post-form, .post-edit, .comment-form")) return;
  box.dataset.mentions = "on";
  import("./mentions.js").then((module) => module.attach(box));
});
