// Vergelijken (templates/includes/compare_toggle.html, instrumenten/instrument_compare.html).
// Without JavaScript the "Vergelijk" boxes on the catalogue's cards belong to the compare
// form under the results (form="vergelijkformulier"); its button opens the comparison of
// the boxes ticked on this page. With it:
// - the choice is remembered for this tab (sessionStorage), also across filtering, paging
//   and results swapped in place ("portal:swapped", see 50-filters.js), and sent along in
//   full, also the instruments ticked on another page of results;
// - the form under the results says how many are chosen (a status region) and stays in
//   view at the bottom of the screen while something is chosen;
// - a fifth box is not ticked: the status region says that four is the most;
// - the comparison page makes its own instruments the remembered choice, so "Kies nog een
//   instrument" continues with them.
(function () {
  "use strict";
  var KEY = "voion-vergelijk";
  var MAX = 4;

  function load() {
    try {
      var stored = JSON.parse(window.sessionStorage.getItem(KEY) || "[]");
      return Array.isArray(stored) ? stored.filter(function (s) { return typeof s === "string"; }) : [];
    } catch (error) {
      return [];
    }
  }

  function save(slugs) {
    try {
      window.sessionStorage.setItem(KEY, JSON.stringify(slugs));
    } catch (error) {
      // Storage switched off: the choice holds for this page only, as without JavaScript.
    }
  }

  var page = document.querySelector("[data-compare-page]");
  if (page) {
    var current = (page.getAttribute("data-compare-slugs") || "").split(" ").filter(Boolean);
    save(current);
    return;
  }

  var form = document.querySelector("form[data-compare-form]");
  var status = form && form.querySelector("[data-compare-status]");
  var submit = form && form.querySelector("[data-compare-submit]");
  if (!form || !status || !submit) {
    return;
  }
  var chosen = load().slice(0, MAX);
  var label = submit.textContent;
  var hint = status.textContent;

  function boxes() {
    return Array.prototype.slice.call(document.querySelectorAll("input[data-compare-toggle]"));
  }

  function say(text) {
    status.textContent = text;
  }

  function describe() {
    var n = chosen.length;
    submit.textContent = n ? label + " (" + n + ")" : label;
    form.classList.toggle("is-active", n > 0);
    if (n === 0) {
      return hint;
    }
    if (n === 1) {
      return "1 instrument gekozen. Kies er nog minstens één.";
    }
    return n + " instrumenten gekozen" + (n === MAX ? " (het maximum)." : ".");
  }

  function tickBoxes() {
    boxes().forEach(function (box) {
      box.checked = chosen.indexOf(box.value) !== -1;
    });
    say(describe());
  }

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[data-compare-toggle]")) {
      return;
    }
    var at = chosen.indexOf(box.value);
    if (box.checked && at === -1) {
      if (chosen.length >= MAX) {
        box.checked = false;
        say("U kunt maximaal " + MAX + " instrumenten vergelijken. Haal eerst een vinkje weg.");
        return;
      }
      chosen.push(box.value);
    } else if (!box.checked && at !== -1) {
      chosen.splice(at, 1);
    }
    save(chosen);
    say(describe());
  });

  form.addEventListener("submit", function () {
    // Instruments chosen on another page of results travel along as hidden fields.
    Array.prototype.slice.call(form.querySelectorAll("input[data-compare-carried]")).forEach(
      function (input) { input.remove(); }
    );
    var onPage = boxes().map(function (box) { return box.value; });
    chosen.forEach(function (slug) {
      if (onPage.indexOf(slug) === -1) {
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = "instrument";
        input.value = slug;
        input.setAttribute("data-compare-carried", "");
        form.appendChild(input);
      }
    });
  });

  document.addEventListener("portal:swapped", tickBoxes);
  // Back to the catalogue from the browser's page cache: the boxes as remembered.
  window.addEventListener("pageshow", function () {
    chosen = load().slice(0, MAX);
    tickBoxes();
  });
  tickBoxes();
})();
