/* What a keyboard user should reach on the page as it stands: every shown control with a
   place in the Tab order, and every label the theme uses as a button. Marks each with data-imh-key. */
(focusable) => {
  const shown = el => el.checkVisibility({visibilityProperty: true}) && el.getClientRects().length > 0;
  const out = [];
  let n = 0;
  const mark = el => { if (!el.dataset.imhKey) el.dataset.imhKey = "k" + (n++); return el.dataset.imhKey; };
  for (const el of document.querySelectorAll(focusable)) {
    if (el.tabIndex < 0 || !shown(el) || el.closest("[hidden]")) continue;
    if (el.matches(".md-toggle, .md-nav__toggle")) continue;
    // Tab stops once in a group of radio buttons: on the chosen one.
    if (el.type === "radio" && el.name) {
      const group = [...document.querySelectorAll(`input[type=radio][name="${CSS.escape(el.name)}"]`)];
      if (el !== (group.find(r => r.checked) || group[0])) continue;
    }
    out.push({key: mark(el), what: describe(el)});
  }
  // Labels that work as buttons: the theme opens drawer, search and panels with them.
  for (const label of document.querySelectorAll("label[for]")) {
    if (!shown(label) || label.matches(".md-overlay, .md-search__overlay") || label.querySelector("a[href]")) continue;
    if (getComputedStyle(label).cursor !== "pointer") continue;  // a caption, not a button
    const input = document.getElementById(label.htmlFor);
    if (!input || shown(input) && input.tabIndex >= 0) continue;  // the input itself is in the list
    if (label.htmlFor === "__search") continue;  // the search box itself opens the search
    out.push({key: mark(label), what: describe(label)});
  }
  return out;
  function describe(el) {
    const text = (el.getAttribute("aria-label") || el.textContent || el.title || el.className || "").replace(/\s+/g, " ").trim();
    return el.tagName.toLowerCase() + " " + JSON.stringify(text.slice(0, 50));
  }
}
