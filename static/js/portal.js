/* Built by `make assets` from static/js/src/: edit the parts there, not this file. */

/* --- 10-menu.js --- */
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

/* --- 50-filters.js --- */
// Filters that keep your place (instrumenten, kennisbank). Without JavaScript the filter
// form is applied with its buttons "Filters toepassen" (top and end of the panel) and every
// link is an ordinary link. With it:
// - ticking a box, removing a chip, paging or submitting the form fetches the same page with
//   the new query string and swaps the results, the panel (counts), the chips and the
//   pagination in place; the address follows with history.pushState and Back/Forward
//   fetch and swap again;
// - the focused control keeps its focus (found again by its id) and its place on the screen;
// - the new result count is announced by the results' aria-live region;
// - a "portal:swapped" event on the results lets other scripts enhance what came in;
// - "Sorteren op" never changes the page while its value is being moved through with the
//   arrow keys (WCAG 3.2.2): a keyboard change is only applied when it is committed with
//   Enter, with the apply button, or when focus leaves the select; a pick from the open list
//   (mouse, or Enter in the list) is a committed choice and applies at once;
// - on a phone the panel is a <details> (collapsed, works without JavaScript); its button
//   "Toon N resultaten" closes it and moves focus to the results heading. On wide screens
//   the panel is opened, since it is a sidebar there.
// If anything fails the browser simply navigates to the address.
(function () {
  "use strict";
  var listing = document.querySelector(".listing");
  var form = listing && listing.querySelector("form[data-filters]");
  var results = listing && listing.querySelector("[data-results]");
  var live = listing && listing.querySelector("[data-result-count]");
  if (!form || !results || !live || !window.fetch || !window.DOMParser || !history.pushState) {
    return;
  }
  var panel = listing.querySelector("[data-filter-panel]");
  var heading = document.getElementById("resultaten-kop");
  var wide = window.matchMedia("(min-width: 40em)");
  var controller = null;
  var NAVIGATION_KEYS = /^(Arrow(Up|Down|Left|Right)|Home|End|Page(Up|Down)|.)$/;
  var sortKeyAt = -Infinity;

  // -- the panel on a phone and on wide screens -------------------------------------------

  function fitPanel() {
    if (panel && wide.matches) {
      panel.open = true;
    }
  }

  function enhancePanel() {
    var bar = form.querySelector("[data-show-results]");
    if (bar) {
      bar.hidden = false;
    }
  }

  fitPanel();
  enhancePanel();
  if (wide.addEventListener) {
    wide.addEventListener("change", fitPanel);
  }

  function showResults() {
    if (panel && !wide.matches) {
      panel.open = false;
    }
    heading.focus();
    heading.closest("section").scrollIntoView({ block: "start" });
  }

  // -- which control to give focus back to after a swap -------------------------------------

  function focusTarget(element) {
    // Only what a swap replaces needs finding again (not the panel's toggle or the heading).
    if (!element || !(form.contains(element) || results.contains(element))) {
      return null;
    }
    if (element.id) {
      return { id: element.id };
    }
    var chips = Array.prototype.slice.call(results.querySelectorAll(".chip"));
    if (chips.indexOf(element) !== -1) {
      return { chip: chips.indexOf(element) };
    }
    return { lost: true };
  }

  function restoreFocus(target, top) {
    if (!target) {
      return;
    }
    var element = null;
    if (target.id) {
      element = document.getElementById(target.id);
      if (!element && /^f-/.test(target.id)) {
        // The option is gone (it gives no results any more): stay in its facet.
        var name = target.id.split("-")[1];
        element = form.querySelector('input[name="' + name + '"]');
      }
    } else if (typeof target.chip === "number") {
      var chips = results.querySelectorAll(".chip");
      element = chips[target.chip] || chips[target.chip - 1] || null;
    }
    if (!element || element.offsetParent === null) {
      heading.focus();
      return;
    }
    element.focus({ preventScroll: true });
    if (typeof top === "number") {
      // Keep the control where it was on the screen, whatever changed above it.
      window.scrollBy(0, element.getBoundingClientRect().top - top);
    }
  }

  // -- fetching and swapping ----------------------------------------------------------------

  function announce(text) {
    // The same text twice is not read again: make it differ invisibly.
    if (live.textContent.replace(/\u00a0$/, "") === text) {
      text = /\u00a0$/.test(live.textContent) ? text : text + "\u00a0";
    }
    live.textContent = text;
  }

  function swap(doc, focusAfter) {
    var newForm = doc.querySelector(".listing form[data-filters]");
    var newResults = doc.querySelector(".listing [data-results]");
    var newLive = doc.querySelector(".listing [data-result-count]");
    if (!newForm || !newResults || !newLive) {
      return false;
    }
    var active = document.activeElement;
    var target = focusAfter === undefined ? focusTarget(active) : focusAfter;
    var top = target && active && target.id ? active.getBoundingClientRect().top : null;

    form.innerHTML = newForm.innerHTML;
    var summary = panel && panel.querySelector("[data-filter-summary]");
    var newSummary = doc.querySelector(".listing [data-filter-summary]");
    if (summary && newSummary) {
      summary.textContent = newSummary.textContent;
    }
    results.innerHTML = newResults.innerHTML;
    results.setAttribute("data-state-url", newResults.getAttribute("data-state-url") || "");
    document.title = doc.title;
    enhancePanel();
    // Other enhancements (the share actions) apply themselves to the new results.
    results.dispatchEvent(new CustomEvent("portal:swapped", { bubbles: true }));
    restoreFocus(target, top);
    announce(newLive.textContent.trim());
    return true;
  }

  function load(url, options) {
    options = options || {};
    if (controller) {
      controller.abort();
    }
    controller = window.AbortController ? new AbortController() : null;
    results.setAttribute("aria-busy", "true");
    return fetch(url, {
      credentials: "same-origin",
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        if (!swap(doc, options.focus)) {
          throw new Error("no listing in the response");
        }
        results.removeAttribute("aria-busy");
        if (options.push) {
          var address = options.push === "state" ? results.getAttribute("data-state-url") : url;
          history.pushState({ voionFilters: true }, "", address || url);
        }
      })
      .catch(function (error) {
        if (error && error.name === "AbortError") {
          return;
        }
        window.location.assign(url);
      });
  }

  function formUrl() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (String(value).trim() !== "") {
        params.append(name, value);
      }
    });
    var query = params.toString();
    return form.action.split("?")[0] + (query ? "?" + query : "");
  }

  // The sort order the results show: the one last applied, else the one the page came with.
  function appliedSort(select) {
    var initial = select.querySelector("option[selected]") || select.options[0];
    return select.getAttribute("data-applied") || (initial ? initial.value : "");
  }

  function applyForm() {
    var select = form.querySelector("select[data-sort]");
    if (select) {
      select.setAttribute("data-applied", select.value);
    }
    return load(formUrl(), { push: "state" });
  }

  // -- events -------------------------------------------------------------------------------

  history.replaceState({ voionFilters: true }, "", window.location.href);

  window.addEventListener("popstate", function (event) {
    if (event.state && event.state.voionFilters) {
      load(window.location.href, {});
    }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    applyForm();
  });

  form.addEventListener("change", function (event) {
    var control = event.target;
    if (control.matches("input[type=checkbox]")) {
      applyForm();
    } else if (control.matches("select[data-sort]")) {
      // Moved through with the keys of a closed select: not yet a choice.
      if (event.timeStamp - sortKeyAt > 400) {
        applyForm();
      }
    }
  });

  form.addEventListener("keydown", function (event) {
    var control = event.target;
    if (!control.matches("select[data-sort]")) {
      return;
    }
    if (event.key === "Enter") {
      event.preventDefault();
      if (control.value !== appliedSort(control)) {
        applyForm();
      }
    } else if (!event.altKey && !event.ctrlKey && !event.metaKey && event.key !== " " &&
               NAVIGATION_KEYS.test(event.key)) {
      sortKeyAt = event.timeStamp;
    }
  });

  form.addEventListener("focusout", function (event) {
    var control = event.target;
    if (control.matches("select[data-sort]") && control.value !== appliedSort(control)) {
      applyForm();
    }
  });

  form.addEventListener("click", function (event) {
    if (event.target.closest("#toon-resultaten")) {
      showResults();
    }
  });

  listing.addEventListener("click", function (event) {
    var link = event.target.closest("a[href]");
    if (!link || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    var url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname !== window.location.pathname) {
      return;  // an instrument, an article, the feed: ordinary links
    }
    event.preventDefault();
    var paging = !!link.closest(".pagination");
    var target = paging ? null : focusTarget(link);
    load(url.href, { push: true, focus: target }).then(function () {
      if (paging) {
        showResults();
      }
    });
  });
})();

