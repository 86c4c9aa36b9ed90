// The editors' admin: warn before leaving a content form with unsaved changes (the
// Django admin drops them without a word), and confirm acting on a working copy.
// Loaded in the page's head.
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
    // Scripts acting on the editor's gesture say so: the Markdown editor's toolbar and
    // choosers (markdown-editor.js), a step moved by dragging (admin-steps.js).
    form.addEventListener("voion:edited", function () {
      unsaved = true;
    });
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      // "Voorbeeld" opens the page in a new tab and saves nothing: still unsaved here.
      if (button && button.formTarget === "_blank") {
        return;
      }
      // Buttons acting on what is stored (publish or throw away a working copy) ask first.
      var question = button && (button.dataset.confirm ||
        (unsaved && button.dataset.confirmUnsaved));
      if (question && !window.confirm(question)) {
        event.preventDefault();
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

  function start() {
    guardUnsavedChanges();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
