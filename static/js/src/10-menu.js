// Progressive enhancement: on a narrow screen the main navigation folds behind the
// "Menu" button. Without JavaScript the navigation simply shows and the button stays
// hidden; CSS (`@media (scripting: enabled)`) already folds it before this script runs,
// so nothing moves when it does. The class `menu-ready` does the same for browsers
// that do not know that media feature.
(function () {
  var button = document.querySelector("[data-menu-button]");
  if (!button) return;
  var header = button.closest(".site-header");
  var nav = document.getElementById(button.getAttribute("aria-controls"));
  if (!header || !nav) return;
  header.classList.add("menu-ready");
  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("menu-open", open);
  }
  setOpen(false);
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
})();
