// Share and print (includes/page_actions.html). Without JavaScript "Link naar deze pagina"
// is an ordinary link to the page's address and the print button stays hidden. With it:
// - the link becomes a button "Kopieer link" that copies the address and says so (in the
//   button and in a status region for screen readers);
// - the print button is shown and opens the browser's print dialogue;
// - on a filtered list the actions come again with every swap of the results
//   ("portal:swapped", see 50-filters.js) and are enhanced again.
// Also: on a wide screen the step navigation of a guide (<details class="step-nav">) is a
// sidebar, so it is opened (CSS already shows it; this makes its state say so).
(function () {
  "use strict";

  function status(text) {
    var region = document.querySelector("[data-share-status]");
    if (region) {
      region.textContent = "";
      window.setTimeout(function () { region.textContent = text; }, 50);
    }
  }

  function copied(button, text) {
    var label = button.textContent;
    button.textContent = text;
    status(text);
    window.setTimeout(function () { button.textContent = label; }, 3000);
  }

  function copyButton(link) {
    var url = link.href;
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.textContent = "Kopieer link";
    button.addEventListener("click", function () {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(
          function () { copied(button, "Link gekopieerd"); },
          function () { window.prompt("Kopieer deze link:", url); }
        );
      } else {
        window.prompt("Kopieer deze link:", url);
      }
    });
    link.replaceWith(button);
  }

  function enhance(root) {
    root.querySelectorAll("a[data-share-copy]").forEach(copyButton);
    root.querySelectorAll("button[data-share-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  enhance(document);
  // A filtered list swaps its results (and their share actions) in place.
  document.addEventListener("portal:swapped", function (event) { enhance(event.target); });

  var wide = window.matchMedia("(min-width: 60rem)");
  function openStepNav() {
    document.querySelectorAll("details.step-nav").forEach(function (details) {
      if (wide.matches) { details.open = true; }
    });
  }
  openStepNav();
  if (wide.addEventListener) { wide.addEventListener("change", openStepNav); }
})();
