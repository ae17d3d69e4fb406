/*
 * Text stays text in the theme's tooltips.
 *
 * Material (9.8, `content.tooltips`) reads an element's `title` when a reader hovers or
 * focuses it and inserts it with innerHTML, so a title such as a glossary expansion holding
 * `<img onerror=…>` would run. This makes the `title` property, the only way the theme reads
 * it, return the text HTML-escaped: the tooltip then shows exactly the attribute's text. The
 * attribute itself keeps the plain text (what browsers and screen readers use); when the
 * theme puts the escaped copy back after a tooltip closes, the plain text is restored.
 * Runs before the theme mounts anything (scripts run before `document$` first emits).
 */
(function () {
  "use strict";

  const property = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "title");
  if (!property || !property.get || !property.set) return;
  const escapedFor = new WeakMap(); // element -> { plain, escaped } last handed out

  const escapeHtml = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

  /* The plain text behind a title attribute that may hold the escaped copy we handed out. */
  function plainTitle(el) {
    const value = el.getAttribute("title") || "";
    const given = escapedFor.get(el);
    if (given && value === given.escaped && given.escaped !== given.plain) {
      property.set.call(el, given.plain);
      return given.plain;
    }
    return value;
  }

  Object.defineProperty(HTMLElement.prototype, "title", {
    configurable: true,
    enumerable: property.enumerable,
    get() {
      const plain = plainTitle(this);
      const escaped = escapeHtml(plain);
      escapedFor.set(this, { plain, escaped });
      return escaped;
    },
    set(value) {
      escapedFor.delete(this);
      property.set.call(this, value);
    },
  });

  /* The theme restores a title with setAttribute: put the plain text back at once. */
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.target.hasAttribute("title")) plainTitle(change.target);
    }
  }).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ["title"] });
})();
