// The header's menu on a phone: a disclosure button that shows and hides the navigation and
// the session widget. From 52rem the CSS always shows the menu and hides the button, so the
// state only matters on small screens.
const button = document.querySelector("[data-menu-button]");
const menu = button && document.getElementById(button.getAttribute("aria-controls"));

function setOpen(open) {
  button.setAttribute("aria-expanded", String(open));
}

if (button && menu) {
  button.addEventListener("click", () => {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  // Escape closes the menu and gives focus back to its button, as a disclosure should.
  menu.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || button.getAttribute("aria-expanded") !== "true") return;
    setOpen(false);
    button.focus();
  });
}
