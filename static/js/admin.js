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
    // A script acting on the editor's gesture (a step moved by dragging) says so.
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

  // "Link naar een item": find an item by title and insert [title](item:type/id) at the
  // cursor of a Markdown text area; the link then follows the item wherever it moves.
  function offerItemLinks() {
    var areas = document.querySelectorAll("textarea[data-item-chooser]");
    if (!areas.length) {
      return;
    }
    var dialog = buildChooser();
    Array.prototype.forEach.call(areas, function (area) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "item-chooser-open";
      button.textContent = "Link naar een item invoegen";
      button.setAttribute("aria-haspopup", "dialog");
      button.addEventListener("click", function () {
        dialog.open(area);
      });
      // One box for both, in the text area's place in the admin's row layout.
      var box = document.createElement("div");
      box.className = "item-chooser-box";
      area.parentNode.insertBefore(box, area);
      box.appendChild(button);
      box.appendChild(area);
    });
  }

  function buildChooser() {
    var dialog = document.createElement("dialog");
    dialog.className = "item-chooser";
    dialog.setAttribute("aria-labelledby", "item-chooser-title");
    dialog.innerHTML =
      '<h2 id="item-chooser-title">Link naar een item</h2>' +
      '<label for="item-chooser-q">Zoek op titel</label>' +
      '<input type="search" id="item-chooser-q" autocomplete="off">' +
      '<p class="item-chooser-status" role="status" aria-live="polite"></p>' +
      '<ul class="item-chooser-results"></ul>' +
      '<button type="button" class="item-chooser-close">Sluiten</button>';
    document.body.appendChild(dialog);
    var input = dialog.querySelector("input");
    var status = dialog.querySelector(".item-chooser-status");
    var list = dialog.querySelector(".item-chooser-results");
    var target = null;
    var timer = null;
    var asked = 0;

    function search() {
      var query = input.value.trim();
      var ticket = ++asked;
      if (query.length < 2) {
        list.innerHTML = "";
        status.textContent = "Typ minstens twee letters.";
        return;
      }
      status.textContent = "Zoeken…";
      var url = target.dataset.itemChooser + "?q=" + encodeURIComponent(query);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (ticket !== asked) {
            return; // an answer to an older question
          }
          show(data);
        })
        .catch(function () {
          status.textContent = "Zoeken lukte niet; probeer het opnieuw.";
        });
    }

    function show(data) {
      list.innerHTML = "";
      data.results.forEach(function (result) {
        var item = document.createElement("li");
        var choose = document.createElement("button");
        choose.type = "button";
        choose.textContent = result.label;
        var about = document.createElement("span");
        about.className = "item-chooser-about";
        about.textContent = " " + result.kind + " · " + result.state;
        choose.appendChild(about);
        choose.addEventListener("click", function () {
          insert(result.markdown);
        });
        item.appendChild(choose);
        list.appendChild(item);
      });
      status.textContent = data.results.length
        ? data.results.length + " gevonden; kies er een."
        : data.message;
    }

    function insert(markdown) {
      var start = target.selectionStart;
      var end = target.selectionEnd;
      var chosen = target.value.slice(start, end);
      // Selected text becomes the link text; otherwise the item's title is.
      var text = chosen ? markdown.replace(/^\[[^\]]*\]/, "[" + chosen + "]") : markdown;
      target.setRangeText(text, start, end, "end");
      target.dispatchEvent(new Event("input", { bubbles: true }));
      dialog.close();
      target.focus();
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 250);
    });
    dialog.querySelector(".item-chooser-close").addEventListener("click", function () {
      dialog.close();
      target.focus();
    });
    return {
      open: function (area) {
        target = area;
        input.value = "";
        list.innerHTML = "";
        status.textContent = "";
        dialog.showModal();
        input.focus();
      },
    };
  }

  function start() {
    guardUnsavedChanges();
    offerItemLinks();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
