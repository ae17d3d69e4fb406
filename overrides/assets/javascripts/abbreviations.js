/*
 * Abbreviations explained on keyboard focus too: the theme explains <abbr title> on hover;
 * the first use of each term on a page also takes focus (not every use, so the page does not
 * fill with tab stops), and its explanation then shows as on hover.
 */
(function () {
  "use strict";

  function focusableAbbreviations() {
    const article = document.querySelector(".md-content");
    if (!article) return;
    const seen = new Set();
    article.querySelectorAll("abbr[title]").forEach((abbr) => {
      const term = abbr.textContent.trim();
      if (seen.has(term) || abbr.closest("a, button, label, summary, h1")) return;
      seen.add(term);
      if (!abbr.hasAttribute("tabindex")) abbr.tabIndex = 0;
    });
  }

  window.imhOnPage(focusableAbbreviations);
})();
