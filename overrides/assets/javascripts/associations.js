/*
 * "Find your association": a filter for the table, and the reader's own state remembered.
 *
 * The table is complete without JavaScript; this adds the controls the page carries hidden.
 * The chosen state is kept only in this browser (imhProgress, the planning tools' storage:
 * nothing is sent anywhere), highlighted on every visit until the reader forgets it, and
 * changed only by the reader's own choice.
 */
(function () {
  "use strict";

  const STORE = "association";
  const mounted = [];

  /* Lower case without accents, so "hawaii" finds "Hawai‘i" and "Association" finds "association". */
  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f\u2018\u2019'`]/g, "").toLowerCase();

  function say(finder, text) {
    finder.status.textContent = "";
    // A fresh text node, so screen readers announce a repeated message too.
    window.setTimeout(() => { finder.status.textContent = text; }, 50);
  }

  /* Mark the chosen row (or none), and say which it is above the table. */
  function show(finder, id) {
    const chosen = finder.rows.find((row) => row.id === id) || null;
    finder.rows.forEach((row) => {
      const mine = row === chosen;
      row.el.toggleAttribute("data-imh-chosen", mine);
      row.badge.hidden = !mine;
    });
    finder.select.value = chosen ? chosen.id : "";
    finder.chosenLine.hidden = !chosen;
    if (chosen) {
      finder.chosenLink.textContent = chosen.label;
      finder.chosenLink.setAttribute("href", "#" + chosen.details);
    }
    finder.forget.disabled = !chosen;
    return chosen;
  }

  function choose(finder, id) {
    const saved = window.imhProgress.write(STORE, id ? [id] : []);
    const chosen = show(finder, id);
    if (!chosen) {
      say(finder, saved ? "Forgotten: no state is kept in this browser now." : "Cleared here, but this browser would not save the change.");
    } else {
      say(finder, (saved ? "Kept in this browser: " : "Shown, but this browser would not keep it: ") + chosen.label +
        ". Its row is highlighted below.");
    }
  }

  /* Hide the rows that do not hold the words typed; say how many are shown. */
  function filter(finder) {
    const words = fold(finder.input.value).split(/\s+/).filter(Boolean);
    let shown = 0;
    finder.rows.forEach((row) => {
      const match = words.every((word) => row.text.indexOf(word) !== -1);
      row.el.hidden = !match;
      if (match) shown += 1;
    });
    finder.count.textContent = words.length
      ? "Showing " + shown + " of " + finder.rows.length + (finder.rows.length === 1 ? " association." : " associations.")
      : "";
    finder.empty.hidden = shown !== 0;
  }

  function mount(root) {
    const tools = root.querySelector(".imh-finder__tools");
    const finder = {
      root: root,
      select: tools.querySelector("select"),
      input: tools.querySelector("input[type='search']"),
      forget: tools.querySelector("[data-imh-action='forget']"),
      status: tools.querySelector(".imh-finder__status"),
      count: tools.querySelector(".imh-finder__count"),
      privacy: tools.querySelector(".imh-finder__privacy"),
      chosenLine: tools.querySelector(".imh-finder__chosen"),
      chosenLink: tools.querySelector(".imh-finder__chosen a"),
      empty: root.querySelector(".imh-finder__empty"),
      rows: [],
    };
    root.querySelectorAll("tr[data-imh-association]").forEach((el) => {
      finder.rows.push({
        el: el,
        id: el.getAttribute("data-imh-association"),
        label: el.getAttribute("data-imh-label"),
        details: el.getAttribute("data-imh-details"),
        badge: el.querySelector(".imh-finder__badge"),
        text: fold(el.textContent),
      });
    });
    const saved = window.imhProgress.read(STORE);
    show(finder, saved && saved.length ? saved[0] : "");
    if (saved === null) {
      finder.privacy.textContent = "This browser is not letting the page keep your choice (for example in private " +
        "browsing, or with site data turned off), so it will be gone when you leave the page.";
    }
    finder.select.addEventListener("change", () => choose(finder, finder.select.value));
    finder.forget.addEventListener("click", () => choose(finder, ""));
    finder.input.addEventListener("input", () => filter(finder));
    tools.hidden = false;
    root.setAttribute("data-imh-ready", "");
    mounted.push(finder);
  }

  /* Another tab chose or forgot a state: show it here too. */
  window.imhProgress.onChange((store) => {
    if (store !== STORE) return;
    const saved = window.imhProgress.read(STORE);
    mounted.filter((finder) => finder.root.isConnected).forEach((finder) => show(finder, saved && saved.length ? saved[0] : ""));
  });

  window.imhOnPage(() => {
    document.querySelectorAll("[data-imh-finder]:not([data-imh-ready])").forEach((root) => {
      try {
        mount(root);
      } catch (error) {
        // The table stays complete and readable without the controls.
        if (window.console) window.console.error("association finder", error);
      }
    });
  });
})();
