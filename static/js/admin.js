// The editors' admin: warn before leaving a content form with unsaved changes.
// (The Django admin itself drops them without a word.) Loaded in the page's head.
(function () {
  "use strict";

  function guardUnsavedChanges() {
    var form = document.querySelector("#content-main form[method=post][id$='_form']");
    if (!form) {
      return;
    }
    var unsaved = false;

    function noteChange(event) {
      // Only what the editor did: scripts filling in fields (the slug) follow a keystroke.
      if (event.isTrusted && event.target && event.target.name) {
        unsaved = true;
      }
    }

    form.addEventListener("input", noteChange);
    form.addEventListener("change", noteChange);
    form.addEventListener("submit", function (event) {
      // "Voorbeeld" opens the page in a new tab and saves nothing: still unsaved here.
      if (event.submitter && event.submitter.formTarget === "_blank") {
        return;
      }
      unsaved = false;
    });
    window.addEventListener("beforeunload", function (event) {
      if (unsaved) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", guardUnsavedChanges);
  } else {
    guardUnsavedChanges();
  }
})();
