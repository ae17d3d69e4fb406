/*
 * Wide tables on a small screen. The box around a table scrolls sideways (never the page) and
 * the table's first column stays in place while the rest scrolls (site.css). This adds what
 * CSS cannot know: a visible line saying the table scrolls, shown only while the table is
 * wider than its box, and a tapped or focused control in a later column (an abbreviation, a
 * link, a checkbox) scrolled clear of that fixed column instead of left under it (the first
 * column's width is also the box's scroll padding, for the browser's own scrolling). A table
 * that scrolls gets keyboard focus and a name, as the site's own tables have.
 */
(function () {
  "use strict";

  const observed = new WeakSet();
  // A box or its table changing size (a turned phone, a longer cell) may start or stop the scrolling.
  const resize = "ResizeObserver" in window ? new ResizeObserver((entries) => {
    entries.forEach((entry) => {
      const box = entry.target.matches("table") ? scrollBox(entry.target) : entry.target;
      if (box) update(box);
    });
  }) : null;

  /* The element that scrolls a table: the site's region, or the theme's wrapper. */
  function scrollBox(table) {
    return table.closest(".imh-table") || table.closest(".md-typeset__scrollwrap");
  }

  const columnCount = (table) => Array.from(table.rows[0] ? table.rows[0].cells : [])
    .reduce((n, cell) => n + (cell.colSpan || 1), 0);

  function addHint(box, table) {
    const hint = document.createElement("p");
    hint.className = "imh-table__hint";
    // For eyes only: screen readers move through a table cell by cell, not by scrolling it.
    hint.setAttribute("aria-hidden", "true");
    const verb = window.matchMedia("(pointer: coarse)").matches ? "Swipe" : "Scroll";
    hint.textContent = verb + " the table sideways to see all " + columnCount(table) +
      " columns; the first column stays in place.";
    box.parentNode.insertBefore(hint, box);
    return hint;
  }

  /* A box that scrolls must be reachable from the keyboard, with a name (axe: scrollable-region-focusable). */
  function makeFocusable(box, table) {
    if (box.hasAttribute("tabindex")) return;
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    const caption = table.caption ? table.caption.textContent : "";
    const first = table.rows[0] && table.rows[0].cells[0] ? table.rows[0].cells[0].textContent : "";
    box.setAttribute("aria-label", (caption || "Table: " + first).replace(/\s+/g, " ").trim());
  }

  function update(box) {
    const table = box.querySelector("table");
    if (!table || !box.isConnected) return;
    const wide = box.scrollWidth > box.clientWidth + 1;
    box.toggleAttribute("data-imh-scrolls", wide);
    const first = table.rows[1] ? table.rows[1].cells[0] : (table.rows[0] && table.rows[0].cells[0]);
    if (first) box.style.setProperty("--imh-first-column", Math.ceil(first.getBoundingClientRect().width) + "px");
    if (wide) makeFocusable(box, table);
    let hint = box.previousElementSibling;
    if (!(hint && hint.classList.contains("imh-table__hint"))) hint = wide ? addHint(box, table) : null;
    if (hint) hint.hidden = !wide;
  }

  /* A control focused (tapped, or reached with Tab) in a later column, partly under the fixed
     first column: scroll it clear. Browsers leave a control that is partly in view as it is,
     whatever the scroll padding says. */
  function clearOfFirstColumn(event) {
    const box = event.currentTarget;
    const cell = event.target.closest ? event.target.closest("td, th") : null;
    if (!cell || cell.cellIndex < 1 || !box.contains(cell)) return;
    const first = cell.parentElement.cells[0];
    if (getComputedStyle(first).position !== "sticky") return; // labelled rows: nothing is fixed
    const covered = first.getBoundingClientRect().right - event.target.getBoundingClientRect().left;
    if (covered > 0) box.scrollLeft -= covered + 8;
  }

  function mountTables() {
    document.querySelectorAll(".md-content article table").forEach((table) => {
      const box = scrollBox(table);
      if (!box) return;
      update(box);
      if (!observed.has(box)) {
        observed.add(box);
        box.addEventListener("focusin", clearOfFirstColumn);
        if (resize) {
          resize.observe(box);
          resize.observe(table);
        }
      }
    });
  }

  window.imhOnPage(mountTables);
})();
