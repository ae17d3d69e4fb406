/* Where focus is now: a visible focus ring, and the element in view and not covered (WCAG 2.4.11). */
() => {
  let el = document.activeElement;
  if (!el || el === document.body) return null;
  // The palette switch is a hidden radio button: its visible label carries the ring.
  const boxless = el.getClientRects().length === 0 || el.getBoundingClientRect().width === 0;
  const shownAs = el.matches(".md-option") ? el.nextElementSibling
    : boxless && el.labels && el.labels.length ? [...el.labels].find(l => l.getClientRects().length) || el : el;
  const style = getComputedStyle(shownAs);
  const ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  // WCAG 2.4.11: some part of the focused element must be in view and not covered. Sample the
  // middle and the corners of each of its boxes, clipped to the window.
  const rects = [...shownAs.getClientRects()].filter(r => r.width > 0 && r.height > 0);
  let seen = false, coveredBy = rects.length ? "being outside the window" : "having no box";
  for (const r of rects) {
    const left = Math.max(r.left, 0), right = Math.min(r.right, innerWidth);
    const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, innerHeight);
    if (right - left < 1 || bottom - top < 1) continue;
    const points = [[(left + right) / 2, (top + bottom) / 2], [left + 2, top + 2], [right - 2, bottom - 2],
                    [left + 2, bottom - 2], [right - 2, top + 2]];
    for (const [x, y] of points) {
      const hit = document.elementFromPoint(x, y);
      if (hit && (shownAs === hit || shownAs.contains(hit))) { seen = true; break; }
      coveredBy = !hit ? "nothing" : hit.closest(".md-header") && !shownAs.closest(".md-header") ? "the sticky header"
        : hit.tagName.toLowerCase() + "." + [...hit.classList].join(".");
    }
    if (seen) break;
  }
  const text = (el.getAttribute("aria-label") || el.textContent || el.title || el.className || "").replace(/\s+/g, " ").trim();
  return {key: el.dataset.imhKey || null, what: el.tagName.toLowerCase() + " " + JSON.stringify(text.slice(0, 50)),
          ring, seen, coveredBy, inDrawer: !!el.closest(".md-sidebar--primary"),
          inArticle: !!el.closest("article.md-content__inner"), skip: el.matches(".md-skip"),
          searchOpen: document.getElementById("__search").checked,
          searchLabel: document.querySelector("label[for='__search']")?.dataset.imhKey || null,
          animating: document.getAnimations().some(a => a.playState === "running")};
}
