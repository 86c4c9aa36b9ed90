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
