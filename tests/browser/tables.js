/* Every table of a page as the screen shows it: stacked into labelled rows (each data cell shows
   its column's name above its value), or whole inside its box, or scrolling inside its box with
   its first column fixed (checked scrolled to the far end) and a visible line saying it scrolls. */
() => {
  const visible = el => !!el && el.checkVisibility({visibilityProperty: true}) && el.getClientRects().length > 0;
  const text = s => (s || "").replace(/\s+/g, " ").trim();
  return [...document.querySelectorAll("article table")].filter(visible).map(table => {
    const box = table.closest(".imh-table") || table.closest(".md-typeset__scrollwrap") || table;
    const headers = table.tHead ? [...table.tHead.rows[0].cells].map(c => text(c.textContent)) : [];
    const rows = [...table.tBodies].flatMap(b => [...b.rows]);
    const name = text(table.caption && table.caption.textContent) || headers.join(" | ");
    const out = {name, stacked: rows.length > 0 && getComputedStyle(rows[0]).display === "block",
                 wide: box.scrollWidth > box.clientWidth + 1, problems: []};
    if (out.stacked) {
      rows.forEach((row, r) => [...row.cells].forEach((cell, c) => {
        if (cell.tagName === "TH") return; // the row's own header is its block's title
        const before = getComputedStyle(cell, "::before");
        const shown = before.display !== "none" && parseFloat(before.height) > 0 ? before.content : "none";
        if (!shown.startsWith(JSON.stringify(headers[c]))) {
          out.problems.push(`row ${r + 1}, column ${c + 1}: shows the label ${shown}, not ${JSON.stringify(headers[c])}`);
        }
      }));
      if (box.scrollWidth > box.clientWidth + 1) out.problems.push("stacked, yet wider than its box");
    } else if (out.wide) {
      const hint = box.previousElementSibling;
      if (!(hint && hint.classList.contains("imh-table__hint") && visible(hint) && /sideways/.test(hint.textContent))) {
        out.problems.push("scrolls sideways with no visible line saying so");
      }
      const start = box.scrollLeft;
      box.scrollLeft = box.scrollWidth;
      const left = box.getBoundingClientRect().left + box.clientLeft;
      [...table.rows].forEach((row, r) => {
        const first = row.cells[0];
        const at = first.getBoundingClientRect().left;
        if (Math.abs(at - left) > 1.5) out.problems.push(`row ${r + 1}: first column moved to ${at.toFixed(0)} px (box starts at ${left.toFixed(0)})`);
      });
      out.scrolled = box.scrollLeft;
      box.scrollLeft = start;
    }
    return out;
  });
}
