/* What a page shows a reader, measured in one round trip: sideways scrolling, headings,
   link names, touch targets and the summary box of a course or topic page. */
() => {
  const vw = document.documentElement.clientWidth;
  const visible = el => el.checkVisibility({visibilityProperty: true}) && el.getClientRects().length > 0;
  const text = s => (s || "").replace(/\s+/g, " ").trim();

  // --- sideways scrolling: the page must not, wide boxes scroll inside themselves
  const scrollers = [];
  for (const el of document.querySelectorAll("table, pre, .imh-table")) {
    if (!visible(el) || el.scrollWidth <= vw) continue;
    let box = el, ok = false;
    while (box && box !== document.body) {
      const style = getComputedStyle(box);
      if (/(auto|scroll)/.test(style.overflowX) && box.getBoundingClientRect().right <= vw + 0.5) { ok = true; break; }
      box = box.parentElement;
    }
    scrollers.push({what: el.tagName.toLowerCase() + (el.className ? "." + el.className : ""), ok});
  }

  // --- headings in document order (only those a reader can see)
  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
    .filter(visible).map(h => [Number(h.tagName[1]), text(h.textContent).replace(/¶$/, "")]);

  // --- links: the name a screen reader announces (aria-labelledby, aria-label, text, title)
  const nameOf = el => {
    const by = el.getAttribute("aria-labelledby");
    if (by) return text(by.split(/\s+/).map(id => document.getElementById(id)?.textContent || "").join(" "));
    if (el.getAttribute("aria-label")) return text(el.getAttribute("aria-label"));
    const clone = el.cloneNode(true);
    clone.querySelectorAll("img[alt]").forEach(img => img.replaceWith(img.alt));
    clone.querySelectorAll("[aria-hidden=true]").forEach(n => n.remove());
    return text(clone.textContent) || text(el.getAttribute("title"));
  };
  const links = [...document.querySelectorAll("a[href]")].map(a => ({
    name: nameOf(a), href: a.href, where: a.closest("header, nav, footer, article, aside")?.tagName.toLowerCase() || "page",
  }));

  // --- touch targets: every control a reader can see, outside running text
  const isInline = el => {
    if (!el.matches("a, abbr") || el.classList.contains("headerlink")) return false;
    const block = el.closest("p, li, td, th, dd, dt, figcaption, blockquote, .admonition-title, summary");
    if (!block) return false;
    const rest = text(block.textContent.replace(el.textContent, ""));
    return /[A-Za-z0-9]/.test(rest);
  };
  const controls = [...document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], [role=button], [tabindex='0']")]
    .filter(el => visible(el) && !el.matches(".md-option, .md-toggle, .md-nav__toggle, .md-skip"))
    .filter(el => !el.closest(".md-search, .md-tooltip, .md-tooltip2"))
    .filter(el => !(el.matches("label[for]") && el.querySelector("a[href]")));  // labels wrapping a real link
  // A form control and its labels are one target: tapping either works the control.
  const union = rs => {
    const r = {left: Math.min(...rs.map(x => x.left)), top: Math.min(...rs.map(x => x.top)),
               right: Math.max(...rs.map(x => x.right)), bottom: Math.max(...rs.map(x => x.bottom))};
    return {...r, x: r.left, y: r.top, width: r.right - r.left, height: r.bottom - r.top};
  };
  const labelled = el => el.matches("input, select, textarea") && el.labels && el.labels.length > 0;
  for (let i = controls.length - 1; i >= 0; i--) {
    const el = controls[i];
    if (el.matches("label[for]") && el.control && labelled(el.control) && controls.includes(el.control)) controls.splice(i, 1);
  }
  const rects = controls.map(el => labelled(el)
    ? union([el, ...el.labels].filter(visible).map(x => x.getBoundingClientRect()))
    : el.getBoundingClientRect());
  const targets = controls.map((el, i) => {
    const r = rects[i];
    return {
      name: text(nameOf(el)).slice(0, 60) || el.className, tag: el.tagName.toLowerCase(),
      where: el.closest("header, nav, footer, article, aside, .md-sidebar")?.tagName.toLowerCase() || "page",
      w: r.width, h: r.height, x: r.x + r.width / 2, y: r.y + r.height / 2, inline: isInline(el),
      box: [r.left, r.top, r.right, r.bottom],
    };
  }).filter(t => t.w > 0 && t.h > 0);

  // --- the summary box a course or topic page opens with
  const article = document.querySelector("article.md-content__inner");
  let glance = null;
  if (article) {
    const h1 = article.querySelector("h1");
    let next = h1 ? h1.nextElementSibling : null;
    while (next && !visible(next)) next = next.nextElementSibling;
    if (next && next.matches(".admonition")) {
      const r = next.getBoundingClientRect();
      glance = {
        classes: next.className, title: text(next.querySelector(".admonition-title")?.textContent),
        text: text(next.textContent), top: r.top + window.scrollY,
        external: [...next.querySelectorAll("a[href]")].map(a => a.href).filter(h => new URL(h).host !== location.host),
      };
    }
  }

  return {
    url: location.href.split("#")[0].split("?")[0],
    scrollWidth: document.documentElement.scrollWidth, viewport: vw, scrollers, headings, links, targets, glance,
    articleText: article ? text(article.innerText).length : 0,
  };
}
