// The editors' Markdown editor: a toolbar over the plain text area (headings, bold,
// italic, lists, links to a web address or to an item of the portal, images and documents
// from the media library, tables), a cheat-sheet, and a live preview the server renders
// exactly as the text will be stored. The text stays Markdown in a real <textarea>: the
// browser's own spelling check, undo and screen-reader support keep working, and without
// JavaScript the text area is all there is, as before.
(function () {
  "use strict";

  var PREVIEW_DELAY = 350;
  var PREVIEW_KEY = "voion-markdown-preview";

  // -- editing the text ------------------------------------------------------------------

  function edited(area) {
    // The unsaved-changes guard (admin.js) and the preview listen for this.
    area.dispatchEvent(new CustomEvent("voion:edited", { bubbles: true }));
  }

  // Replace the selection with `text`, through the browser's editing so Ctrl+Z undoes it;
  // then select text[from..to] (or put the cursor after the text).
  function replaceSelection(area, text, from, to) {
    area.focus();
    var start = area.selectionStart;
    var end = area.selectionEnd;
    var done = false;
    try {
      done = document.execCommand("insertText", false, text);
    } catch (error) {
      done = false;
    }
    if (!done || area.value.slice(start, start + text.length) !== text) {
      area.setRangeText(text, start, end, "end");
    }
    if (from === undefined) {
      from = to = text.length;
    }
    area.setSelectionRange(start + from, start + to);
    edited(area);
  }

  function wrap(area, before, after, placeholder) {
    var chosen = area.value.slice(area.selectionStart, area.selectionEnd);
    // A selection with spaces around keeps them outside the marks: "**word** ".
    var lead = chosen.match(/^\s*/)[0];
    var trail = chosen.slice(lead.length).match(/\s*$/)[0];
    var core = chosen.slice(lead.length, chosen.length - trail.length) || placeholder;
    var text = lead + before + core + after + trail;
    var from = lead.length + before.length;
    replaceSelection(area, text, from, from + core.length);
  }

  // Extend the selection to whole lines and return them.
  function selectLines(area) {
    var value = area.value;
    var start = value.lastIndexOf("\n", area.selectionStart - 1) + 1;
    var endAt = area.selectionEnd;
    if (endAt > area.selectionStart && value[endAt - 1] === "\n") {
      endAt -= 1;
    }
    var end = value.indexOf("\n", endAt);
    if (end < 0) {
      end = value.length;
    }
    area.setSelectionRange(start, end);
    return value.slice(start, end).split("\n");
  }

  // A block (list, table, image) needs an empty line before and after it in Markdown.
  function blankLinesAround(area, text) {
    var before = area.value.slice(0, area.selectionStart);
    var after = area.value.slice(area.selectionEnd);
    var lead = before === "" || /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n";
    // At the end of the text too: the cursor lands on a new paragraph after the block.
    var trail = /^\n\n/.test(after) ? "" : /^\n/.test(after) ? "\n" : "\n\n";
    return { text: lead + text + trail, offset: lead.length };
  }

  function heading(area, level) {
    var mark = new Array(level + 1).join("#") + " ";
    var lines = selectLines(area);
    var all = lines.every(function (line) { return line.indexOf(mark) === 0; });
    var text = lines.map(function (line) {
      var bare = line.replace(/^#{1,6}\s+/, "");
      return all ? bare : mark + (bare || "Kop");
    }).join("\n");
    replaceSelection(area, text, all ? 0 : mark.length, text.length);
  }

  function list(area, numbered) {
    var lines = selectLines(area);
    var marker = numbered ? /^\d+\.\s+/ : /^[-*+]\s+/;
    var all = lines.every(function (line) { return marker.test(line); });
    var text = lines.map(function (line, index) {
      if (all) {
        return line.replace(marker, "");
      }
      var bare = line.replace(/^(\d+\.|[-*+])\s+/, "");
      return (numbered ? index + 1 + ". " : "- ") + bare;
    }).join("\n");
    if (all) {
      replaceSelection(area, text);
      return;
    }
    var block = blankLinesAround(area, text);
    replaceSelection(area, block.text, block.offset + block.text.trim().length,
      block.offset + block.text.trim().length);
  }

  function insertBlock(area, text, selectFrom, selectTo) {
    var block = blankLinesAround(area, text);
    if (selectFrom === undefined) {
      replaceSelection(area, block.text);
      // Past the empty line that follows: typing goes on in a new paragraph.
      var caret = area.selectionEnd;
      var skip = area.value.slice(caret, caret + 2) === "\n\n" ? 2 : 0;
      area.setSelectionRange(caret + skip, caret + skip);
    } else {
      replaceSelection(area, block.text, block.offset + selectFrom, block.offset + selectTo);
    }
  }

  function table(area) {
    var text = "| Kop 1 | Kop 2 |\n| --- | --- |\n| Cel | Cel |\n| Cel | Cel |";
    insertBlock(area, text, 2, 7);
  }

  // -- dialogs ---------------------------------------------------------------------------

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  var dialogCount = 0;

  function makeDialog(title) {
    dialogCount += 1;
    var id = "md-dialog-" + dialogCount;
    var dialog = element("dialog", { "class": "item-chooser", "aria-labelledby": id + "-title" });
    dialog.appendChild(element("h2", { id: id + "-title" }, title));
    document.body.appendChild(dialog);
    dialog.uid = id;
    return dialog;
  }

  function closeButton(dialog, onClose) {
    var button = element("button", { type: "button", "class": "item-chooser-close" }, "Sluiten");
    button.addEventListener("click", function () {
      dialog.close();
      onClose();
    });
    dialog.addEventListener("cancel", function () {
      window.setTimeout(onClose, 0);
    });
    return button;
  }

  // "Link": text and web address, checked before anything is inserted.
  function buildLinkDialog() {
    var dialog = makeDialog("Link naar een webadres");
    var form = element("form", { method: "dialog", novalidate: "" });
    var id = dialog.uid;
    form.innerHTML =
      '<label for="' + id + '-text">Linktekst</label>' +
      '<input type="text" id="' + id + '-text" autocomplete="off">' +
      '<p class="md-hint" id="' + id + '-text-hint">Zeg waar de link heen gaat, bijv. ' +
      "‘de Arboscan-VO’; niet ‘klik hier’.</p>" +
      '<label for="' + id + '-url">Webadres</label>' +
      '<input type="url" id="' + id + '-url" autocomplete="off" placeholder="https://…" ' +
      'aria-describedby="' + id + '-url-hint">' +
      '<p class="md-hint" id="' + id + '-url-hint">Naar een pagina van deze site? Gebruik ' +
      "‘Link naar item’: die link blijft werken als de pagina verhuist.</p>" +
      '<p class="md-error" role="alert"></p>' +
      '<button type="submit" class="default">Link invoegen</button>';
    dialog.insertBefore(form, null);
    var target = null;
    var text = form.querySelector("#" + id + "-text");
    var url = form.querySelector("#" + id + "-url");
    var error = form.querySelector(".md-error");
    dialog.appendChild(closeButton(dialog, function () { target.focus(); }));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var address = url.value.trim();
      var label = text.value.trim();
      if (!/^(https?:\/\/[^\s]+|mailto:[^\s@]+@[^\s]+)$/i.test(address)) {
        error.textContent = "Vul een volledig webadres in dat begint met https:// " +
          "(of mailto: voor een e-mailadres).";
        url.focus();
        return;
      }
      if (!label) {
        error.textContent = "Vul een linktekst in.";
        text.focus();
        return;
      }
      dialog.close();
      replaceSelection(target, "[" + label.replace(/[[\]]/g, "") + "](" + address + ")");
    });
    return {
      open: function (area) {
        target = area;
        text.value = area.value.slice(area.selectionStart, area.selectionEnd).trim();
        url.value = "";
        error.textContent = "";
        dialog.showModal();
        (text.value ? url : text).focus();
      },
    };
  }

  // A search in the portal's items or the media library; media can be uploaded here too.
  function buildChooser(options) {
    var dialog = makeDialog(options.title);
    var id = dialog.uid;
    var search = element("div", { "class": "md-search" });
    search.innerHTML =
      '<label for="' + id + '-q">' + options.searchLabel + "</label>" +
      '<input type="search" id="' + id + '-q" autocomplete="off">' +
      '<p class="item-chooser-status" role="status" aria-live="polite"></p>' +
      '<ul class="item-chooser-results"></ul>';
    dialog.appendChild(search);
    var input = search.querySelector("input");
    var status = search.querySelector(".item-chooser-status");
    var list = search.querySelector("ul");
    var target = null;
    var timer = null;
    var asked = 0;
    var upload = options.upload ? buildUpload(dialog, options, choose) : null;
    dialog.appendChild(closeButton(dialog, function () { target.focus(); }));

    function choose(result) {
      dialog.close();
      options.insert(target, result.markdown);
    }

    function show(data) {
      list.innerHTML = "";
      data.results.forEach(function (result) {
        var item = element("li");
        var button = element("button", { type: "button" });
        if (result.thumbnail) {
          button.appendChild(element("img", { src: result.thumbnail, alt: "", "class": "md-thumb" }));
        }
        var text = element("span", { "class": "md-choice" });
        text.appendChild(element("span", { "class": "md-choice-label" }, result.label));
        text.appendChild(element("span", { "class": "item-chooser-about" },
          result.kind ? result.kind + " · " + result.state : result.about));
        button.appendChild(text);
        button.addEventListener("click", function () { choose(result); });
        item.appendChild(button);
        list.appendChild(item);
      });
      status.textContent = data.message || "";
    }

    function find() {
      var query = input.value.trim();
      var ticket = ++asked;
      if (query.length < options.minLength) {
        list.innerHTML = "";
        status.textContent = "Typ minstens twee letters.";
        return;
      }
      status.textContent = "Zoeken…";
      var url = options.url(target) + (options.url(target).indexOf("?") < 0 ? "?" : "&") +
        "q=" + encodeURIComponent(query);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (ticket === asked) {
            show(data);
          }
        })
        .catch(function () {
          status.textContent = "Zoeken lukte niet; probeer het opnieuw.";
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(find, 250);
    });

    return {
      open: function (area) {
        target = area;
        input.value = "";
        list.innerHTML = "";
        status.textContent = "";
        if (upload) {
          upload.reset(area);
        }
        dialog.showModal();
        input.focus();
        if (options.minLength === 0) {
          find();
        }
      },
    };
  }

  // "Nieuwe … uploaden" inside the media chooser: the library's own form, sent with fetch.
  function buildUpload(dialog, options, choose) {
    var id = dialog.uid;
    var details = element("details", { "class": "md-upload" });
    details.appendChild(element("summary", {}, options.upload.title));
    var form = element("form", { method: "post", enctype: "multipart/form-data", novalidate: "" });
    var html = '<input type="hidden" name="soort" value="' + options.upload.kind + '">';
    options.upload.fields.forEach(function (field) {
      var fieldId = id + "-" + field.name;
      html += '<label for="' + fieldId + '">' + field.label +
        (field.required ? "" : ' <span class="md-optional">(mag leeg)</span>') + "</label>";
      if (field.hint) {
        html += '<p class="md-hint" id="' + fieldId + '-hint">' + field.hint + "</p>";
      }
      html += '<input id="' + fieldId + '" name="' + field.name + '" type="' + field.type + '"' +
        (field.accept ? ' accept="' + field.accept + '"' : "") +
        (field.required ? " required" : "") +
        (field.hint ? ' aria-describedby="' + fieldId + '-hint"' : "") + ">";
      html += '<p class="md-error" id="' + fieldId + '-error"></p>';
    });
    html += '<p class="md-error md-error-form" role="alert"></p>' +
      '<button type="submit" class="default">' + options.upload.button + "</button>";
    form.innerHTML = html;
    details.appendChild(form);
    dialog.appendChild(details);
    var area = null;
    var busy = false;

    function showErrors(errors, message) {
      var first = null;
      options.upload.fields.forEach(function (field) {
        var slot = form.querySelector("#" + id + "-" + field.name + "-error");
        var text = (errors[field.name] || []).join(" ");
        if (field.name === "upload" && errors.__all__) {
          text = (text + " " + errors.__all__.join(" ")).trim();
        }
        slot.textContent = text;
        var input = form.querySelector("#" + id + "-" + field.name);
        if (text) {
          input.setAttribute("aria-invalid", "true");
          input.setAttribute("aria-describedby", slot.id);
          first = first || input;
        } else {
          input.removeAttribute("aria-invalid");
        }
      });
      form.querySelector(".md-error-form").textContent = message || "";
      if (first) {
        first.focus();
      }
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) {
        return;
      }
      var missing = {};
      options.upload.fields.forEach(function (field) {
        var input = form.querySelector("#" + id + "-" + field.name);
        var empty = field.type === "file" ? !input.files.length : !input.value.trim();
        if (field.required && empty) {
          missing[field.name] = [field.missing];
        }
      });
      if (Object.keys(missing).length) {
        showErrors(missing, "Vul in wat ontbreekt.");
        return;
      }
      var data = new FormData(form);
      data.append("csrfmiddlewaretoken", csrfToken(area));
      busy = true;
      form.querySelector(".md-error-form").textContent = "Bezig met uploaden…";
      fetch(options.upload.url(area), {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.json().then(function (answer) { return [response.ok, answer]; });
        })
        .then(function (outcome) {
          busy = false;
          if (outcome[0]) {
            choose(outcome[1].result);
          } else {
            showErrors(outcome[1].errors || {}, outcome[1].message);
          }
        })
        .catch(function () {
          busy = false;
          showErrors({}, "Het uploaden lukte niet; controleer de verbinding en probeer het opnieuw.");
        });
    });

    return {
      reset: function (forArea) {
        area = forArea;
        form.reset();
        showErrors({}, "");
        details.open = false;
      },
    };
  }

  function csrfToken(area) {
    var field = area.form && area.form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  // -- the live preview ------------------------------------------------------------------

  function livePreview(area, pane, url) {
    var timer = null;
    var asked = 0;
    var shown = null;

    function render() {
      if (pane.hidden || area.value === shown) {
        return;
      }
      var ticket = ++asked;
      var data = new FormData();
      data.append("tekst", area.value);
      data.append("csrfmiddlewaretoken", csrfToken(area));
      fetch(url, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.json();
        })
        .then(function (answer) {
          if (ticket !== asked) {
            return;
          }
          shown = area.value;
          // HTML rendered and cleaned by the server (core.markup), as it will be stored.
          pane.body.innerHTML = answer.html ||
            '<p class="md-preview-empty">Nog geen tekst.</p>';
        })
        .catch(function () {
          pane.body.innerHTML = '<p class="md-preview-empty">Het voorbeeld lukte niet; ' +
            "de tekst zelf is niet verloren.</p>";
        });
    }

    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(render, PREVIEW_DELAY);
    }

    area.addEventListener("input", later);
    area.addEventListener("voion:edited", later);
    return { render: render, forget: function () { shown = null; } };
  }

  // -- the editor around one text area ---------------------------------------------------

  var CHEAT_SHEET = [
    ["## Kop", "een kop (### voor een kleinere)"],
    ["**vet**", "vet"],
    ["_cursief_", "cursief"],
    ["- punt", "een opsomming (een lege regel ervoor)"],
    ["1. punt", "een genummerde lijst"],
    ["[tekst](https://…)", "een link naar een webadres"],
    ["| a | b |", "een tabel (gebruik de knop Tabel)"],
    ["lege regel", "een nieuwe alinea"],
  ];

  function cheatSheet() {
    var details = element("details", { "class": "md-help" });
    details.appendChild(element("summary", {}, "Opmaak zonder knoppen (Markdown)"));
    var table = element("table");
    var head = element("tr");
    head.appendChild(element("th", { scope: "col" }, "U typt"));
    head.appendChild(element("th", { scope: "col" }, "U krijgt"));
    table.appendChild(head);
    CHEAT_SHEET.forEach(function (row) {
      var line = element("tr");
      var typed = element("td");
      typed.appendChild(element("code", {}, row[0]));
      line.appendChild(typed);
      line.appendChild(element("td", {}, row[1]));
      table.appendChild(line);
    });
    details.appendChild(table);
    return details;
  }

  function labelOf(area) {
    var label = document.querySelector("label[for='" + area.id + "']");
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "tekst";
  }

  function enhance(area, tools) {
    var box = element("div", { "class": "md-editor" });
    area.parentNode.insertBefore(box, area);
    var toolbar = element("div", {
      role: "toolbar",
      "class": "md-toolbar",
      "aria-label": "Opmaak van " + labelOf(area),
      "aria-controls": area.id,
    });
    var panes = element("div", { "class": "md-panes" });
    var pane = element("section", { "class": "md-preview", "aria-label": "Voorbeeld van " + labelOf(area) });
    pane.appendChild(element("p", { "class": "md-preview-title", "aria-hidden": "true" }, "Voorbeeld"));
    pane.body = element("div", { "class": "md-preview-body markdown-preview" });
    pane.appendChild(pane.body);
    box.appendChild(toolbar);
    box.appendChild(panes);
    panes.appendChild(area);
    panes.appendChild(pane);
    box.appendChild(cheatSheet());
    var preview = livePreview(area, pane, area.dataset.markdownPreview);

    var actions = [
      ["Kop", "Kop (H2)", function () { heading(area, 2); }],
      ["Subkop", "Subkop (H3)", function () { heading(area, 3); }],
      ["Vet", "Vet (Ctrl+B)", function () { wrap(area, "**", "**", "vette tekst"); }],
      ["Cursief", "Cursief (Ctrl+I)", function () { wrap(area, "_", "_", "cursieve tekst"); }],
      ["Opsomming", "Opsomming", function () { list(area, false); }],
      ["Genummerd", "Genummerde lijst", function () { list(area, true); }],
      ["Link", "Link naar een webadres (Ctrl+K)", function () { tools.link.open(area); }],
      ["Link naar item", "Link naar een item van de portal", function () { tools.item.open(area); }],
      ["Afbeelding", "Afbeelding uit de mediabibliotheek", function () { tools.image.open(area); }],
      ["Document", "Document uit de mediabibliotheek", function () { tools.document.open(area); }],
      ["Tabel", "Tabel", function () { table(area); }],
    ];
    var buttons = actions.map(function (action) {
      var button = element("button", { type: "button", "class": "md-tool", title: action[1] }, action[0]);
      if (action[0] === "Link naar item") {
        button.classList.add("item-chooser-open");
      }
      if (/Link|Afbeelding|Document/.test(action[0])) {
        button.setAttribute("aria-haspopup", "dialog");
      }
      button.addEventListener("click", action[2]);
      toolbar.appendChild(button);
      return button;
    });
    var toggle = element("button", { type: "button", "class": "md-tool md-preview-toggle", "aria-pressed": "false" }, "Voorbeeld");
    toolbar.appendChild(toggle);
    buttons.push(toggle);

    function setPreview(on) {
      pane.hidden = !on;
      box.classList.toggle("md-with-preview", on);
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      if (on) {
        preview.forget();
        preview.render();
      }
    }
    toggle.addEventListener("click", function () {
      var on = pane.hidden;
      setPreview(on);
      try {
        window.localStorage.setItem(PREVIEW_KEY, on ? "on" : "off");
      } catch (error) { /* private browsing: the choice lasts for this page */ }
    });
    var remembered = null;
    try {
      remembered = window.localStorage.getItem(PREVIEW_KEY);
    } catch (error) { remembered = null; }
    // Inline rows (43 activities on a plan) start without: one preview request each.
    setPreview(remembered === "on" && !area.closest(".inline-group"));

    // One tab stop for the toolbar; the arrow keys move between its buttons (ARIA toolbar).
    buttons.forEach(function (button, index) {
      button.tabIndex = index === 0 ? 0 : -1;
      button.addEventListener("keydown", function (event) {
        var next = null;
        if (event.key === "ArrowRight") { next = (index + 1) % buttons.length; }
        if (event.key === "ArrowLeft") { next = (index - 1 + buttons.length) % buttons.length; }
        if (event.key === "Home") { next = 0; }
        if (event.key === "End") { next = buttons.length - 1; }
        if (next !== null) {
          event.preventDefault();
          button.tabIndex = -1;
          buttons[next].tabIndex = 0;
          buttons[next].focus();
        }
      });
    });

    area.addEventListener("keydown", function (event) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) {
        return;
      }
      var key = event.key.toLowerCase();
      if (key === "b") { event.preventDefault(); wrap(area, "**", "**", "vette tekst"); }
      if (key === "i") { event.preventDefault(); wrap(area, "_", "_", "cursieve tekst"); }
      if (key === "k") { event.preventDefault(); tools.link.open(area); }
    });
  }

  function insertInline(area, markdown) {
    var chosen = area.value.slice(area.selectionStart, area.selectionEnd).trim();
    // Selected text becomes the link text; otherwise the item's title is.
    var text = chosen ? markdown.replace(/^\[[^\]]*\]/, "[" + chosen.replace(/[[\]]/g, "") + "]") : markdown;
    replaceSelection(area, text);
  }

  function start() {
    var areas = Array.prototype.filter.call(
      document.querySelectorAll("textarea[data-markdown-editor]"),
      // Django keeps an empty inline row as a template to copy: not an editor yet.
      function (area) { return !/__prefix__/.test(area.name); }
    );
    if (!areas.length || typeof HTMLDialogElement === "undefined") {
      return;
    }
    var tools = {
      link: buildLinkDialog(),
      item: buildChooser({
        title: "Link naar een item",
        searchLabel: "Zoek op titel",
        minLength: 2,
        url: function (area) { return area.dataset.itemChooser; },
        insert: insertInline,
      }),
      image: buildChooser({
        title: "Afbeelding invoegen",
        searchLabel: "Zoek in de afbeeldingen",
        minLength: 0,
        url: function (area) { return area.dataset.mediaChooser + "?soort=afbeelding"; },
        insert: function (area, markdown) { insertBlock(area, markdown); },
        upload: {
          kind: "afbeelding",
          title: "Nieuwe afbeelding uploaden",
          button: "Uploaden en invoegen",
          url: function (area) { return area.dataset.mediaUpload; },
          fields: [
            { name: "upload", label: "Afbeelding", type: "file", accept: "image/jpeg,image/png,image/webp,image/gif", required: true, missing: "Kies een afbeelding.", hint: "JPEG, PNG, WebP of GIF, hoogstens 10 MB." },
            { name: "alt_tekst", label: "Alternatieve tekst", type: "text", required: true, missing: "Beschrijf wat de afbeelding laat zien.", hint: "Wat de afbeelding laat zien, voor wie haar niet kan zien." },
            { name: "bijschrift", label: "Bijschrift", type: "text" },
            { name: "maker", label: "Maker of bron", type: "text", hint: "Bijv. ‘Foto: Voion’." },
          ],
        },
      }),
      document: buildChooser({
        title: "Document invoegen",
        searchLabel: "Zoek in de documenten",
        minLength: 0,
        url: function (area) { return area.dataset.mediaChooser + "?soort=document"; },
        insert: insertInline,
        upload: {
          kind: "document",
          title: "Nieuw document uploaden",
          button: "Uploaden en invoegen",
          url: function (area) { return area.dataset.mediaUpload; },
          fields: [
            { name: "upload", label: "Document", type: "file", accept: ".pdf,.docx,.xlsx", required: true, missing: "Kies een document.", hint: "PDF, Word (.docx) of Excel (.xlsx), hoogstens 25 MB." },
            { name: "titel", label: "Titel", type: "text", hint: "Zoals bezoekers het zien. Leeg: de naam van het bestand." },
          ],
        },
      }),
    };
    Array.prototype.forEach.call(areas, function (area) { enhance(area, tools); });
    // A row added to an inline (an activity, a step) gets the editor too.
    document.addEventListener("formset:added", function (event) {
      var fresh = event.target.querySelectorAll("textarea[data-markdown-editor]");
      Array.prototype.forEach.call(fresh, function (area) {
        if (!area.closest(".md-editor")) {
          enhance(area, tools);
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
