// The header's search box. Without this it is a plain form to the results page; the combobox
// (results as you type) is loaded when someone first focuses it, so a page nobody searches
// from does not download it.
const form = document.querySelector('[data-widget="site-search"]');
if (form) {
  const input = form.elements.q;
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    import("./search-combobox.js").then((module) => module.attach(form));
  };
  input.addEventListener("focus", start);
  if (document.activeElement === input) start();
}