/* --- 60-compare.js --- */
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

/* --- 60-selectie.js --- */
// Mijn selectie (selectie/). The selection lives in this browser's local storage (no
// cookie: the page cache is untouched) as [{item: "instrument:werkbalans", notitie: ""}].
// Without JavaScript every "Bewaar" is a link to /selectie/?item-1=<that item> and the
// selection page changes its address with ordinary GET forms. With it:
// - "Bewaar" (includes/save_toggle.html, the same HTML for every visitor) becomes a toggle
//   button (aria-pressed, "Bewaard"), announced in a status region;
// - the header's "Mijn selectie" shows the count and links to the stored selection;
// - the selection page opens the stored selection when its address has none, takes a
//   shared selection over when this browser has none (or on request), and applies its
//   changes (move, remove, notes, add) in place: focus stays, the change is announced.
(function () {
  "use strict";

  var KEY = "voion-selectie";
  var MAX = 50;
  var PAGE = "/selectie/";

  function load() {
    try {
      var items = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(items) ? items.filter(function (i) { return i && typeof i.item === "string"; }) : [];
    } catch (e) {
      return [];
    }
  }

  function save(items) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(items.slice(0, MAX)));
    } catch (e) { /* storage full or blocked: the address still carries the selection */ }
    refresh();
  }

  function query(items) {
    var parts = items.map(function (i, n) {
      return "item-" + (n + 1) + "=" + encodeURIComponent(i.item).replace(/%3A/g, ":").replace(/%2F/g, "/");
    });
    items.forEach(function (i, n) {
      if (i.notitie) { parts.push("notitie-" + (n + 1) + "=" + encodeURIComponent(i.notitie).replace(/%20/g, "+")); }
    });
    return parts.join("&");
  }

  function pageUrl(items) {
    return items.length ? PAGE + "?" + query(items) : PAGE;
  }

  var live;
  function announce(text) {
    var region = document.querySelector("[data-selectie-status]") || live;
    if (!region) {
      live = region = document.createElement("p");
      region.className = "visually-hidden";
      region.setAttribute("role", "status");
      document.body.appendChild(region);
    }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function has(items, key) {
    return items.some(function (i) { return i.item === key; });
  }

  // "Bewaar" toggles.
  function toggleButton(link) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.innerHTML = link.innerHTML;
    button.setAttribute("data-selectie-item", link.getAttribute("data-selectie-item"));
    button.setAttribute("data-selectie-title", link.getAttribute("data-selectie-title"));
    button.addEventListener("click", function () {
      var key = button.getAttribute("data-selectie-item");
      var title = button.getAttribute("data-selectie-title");
      var items = load();
      if (has(items, key)) {
        items = items.filter(function (i) { return i.item !== key; });
        save(items);
        announce(title + " is uit uw selectie gehaald (" + items.length + ").");
      } else if (items.length >= MAX) {
        announce("Uw selectie is vol: er passen " + MAX + " onderdelen in.");
      } else {
        items.push({ item: key, notitie: "" });
        save(items);
        announce(title + " is bewaard in uw selectie (" + items.length + ").");
      }
    });
    link.replaceWith(button);
  }

  function refresh() {
    var items = load();
    document.querySelectorAll("button[data-selectie-item]").forEach(function (button) {
      var kept = has(items, button.getAttribute("data-selectie-item"));
      button.setAttribute("aria-pressed", kept ? "true" : "false");
      var label = button.querySelector("[data-selectie-label]");
      if (label) { label.textContent = kept ? "Bewaard" : "Bewaar"; }
    });
    document.querySelectorAll("[data-selectie-link]").forEach(function (link) {
      link.href = pageUrl(items);
      var count = link.querySelector("[data-selectie-count]");
      if (count) { count.textContent = items.length ? " (" + items.length + ")" : ""; }
    });
  }

  document.querySelectorAll("a[data-selectie-item]").forEach(toggleButton);
  refresh();
  window.addEventListener("storage", function (event) { if (event.key === KEY) { refresh(); } });

  // The selection page.
  var page = document.querySelector("[data-selectie-page]");
  if (!page) { return; }

  function shown() {
    return Array.prototype.map.call(page.querySelectorAll("[data-selectie-key]"), function (li) {
      return { item: li.getAttribute("data-selectie-key"), notitie: li.getAttribute("data-selectie-note") || "" };
    });
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  var params = new URLSearchParams(window.location.search);
  var stored = load();
  var own = true;
  if (!params.has("item-1") && !params.has("zoek") && !shown().length && stored.length) {
    window.location.replace(pageUrl(stored));
    return;
  }
  if (!stored.length) {
    if (shown().length) { save(shown()); }
  } else if (!same(stored, shown())) {
    own = false;
    var adopt = page.querySelector("[data-selectie-adopt]");
    if (adopt) {
      adopt.hidden = false;
      adopt.querySelector("button").addEventListener("click", function () {
        save(shown());
        own = true;
        adopt.hidden = true;
        var heading = document.getElementById("sel-lijst");
        if (heading) { heading.focus(); }
        announce("Deze selectie is nu uw selectie.");
      });
    }
  }

  function itemIndex(key) {
    var keys = shown().map(function (i) { return i.item; });
    return keys.indexOf(key);
  }

  function titleOf(key) {
    var li = page.querySelector('[data-selectie-key="' + CSS.escape(key) + '"]');
    return li ? li.getAttribute("data-selectie-title") : "";
  }

  function focusAfter(action, key, oldIndex, submitterId, activeId) {
    var region = page.querySelector("[data-selectie-region]");
    var target = null;
    var items = shown();
    if (action === "omhoog" || action === "omlaag") {
      var other = action === "omhoog" ? "omlaag" : "omhoog";
      target = region.querySelector('button[name="' + action + '"][value="' + CSS.escape(key) + '"]') ||
        region.querySelector('button[name="' + other + '"][value="' + CSS.escape(key) + '"]');
      announce(titleOf(key) + " staat nu op plaats " + (itemIndex(key) + 1) + " van " + items.length + ".");
    } else if (action === "verwijder") {
      var lis = region.querySelectorAll("[data-selectie-key]");
      var next = lis[Math.min(oldIndex, lis.length - 1)];
      target = next ? next.querySelector("h3") : document.getElementById("sel-lijst");
    } else if (action === "voeg-toe") {
      var added = page.querySelector('[data-selectie-key="' + CSS.escape(key) + '"] h3');
      target = added;
      announce(titleOf(key) + " is toegevoegd aan uw selectie (" + items.length + ").");
    } else if (submitterId === "sel-zoek-knop") {
      target = document.getElementById("sel-resultaten");
    } else {
      // "Notities opslaan", or Enter in a note: back to that button or that note.
      target = document.getElementById(submitterId || activeId);
      announce("Notities opgeslagen.");
    }
    if (target) { target.focus(); }
  }

  function swap(url, action, key, submitterId) {
    var oldIndex = itemIndex(key);
    var oldTitle = titleOf(key);
    var activeId = document.activeElement ? document.activeElement.id : "";
    page.setAttribute("aria-busy", "true");
    return fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text().then(function (html) { return { html: html, url: response.url }; });
      })
      .then(function (result) {
        var doc = new DOMParser().parseFromString(result.html, "text/html");
        var fresh = doc.querySelector("[data-selectie-region]");
        var region = page.querySelector("[data-selectie-region]");
        if (!fresh || !region) { throw new Error("no region"); }
        region.replaceWith(fresh);
        window.history.replaceState(null, "", result.url);
        // 70-share.js enhances the share actions that came with the new list.
        fresh.dispatchEvent(new CustomEvent("portal:swapped", { bubbles: true }));
        if (own) { save(shown()); }
        page.removeAttribute("aria-busy");
        if (action === "verwijder") {
          announce(oldTitle + " is uit uw selectie gehaald (" + shown().length + " over).");
        }
        focusAfter(action, key, oldIndex, submitterId, activeId);
      })
      .catch(function () { window.location.href = url; });
  }

  page.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-selectie-form")) { return; }
    event.preventDefault();
    var submitter = event.submitter;
    var data = new FormData(form);
    var action = "";
    var key = "";
    if (submitter && submitter.name) {
      action = submitter.name;
      key = submitter.value;
      data.append(action, key);
    }
    var search = new URLSearchParams(data).toString();
    swap(form.getAttribute("action").split("#")[0] + "?" + search, action, key, submitter && submitter.id);
  });

  page.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-selectie-add]");
    if (!link) { return; }
    event.preventDefault();
    swap(link.href.split("#")[0], "voeg-toe", link.getAttribute("data-selectie-add"));
  });
})();

