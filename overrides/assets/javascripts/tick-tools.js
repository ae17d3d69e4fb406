/*
 * The course checklist and the hours tracker: checkboxes added to the plain lists the pages
 * carry, a live progress line, and export / import / clear of the ticks.
 *
 * Saved progress is never lost without the reader's say: an import that would untick items
 * asks first, an import that matches nothing changes nothing, counts are the ticks really
 * applied, and when the browser will not save, earlier progress stays shown with a note.
 *
 * A tick is saved by its item's id. A module's id is module:<course>:<number>:<title's words>,
 * and a saved module tick follows the module's words, so a module staff move (or a module added
 * above it) keeps its own tick and never passes it to another; a tick saved before the words
 * were part of the id (module:<course>:<number>) goes to the module at that number. A saved
 * tick for an item the page no longer shows (a course retired, a module renamed) is kept in the
 * saved ticks, not shown, and comes back if the item does; only "Clear" drops it.
 *
 * In the checklist a course and its modules agree: ticking every module ticks the course,
 * ticking the course ticks its modules, and a course with some modules ticked shows as half
 * done ("mixed"). Unticking a course asks before it unticks its modules; anything the page
 * does on its own only ever adds ticks.
 */
(function () {
  "use strict";

  const FILE_FORMAT = "imh-pathways-progress";
  const FILE_VERSION = 1;
  const mounted = [];

  const plural = (n, one, many) => n + " " + (n === 1 ? one : many);

  function today() {
    const d = new Date();
    const pad = (n) => (n < 10 ? "0" : "") + n;
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  /* What the progress line says, per tool. */
  const SUMMARIES = {
    checklist(tool) {
      const parts = [];
      [["course", "course", "courses"], ["module", "module", "modules"]].forEach(([kind, one, many]) => {
        const all = tool.items.filter((item) => item.kind === kind);
        if (!all.length) return;
        const done = all.filter((item) => item.box.checked).length;
        parts.push(done + " of " + all.length + " " + (all.length === 1 ? one : many));
      });
      return "Progress: " + parts.join(" and ") + " ticked.";
    },
    tracker(tool) {
      const parts = [];
      [["training", "training"], ["supervision", "group reflective supervision"]].forEach(([kind, name]) => {
        const target = Number(tool.root.getAttribute("data-imh-target-" + kind)) || 0;
        let hours = 0;
        tool.items.forEach((item) => {
          if (item.kind === kind && item.box.checked) hours += item.hours;
        });
        const cell = tool.root.querySelector('[data-imh-total="' + kind + '"]');
        if (cell) cell.textContent = hours + " of " + target + " h";
        parts.push(hours + " of " + target + " hours of " + name);
      });
      return "So far: " + parts.join(", and ") + ".";
    },
  };

  const label = (item) => item.labelEl.textContent.replace(/\s+/g, " ").trim();
  const ticked = (tool) => tool.items.filter((item) => item.box.checked);

  function say(tool, text) {
    tool.message.textContent = "";
    // A fresh text node, so screen readers announce a repeated message too.
    window.setTimeout(() => { tool.message.textContent = text; }, 50);
  }

  function refresh(tool) {
    tool.items.forEach((item) => item.el.toggleAttribute("data-imh-ticked", item.box.checked));
    tool.courses.forEach(({ course, modules }) => {
      const done = modules.filter((module) => module.box.checked).length;
      course.box.indeterminate = !course.box.checked && done > 0;
    });
    tool.progress.textContent = SUMMARIES[tool.kind](tool);
  }

  /* The ids, plus the ticks that follow from them: a ticked course's modules, and the course
     whose modules are all ticked. Only ever adds. */
  function withLinkedTicks(tool, ids) {
    const wanted = new Set(ids);
    tool.courses.forEach(({ course, modules }) => {
      if (wanted.has(course.id)) modules.forEach((module) => wanted.add(module.id));
      else if (modules.every((module) => wanted.has(module.id))) wanted.add(course.id);
    });
    return wanted;
  }

  const MODULE_ID = /^module:([^:]+):(\d+)(?::(.+))?$/;

  /* Saved ids as ids of items on this page: the same id; else a module of the same course with
     the same words (moved); else, for an id saved without words, the module at that number.
     Ids matching nothing here are handed back as `kept`. */
  function resolve(tool, ids) {
    const modules = tool.items.filter((item) => item.kind === "module")
      .map((item) => ({ id: item.id, key: MODULE_ID.exec(item.id) })).filter((module) => module.key);
    const here = new Set(tool.items.map((item) => item.id));
    const found = new Set(ids.filter((id) => here.has(id)));
    const kept = [];
    ids.filter((id) => !here.has(id)).forEach((id) => {
      const key = MODULE_ID.exec(id);
      const same = key && modules.find((module) => !found.has(module.id) && module.key[1] === key[1] &&
        (key[3] ? module.key[3] === key[3] : module.key[2] === key[2]));
      if (same) found.add(same.id);
      else if (kept.indexOf(id) < 0) kept.push(id);
    });
    return { ids: Array.from(found), kept: kept };
  }

  function apply(tool, ids) {
    const wanted = withLinkedTicks(tool, ids);
    tool.items.forEach((item) => { item.box.checked = wanted.has(item.id); });
    refresh(tool);
  }

  /* Saved ticks shown: those of items here, the rest kept aside for the next save. */
  function applySaved(tool, saved) {
    const result = resolve(tool, saved);
    tool.kept = result.kept;
    apply(tool, result.ids);
  }

  const NOT_SAVED = "This browser did not save the change, so it will be gone when you leave the page: " +
    "export to a file to keep your progress.";

  /* Save the ticks; true if saved. A failure is said once per tool until saving works again. */
  function persist(tool) {
    const saved = window.imhProgress.write(tool.store, ticked(tool).map((item) => item.id).concat(tool.kept));
    if (!saved && !tool.unsaved) {
      tool.unsaved = true;
      tool.privacy.textContent = NOT_SAVED;
    }
    if (saved) tool.unsaved = false;
    return saved;
  }

  function exportTicks(tool) {
    const done = ticked(tool);
    const file = {
      format: FILE_FORMAT,
      version: FILE_VERSION,
      tool: tool.store,
      title: tool.root.getAttribute("data-imh-title") || "",
      exported: new Date().toISOString(),
      ticked: done.map((item) => ({ id: item.id, label: label(item) })),
    };
    const name = "imh-" + tool.store + "-" + today() + ".json";
    window.imhSaveFile(JSON.stringify(file, null, 2) + "\n", name, "application/json");
    say(tool, "Saved " + plural(done.length, "tick", "ticks") + " to the file " + name + ".");
  }

  /* The file's ticks as ids of items on this page, each once, or a reason it cannot be used. */
  function ticksInFile(tool, text) {
    let data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return { refused: "That file could not be read: choose a .json file exported from this page." };
    }
    if (!data || data.format !== FILE_FORMAT || !Array.isArray(data.ticked)) {
      return { refused: "That file is not a progress file from this site: choose a file exported from this page." };
    }
    if (data.tool !== tool.store) {
      return { refused: "That file holds progress for another tool on this site (" +
        String(data.title || data.tool).slice(0, 120) + "): import it on that page." };
    }
    const ids = data.ticked.map((entry) => (entry && typeof entry === "object" ? entry.id : entry))
      .filter((id) => typeof id === "string");
    const found = resolve(tool, ids).ids;
    return { ids: found, skipped: data.ticked.length - found.length };
  }

  function importTicks(tool, file) {
    file.text().then((text) => {
      const result = ticksInFile(tool, text);
      if (result.refused) return say(tool, result.refused);
      if (!result.ids.length) {
        return say(tool, "Nothing imported: none of the items in " + file.name + " appear on this page. " +
          "Your ticks are unchanged.");
      }
      const incoming = withLinkedTicks(tool, result.ids);
      const lost = ticked(tool).filter((item) => !incoming.has(item.id));
      if (lost.length && !window.confirm("Importing " + file.name + " ticks " + plural(result.ids.length, "item", "items") +
          " and unticks " + plural(lost.length, "item", "items") + " you have ticked now (" +
          lost.slice(0, 3).map(label).join("; ") + (lost.length > 3 ? "; …" : "") + "). Replace your ticks with the file's?")) {
        return say(tool, "Import cancelled: your ticks are unchanged.");
      }
      apply(tool, result.ids);
      const saved = persist(tool);
      say(tool, "Imported " + plural(result.ids.length, "tick", "ticks") + " from " + file.name + "." +
        (result.skipped ? " " + plural(result.skipped, "entry", "entries") + " in the file did not match an item here " +
          "(or repeated one) and " + (result.skipped === 1 ? "was" : "were") + " left out." : "") +
        (saved ? "" : " " + NOT_SAVED));
    }, () => say(tool, "That file could not be read."));
  }

  function clearTicks(tool) {
    const count = ticked(tool).length;
    if (!count) return say(tool, "There are no ticks to clear.");
    if (!window.confirm("Clear all " + plural(count, "tick", "ticks") + " here? This cannot be undone. " +
                        "Export to a file first if you want to keep a copy.")) {
      return undefined;
    }
    tool.kept = [];
    apply(tool, []);
    persist(tool);
    return say(tool, "Cleared all ticks.");
  }

  /* Turn each item's text into the label of a new checkbox. */
  function enhanceItem(tool, el, index) {
    const text = el.querySelector(":scope > .imh-check");
    if (!text) return null;
    const id = "imh-" + tool.store + "-" + index;
    const box = document.createElement("input");
    box.type = "checkbox";
    box.id = id;
    box.className = "imh-check__box";
    const labelEl = document.createElement("label");
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

  /* Each course of the checklist with the modules listed under it (courses without modules
     are ticked on their own). */
  function coursesWithModules(tool) {
    return tool.items.filter((item) => item.kind === "course").map((course) => ({
      course: course,
      modules: tool.items.filter((item) => item.kind === "module" && course.el.contains(item.el)),
    })).filter((group) => group.modules.length);
  }

  /* A box the reader just changed: bring its course or modules along. */
  function linkCourse(tool, item) {
    const group = item && tool.courses.find((g) => g.course === item || g.modules.includes(item));
    if (!group) return;
    const { course, modules } = group;
    if (item !== course) {
      const wasTicked = course.box.checked;
      course.box.checked = modules.every((module) => module.box.checked);
      if (course.box.checked && !wasTicked) {
        say(tool, "Every module of " + label(course) + " is ticked, so the course is ticked too.");
      }
      return;
    }
    if (course.box.checked) {
      modules.forEach((module) => { module.box.checked = true; });
      return;
    }
    const done = modules.filter((module) => module.box.checked);
    if (!done.length) return;
    if (window.confirm("Untick " + label(course) + " and its " + plural(done.length, "ticked module", "ticked modules") +
        "? Cancel keeps them ticked.")) {
      done.forEach((module) => { module.box.checked = false; });
    } else {
      course.box.checked = true;
      say(tool, label(course) + " and its modules stay ticked.");
    }
  }

  function wireActions(tool) {
    const root = tool.root;
    const file = root.querySelector("[data-imh-file]");
    root.addEventListener("change", (event) => {
      if (event.target.classList.contains("imh-check__box")) {
        linkCourse(tool, tool.items.find((item) => item.box === event.target));
        refresh(tool);
        persist(tool);
      }
    });
    root.querySelector('[data-imh-action="export"]').addEventListener("click", () => exportTicks(tool));
    root.querySelector('[data-imh-action="import"]').addEventListener("click", () => file.click());
    root.querySelector('[data-imh-action="clear"]').addEventListener("click", () => clearTicks(tool));
    file.addEventListener("change", () => {
      if (file.files && file.files[0]) importTicks(tool, file.files[0]);
      file.value = "";
    });
  }

  function mountTickTool(root) {
    const tool = {
      root: root,
      kind: root.getAttribute("data-imh-tool"),
      store: root.getAttribute("data-imh-store"),
      progress: root.querySelector(".imh-tool__progress"),
      message: root.querySelector(".imh-tool__message"),
      privacy: root.querySelector(".imh-tool__privacy"),
      items: [],
      courses: [],
      kept: [],
      unsaved: false,
    };
    root.querySelectorAll("[data-imh-item]").forEach((el, index) => {
      const item = enhanceItem(tool, el, index);
      if (item) tool.items.push(item);
    });
    tool.courses = coursesWithModules(tool);
    const saved = window.imhProgress.read(tool.store);
    applySaved(tool, saved || []);
    wireActions(tool);
    if (saved === null) {
      tool.privacy.textContent = "This browser is not letting the page keep your ticks (for example in private " +
        "browsing, or with site data turned off), so they will be gone when you leave the page. " +
        "Export them to a file to keep a copy.";
    }
    [tool.progress, tool.privacy, root.querySelector(".imh-tool__actions")].forEach((el) => {
      if (el) el.hidden = false;
    });
    root.setAttribute("data-imh-ready", "");
    mounted.push(tool);
  }

  /* Another tab changed the same progress: show it here too. */
  window.imhProgress.onChange((store) => {
    mounted.filter((tool) => tool.root.isConnected && tool.store === store).forEach((tool) => {
      const saved = window.imhProgress.read(tool.store);
      if (saved !== null) applySaved(tool, saved);
    });
  });

  window.imhOnPage(() => {
    document.querySelectorAll("[data-imh-tool]:not([data-imh-tool='calendar']):not([data-imh-ready])").forEach((root) => {
      try {
        mountTickTool(root);
      } catch (error) {
        // One broken tool must not stop the others; its plain list stays readable.
        if (window.console) window.console.error("planning tool", error);
      }
    });
    // The "turn on JavaScript" notes are for readers without it.
    document.querySelectorAll(".imh-tool__nojs").forEach((note) => { note.hidden = true; });
  });
})();
