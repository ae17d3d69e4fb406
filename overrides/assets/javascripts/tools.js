/*
 * Planning tools: the course checklist, the hours tracker and the calendar file (.ics).
 *
 * The pages carry the content as plain lists and tables (readers without JavaScript get
 * those); this script adds the checkboxes, the live progress line, export / import / clear
 * and the calendar download. Progress is kept only in this browser (localStorage) and
 * nothing is ever sent anywhere: files are made in the browser and saved by the reader.
 *
 * Material's instant navigation swaps pages without reloading this script, so every page
 * is set up from `document$`, which emits once per page shown.
 */
(function () {
  "use strict";

  var KEY_PREFIX = "imh-pathways:progress:";
  var FILE_FORMAT = "imh-pathways-progress";
  var FILE_VERSION = 1;

  /* Nothing below runs on a page without a tool but the check for one (`setUp`): the
     site root and the storage probe are worked out when a tool first needs them. */

  /* The site's root URL, from the theme's configuration on the page this script loaded
     with: its `base` is relative to that page's address, which instant navigation changes
     (the configuration itself stays), so the address is kept from the start. */
  var LOADED_AT = window.location.href;
  var siteRootFound = null;

  function siteRoot() {
    if (!siteRootFound) {
      try {
        var config = JSON.parse(document.getElementById("__config").textContent);
        siteRootFound = new URL(config.base.replace(/\/?$/, "/"), LOADED_AT);
      } catch (error) {
        siteRootFound = new URL("/", LOADED_AT);
      }
    }
    return siteRootFound;
  }

  /* --- storage --------------------------------------------------------------------- */

  var storageProbed = null;

  function storageWorks() {
    if (storageProbed === null) {
      try {
        var probe = KEY_PREFIX + "probe";
        window.localStorage.setItem(probe, "1");
        window.localStorage.removeItem(probe);
        storageProbed = true;
      } catch (error) {
        storageProbed = false;
      }
    }
    return storageProbed;
  }

  function readTicks(store) {
    if (!storageWorks()) return null;
    try {
      var data = JSON.parse(window.localStorage.getItem(KEY_PREFIX + store) || "{}");
      return Array.isArray(data.ticked) ? data.ticked.filter(function (id) { return typeof id === "string"; }) : [];
    } catch (error) {
      return [];
    }
  }

  function writeTicks(store, ids) {
    if (!storageWorks()) return false;
    try {
      if (ids.length) {
        window.localStorage.setItem(KEY_PREFIX + store, JSON.stringify(
          { version: FILE_VERSION, ticked: ids, saved: new Date().toISOString() }));
      } else {
        window.localStorage.removeItem(KEY_PREFIX + store);
      }
      return true;
    } catch (error) {
      return false;
    }
  }

  /* --- files ----------------------------------------------------------------------- */

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  /* Offer text as a file to save: a Blob URL, never a request to any server. */
  function download(text, filename, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = filename;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  /* --- checklists and the hours tracker -------------------------------------------- */

  var mounted = [];

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  /* What the progress line says, per tool. */
  var SUMMARIES = {
    checklist: function (tool) {
      var parts = [];
      [["course", "course", "courses"], ["module", "module", "modules"]].forEach(function (kind) {
        var all = tool.items.filter(function (item) { return item.kind === kind[0]; });
        if (!all.length) return;
        var done = all.filter(function (item) { return item.box.checked; }).length;
        parts.push(done + " of " + all.length + " " + (all.length === 1 ? kind[1] : kind[2]));
      });
      return "Progress: " + parts.join(" and ") + " ticked.";
    },
    tracker: function (tool) {
      var parts = [];
      [["training", "training"], ["supervision", "group reflective supervision"]].forEach(function (kind) {
        var target = Number(tool.root.getAttribute("data-imh-target-" + kind[0])) || 0;
        var hours = 0;
        tool.items.forEach(function (item) {
          if (item.kind === kind[0] && item.box.checked) hours += item.hours;
        });
        var cell = tool.root.querySelector('[data-imh-total="' + kind[0] + '"]');
        if (cell) cell.textContent = hours + " of " + target + " h";
        parts.push(hours + " of " + target + " hours of " + kind[1]);
      });
      return "So far: " + parts.join(", and ") + ".";
    },
  };

  function label(item) {
    return item.labelEl.textContent.replace(/\s+/g, " ").trim();
  }

  function ticked(tool) {
    return tool.items.filter(function (item) { return item.box.checked; });
  }

  function say(tool, text) {
    tool.message.textContent = "";
    // A fresh text node, so screen readers announce a repeated message too.
    window.setTimeout(function () { tool.message.textContent = text; }, 50);
  }

  function refresh(tool) {
    tool.items.forEach(function (item) {
      item.el.toggleAttribute("data-imh-ticked", item.box.checked);
    });
    tool.progress.textContent = SUMMARIES[tool.kind](tool);
  }

  function apply(tool, ids) {
    var wanted = {};
    ids.forEach(function (id) { wanted[id] = true; });
    tool.items.forEach(function (item) { item.box.checked = !!wanted[item.id]; });
    refresh(tool);
  }

  function persist(tool) {
    var ok = writeTicks(tool.store, ticked(tool).map(function (item) { return item.id; }));
    if (!ok && storageWorks()) say(tool, "Your browser could not save this tick. Export to a file to keep your progress.");
  }

  function exportTicks(tool) {
    var done = ticked(tool);
    var file = {
      format: FILE_FORMAT,
      version: FILE_VERSION,
      tool: tool.store,
      title: tool.root.getAttribute("data-imh-title") || "",
      exported: new Date().toISOString(),
      ticked: done.map(function (item) { return { id: item.id, label: label(item) }; }),
    };
    var name = "imh-" + tool.store + "-" + today() + ".json";
    download(JSON.stringify(file, null, 2) + "\n", name, "application/json");
    say(tool, "Saved " + plural(done.length, "tick", "ticks") + " to the file " + name + ".");
  }

  function importTicks(tool, file) {
    file.text().then(function (text) {
      var data;
      try {
        data = JSON.parse(text);
      } catch (error) {
        say(tool, "That file could not be read: choose a .json file exported from this page.");
        return;
      }
      if (!data || data.format !== FILE_FORMAT || !Array.isArray(data.ticked)) {
        say(tool, "That file is not a progress file from this site: choose a file exported from this page.");
        return;
      }
      if (data.tool !== tool.store) {
        say(tool, "That file holds progress for another tool on this site (" + String(data.title || data.tool) +
          "): import it on that page.");
        return;
      }
      var known = {};
      tool.items.forEach(function (item) { known[item.id] = true; });
      var ids = data.ticked.map(function (entry) { return entry && typeof entry === "object" ? entry.id : entry; })
        .filter(function (id) { return typeof id === "string" && known[id]; });
      var skipped = data.ticked.length - ids.length;
      apply(tool, ids);
      persist(tool);
      say(tool, "Imported " + plural(ids.length, "tick", "ticks") + " from " + file.name + "." +
        (skipped ? " " + plural(skipped, "item", "items") + " in the file no longer appear here and were left out." : ""));
    }, function () {
      say(tool, "That file could not be read.");
    });
  }

  function clearTicks(tool) {
    var count = ticked(tool).length;
    if (!count) {
      say(tool, "There are no ticks to clear.");
      return;
    }
    if (!window.confirm("Clear all " + plural(count, "tick", "ticks") + " here? This cannot be undone. " +
                        "Export to a file first if you want to keep a copy.")) {
      return;
    }
    apply(tool, []);
    persist(tool);
    say(tool, "Cleared all ticks.");
  }

  /* Turn each item's text into the label of a new checkbox. */
  function enhanceItem(tool, el, index) {
    var text = el.querySelector(":scope > .imh-check");
    if (!text) return null;
    var id = "imh-" + tool.store + "-" + index;
    var box = document.createElement("input");
    box.type = "checkbox";
    box.id = id;
    box.className = "imh-check__box";
    var labelEl = document.createElement("label");
    labelEl.htmlFor = id;
    labelEl.className = "imh-check__label";
    while (text.firstChild) labelEl.appendChild(text.firstChild);
    text.appendChild(box);
    text.appendChild(labelEl);
    return {
      el: el,
      id: el.getAttribute("data-imh-item"),
      kind: el.getAttribute("data-imh-kind"),
      hours: Number(el.getAttribute("data-imh-hours")) || 0,
      box: box,
      labelEl: labelEl,
    };
  }

  function mountTickTool(root) {
    var tool = {
      root: root,
      kind: root.getAttribute("data-imh-tool"),
      store: root.getAttribute("data-imh-store"),
      progress: root.querySelector(".imh-tool__progress"),
      message: root.querySelector(".imh-tool__message"),
      items: [],
    };
    root.querySelectorAll("[data-imh-item]").forEach(function (el, index) {
      var item = enhanceItem(tool, el, index);
      if (item) tool.items.push(item);
    });
    var saved = readTicks(tool.store);
    apply(tool, saved || []);

    root.addEventListener("change", function (event) {
      if (event.target.classList.contains("imh-check__box")) {
        refresh(tool);
        persist(tool);
      }
    });
    var file = root.querySelector("[data-imh-file]");
    root.querySelector('[data-imh-action="export"]').addEventListener("click", function () { exportTicks(tool); });
    root.querySelector('[data-imh-action="import"]').addEventListener("click", function () { file.click(); });
    root.querySelector('[data-imh-action="clear"]').addEventListener("click", function () { clearTicks(tool); });
    file.addEventListener("change", function () {
      if (file.files && file.files[0]) importTicks(tool, file.files[0]);
      file.value = "";
    });

    var privacy = root.querySelector(".imh-tool__privacy");
    if (!storageWorks()) {
      privacy.textContent = "This browser is not letting the page keep your ticks (for example in private " +
        "browsing, or with site data turned off), so they will be gone when you leave the page. " +
        "Export them to a file to keep a copy.";
    }
    [tool.progress, privacy, root.querySelector(".imh-tool__actions")].forEach(function (el) {
      if (el) el.hidden = false;
    });
    root.setAttribute("data-imh-ready", "");
    mounted.push(tool);
  }

  /* Another tab changed the same progress: show it here too. */
  window.addEventListener("storage", function (event) {
    if (!event.key || event.key.indexOf(KEY_PREFIX) !== 0) return;
    mounted = mounted.filter(function (tool) { return tool.root.isConnected; });
    mounted.forEach(function (tool) {
      if (KEY_PREFIX + tool.store === event.key) apply(tool, readTicks(tool.store) || []);
    });
  });

  /* --- the calendar file (RFC 5545) -------------------------------------------------- */

  function icsText(value) {
    return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n");
  }

  /* Lines longer than 75 octets are folded: CRLF and a space, never inside a character. */
  function fold(line) {
    var encoder = new TextEncoder();
    var out = [];
    var current = "";
    var size = 0;
    Array.from(line).forEach(function (ch) {
      var bytes = encoder.encode(ch).length;
      if (size + bytes > 75) {
        out.push(current);
        current = " ";
        size = 1;
      }
      current += ch;
      size += bytes;
    });
    out.push(current);
    return out.join("\r\n");
  }

  function ymd(year, monthIndex) {
    var d = new Date(Date.UTC(year, monthIndex, 1));
    return d.getUTCFullYear() + pad(d.getUTCMonth() + 1) + "01";
  }

  function monthName(year, monthIndex) {
    return new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" })
      .format(new Date(Date.UTC(year, monthIndex, 1)));
  }

  function buildCalendar(form, year, monthIndex) {
    var name = form.getAttribute("data-imh-name");
    var training = form.getAttribute("data-imh-training-hours");
    var supervision = form.getAttribute("data-imh-supervision-hours");
    var sessions = JSON.parse(form.getAttribute("data-imh-sessions"));
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    var start = year + pad(monthIndex + 1);
    var host = window.location.hostname || "imh-pathways";
    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//IMH Pathways//Planning tools//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:" + icsText(name),
    ];
    sessions.forEach(function (session) {
      var offset = session.month - 1;
      var url = new URL(session.path, siteRoot()).href;
      lines.push(
        "BEGIN:VEVENT",
        // The same start month gives the same UIDs, so importing again updates, not duplicates.
        "UID:" + start + "-month-" + session.month + "@" + host,
        "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + ymd(year, monthIndex + offset),
        "DTEND;VALUE=DATE:" + ymd(year, monthIndex + offset + 1),
        "SUMMARY:" + icsText(name + ", month " + session.month + ": " + session.title),
        "DESCRIPTION:" + icsText(
          "Month " + session.month + " of " + sessions.length + ": " + training + " hours of infant mental health " +
          "training on this topic and " + supervision + " hours of group reflective supervision. The " +
          "collaborative sets the exact dates and times: add them to this entry when you know them.\n" + url),
        "URL:" + url,
        "TRANSP:TRANSPARENT",
        "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return { text: lines.map(fold).join("\r\n") + "\r\n", count: sessions.length };
  }

  function mountCalendar(form) {
    var select = form.querySelector("[data-imh-start]");
    var message = form.querySelector(".imh-tool__message");
    var now = new Date();
    for (var i = -12; i <= 24; i++) {
      var d = new Date(now.getFullYear(), now.getMonth() + i, 1);
      var option = document.createElement("option");
      option.value = d.getFullYear() + "-" + pad(d.getMonth() + 1);
      option.textContent = monthName(d.getFullYear(), d.getMonth());
      option.selected = i === 1;
      select.appendChild(option);
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var parts = select.value.split("-");
      var year = Number(parts[0]);
      var monthIndex = Number(parts[1]) - 1;
      var calendar = buildCalendar(form, year, monthIndex);
      var slug = form.getAttribute("data-imh-name").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
      var filename = slug + "-" + select.value + ".ics";
      download(calendar.text, filename, "text/calendar;charset=utf-8");
      message.textContent = "";
      window.setTimeout(function () {
        message.textContent = "Saved " + filename + ": " + calendar.count + " monthly entries, " +
          monthName(year, monthIndex) + " to " + monthName(year, monthIndex + calendar.count - 1) +
          ". Open it with your calendar app.";
      }, 50);
    });
    form.hidden = false;
    form.setAttribute("data-imh-ready", "");
  }

  /* --- abbreviations ----------------------------------------------------------------- */

  /* The theme explains <abbr title> on hover; the first use of each term on a page can
     also take keyboard focus, so the explanation appears on focus too. */
  function focusableAbbreviations(scope) {
    var seen = {};
    scope.querySelectorAll("abbr[title]").forEach(function (abbr) {
      var term = abbr.textContent.trim();
      if (seen[term] || abbr.closest("a, button, label, summary, h1")) return;
      seen[term] = true;
      if (!abbr.hasAttribute("tabindex")) abbr.tabIndex = 0;
    });
  }

  /* --- every page -------------------------------------------------------------------- */

  function setUp() {
    document.querySelectorAll("[data-imh-tool]:not([data-imh-ready])").forEach(function (root) {
      try {
        if (root.getAttribute("data-imh-tool") === "calendar") mountCalendar(root);
        else mountTickTool(root);
      } catch (error) {
        // One broken tool must not stop the others; its plain list stays readable.
        if (window.console) window.console.error("planning tool", error);
      }
    });
    // The "turn on JavaScript" notes are for readers without it.
    document.querySelectorAll(".imh-tool__nojs").forEach(function (note) { note.hidden = true; });
    var article = document.querySelector(".md-content");
    if (article) focusableAbbreviations(article);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