/* --- 70-share.js --- */
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

/* --- 80-forms.js --- */
// Forms: move focus to what a visitor must read first after a page load (the error
// summary of a form sent with mistakes, the confirmation after sending). Browsers that
// honour `autofocus` on it have done so already; the others get it here.
(function () {
  var target = document.querySelector("[data-focus-on-load]");
  if (target && document.activeElement !== target) {
    target.focus();
  }
})();

// "Was deze pagina nuttig?": send the answer in the background and put the thank-you
// in the widget's place, with focus on it. Without JavaScript the form posts and the
// page comes back with ?feedback=bedankt, which shows the same thank-you.
document.querySelectorAll("form[data-feedback]").forEach(function (form) {
  var widget = form.closest("[data-feedback-widget]");
  form.addEventListener("submit", function (event) {
    if (!window.fetch || !window.FormData) {
      return;
    }
    event.preventDefault();
    var data = new FormData(form);
    var button = event.submitter;
    if (button && button.name) {
      data.append(button.name, button.value);
    }
    form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        var thanks = widget.querySelector("[data-feedback-thanks]");
        widget.querySelectorAll("[data-feedback-question]").forEach(function (el) {
          el.hidden = true;
        });
        thanks.hidden = false;
        thanks.focus();
      })
      .catch(function () {
        form.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
        var failed = widget.querySelector("[data-feedback-failed]");
        failed.hidden = false;
      });
  });
});
