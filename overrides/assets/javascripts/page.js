/*
 * `imhOnPage(fn)`: run `fn` for every page shown, the first and each one Material's instant
 * navigation swaps in (its `document$` emits once per page; without the theme's script, once
 * the page is parsed). The one place the site's scripts hook into page changes.
 */
(function () {
  "use strict";

  window.imhOnPage = function (fn) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(function () { fn(); });
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { fn(); });
    } else {
      fn();
    }
  };
})();
