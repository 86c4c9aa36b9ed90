// A stappenplan's steps in the admin (templates/admin/kennisbank/stap_inline.html): move a
// step with "Omhoog"/"Omlaag" or by dragging it (SortableJS, static/vendor/sortablejs/).
// A main step moves with its sub-steps; a sub-step moves within its main step, or under
// another one when its Hoofdstap is changed. After every move the Volgorde fields are
// numbered in the order shown, so saving stores what the editor sees. Without this script
// the Volgorde and Hoofdstap fields do the same. Loaded in the page's head.
(function () {
  "use strict";

  var ORDER_FIELD = "input[name$='-volgorde']";
  var PARENT_FIELD = "select[name$='-hoofdstap']";

  function own(node, selector) {
    // The element of this step itself, not of one of its sub-steps.
    var form = node.querySelector(":scope > .inline-related");
    return form ? form.querySelector(selector) : null;
  }

  function title(node) {
    var input = own(node, "input[name$='-titel']");
    return input && input.value.trim() ? input.value.trim() : "deze stap";
  }

  function siblings(node) {
    return Array.prototype.filter.call(node.parentNode.children, function (other) {
      return other.hasAttribute("data-step");
    });
  }

  function mainStepOf(node) {
    return node.parentNode.closest("[data-step]");
  }

  function StepTree(root) {
    this.root = root;
    this.status = root.querySelector("[data-step-status]");
    this.prefix = JSON.parse(root.dataset.inlineFormset).options.prefix;
    root.classList.add("step-tree-enhanced");
    root.querySelectorAll("[data-step]").forEach(this.addButtons, this);
    if (window.Sortable) {
      root.querySelectorAll("[data-step-list]").forEach(this.makeDraggable, this);
    }
    root.addEventListener("change", this.parentChosen.bind(this));
    document.addEventListener("formset:added", this.stepAdded.bind(this));
    this.updateButtons();
  }

  StepTree.prototype.addButtons = function (node) {
    var place = own(node, "[data-step-moves]");
    if (!place) {
      return;
    }
    var handle = document.createElement("span");
    handle.className = "step-handle";
    handle.setAttribute("aria-hidden", "true");
    handle.title = "Slepen om te verplaatsen";
    handle.textContent = "⠿";
    place.appendChild(handle);
    [["up", "Omhoog"], ["down", "Omlaag"]].forEach(function (pair) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "step-move step-move-" + pair[0];
      button.dataset.direction = pair[0];
      button.textContent = pair[1];
      button.addEventListener("click", this.moveByButton.bind(this, node, button));
      place.appendChild(button);
    }, this);
    this.nameButtons(node);
    own(node, "input[name$='-titel']").addEventListener("input", this.nameButtons.bind(this, node));
  };

  // Each button says which step it moves: "Omhoog: Key-issues".
  StepTree.prototype.nameButtons = function (node) {
    var name = title(node);
    own(node, "[data-step-moves]").querySelectorAll(".step-move").forEach(function (button) {
      button.setAttribute("aria-label", button.textContent + ": " + name);
    });
  };

  StepTree.prototype.makeDraggable = function (list) {
    var main = list.classList.contains("step-list-main");
    var tree = this;
    window.Sortable.create(list, {
      // One list per level: main steps among main steps, sub-steps within their main step.
      draggable: main ? ".step-main" : ".step-sub",
      handle: main ? ".step-main > .inline-related .step-handle" : ".step-sub .step-handle",
      forceFallback: true, // pointer events: mouse, touch and pen alike
      fallbackOnBody: true,
      animation: 150,
      ghostClass: "step-dragging",
      onEnd: function (event) {
        if (event.oldIndex !== event.newIndex) {
          tree.moved(event.item);
        }
      },
    });
  };

  StepTree.prototype.moveByButton = function (node, button) {
    var up = button.dataset.direction === "up";
    var row = siblings(node);
    var index = row.indexOf(node);
    var other = row[up ? index - 1 : index + 1];
    if (!other) {
      this.announce("‘" + title(node) + "’ staat al " + (up ? "bovenaan" : "onderaan") + ".");
      return;
    }
    node.parentNode.insertBefore(node, up ? other : other.nextSibling);
    button.focus(); // moving the step took the focus away from its button
    this.moved(node);
  };

  // A step whose Hoofdstap is changed goes under that main step at once (at its end), or
  // back among the main steps. A main step with sub-steps stays: saving explains why.
  StepTree.prototype.parentChosen = function (event) {
    var select = event.target;
    if (!select.matches(PARENT_FIELD)) {
      return;
    }
    var node = select.closest("[data-step]");
    if (!node || own(node, PARENT_FIELD) !== select || node.querySelector(".step-list-sub [data-step]")) {
      return;
    }
    var target;
    if (select.value) {
      var main = this.root.querySelector(".step-main[data-step-id='" + select.value + "']");
      if (!main || main === node) {
        return;
      }
      target = main.querySelector(":scope > .step-list-sub");
      target.appendChild(node);
    } else if (mainStepOf(node)) {
      var former = mainStepOf(node);
      former.parentNode.insertBefore(node, former.nextSibling);
    } else {
      return;
    }
    var isMain = !select.value;
    node.classList.toggle("step-main", isMain);
    node.classList.toggle("step-sub", !isMain);
    this.moved(node);
  };

  StepTree.prototype.moved = function (node) {
    this.renumber();
    this.updateButtons();
    var row = siblings(node);
    var where = "op plaats " + (row.indexOf(node) + 1) + " van " + row.length;
    var main = mainStepOf(node);
    this.announce(
      "‘" + title(node) + "’ staat nu " + where +
      (main ? " binnen ‘" + title(main) + "’." : " van de hoofdstappen.")
    );
  };

  // Number every step in the order shown: main steps and their sub-steps alike.
  StepTree.prototype.renumber = function () {
    var number = 0;
    this.root.querySelectorAll("[data-step]").forEach(function (node) {
      var field = own(node, ORDER_FIELD);
      number += 1;
      if (field && field.value !== String(number)) {
        field.value = String(number);
        // The unsaved-changes guard (admin.js) counts this as the editor's change.
        field.dispatchEvent(new CustomEvent("voion:edited", { bubbles: true }));
      }
    });
  };

  // At the top or bottom a button stays focusable, and says so when pressed.
  StepTree.prototype.updateButtons = function () {
    this.root.querySelectorAll("[data-step]").forEach(function (node) {
      var row = siblings(node);
      var place = own(node, "[data-step-moves]");
      if (!place) {
        return;
      }
      place.querySelector(".step-move-up").setAttribute("aria-disabled", String(row[0] === node));
      place.querySelector(".step-move-down").setAttribute(
        "aria-disabled", String(row[row.length - 1] === node)
      );
    });
  };

  // A new step comes after all others until it is saved.
  StepTree.prototype.stepAdded = function (event) {
    if (!event.detail || event.detail.formsetName !== this.prefix) {
      return;
    }
    var field = event.target.querySelector(ORDER_FIELD);
    if (field) {
      field.value = String(this.root.querySelectorAll(ORDER_FIELD).length - 1);
    }
  };

  StepTree.prototype.announce = function (text) {
    // A new text node each time, so the same sentence twice is announced twice.
    this.status.textContent = "";
    window.setTimeout(function () {
      this.status.textContent = text;
    }.bind(this), 50);
  };

  function start() {
    document.querySelectorAll("[data-step-tree]").forEach(function (root) {
      new StepTree(root);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
