/*
  The light/dark toggle in the header (overrides/partials/palette.html).

  It does what the theme's own palette component does, with the same stored preference
  (`__palette`, which the theme's inline script in <head> applies before the first paint of
  every later page), but without restyling the whole page when a page opens: the theme's
  component, mounted on every load, sets and removes a transitions-off attribute on <body>,
  adds a colour-scheme <meta> and reads the header's colours back, three full style
  recalculations in the longest task of a page load on a phone. Here a page load changes
  nothing that is already right; the address-bar colour is set once the page is idle.

  - On a first visit the option whose media query matches (light or dark, from the phone's
    setting) is chosen and remembered, as the theme does.
  - The visible button switches to the other scheme (a click, a tap, Space, or Enter, which
    radio buttons do not handle themselves).
  Without JavaScript the toggle stays hidden, as with the theme's own component.
*/
(function () {
  "use strict";

  var form = document.querySelector("form[data-imh-palette]");
  if (!form) return;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input.md-option"));
  if (!inputs.length) return;
  var KEYS = ["media", "scheme", "primary", "accent"];
  var current = -1;

  function stored() {
    try {
      return typeof window.__md_get === "function" ? window.__md_get("__palette") : null;
    } catch (error) {
      return null;
    }
  }

  function store(palette) {
    try {
      if (typeof window.__md_set === "function") window.__md_set("__palette", palette);
    } catch (error) {
      // Private browsing without storage: the choice lasts for this page only.
    }
  }

  /* The theme's palette object for option `index`: {index, color: {media, scheme, …}}. */
  function paletteOf(index) {
    var input = inputs[index];
    var color = {};
    KEYS.forEach(function (key) {
      color[key] = input.getAttribute("data-md-color-" + key);
    });
    // An "automatic" option follows the system: take the colours of the matching option.
    if (color.media === "(prefers-color-scheme)") {
      var light = window.matchMedia("(prefers-color-scheme: light)").matches;
      var match = form.querySelector("[data-md-color-media='(prefers-color-scheme: " + (light ? "light" : "dark") + ")']");
      if (match) {
        ["scheme", "primary", "accent"].forEach(function (key) {
          color[key] = match.getAttribute("data-md-color-" + key);
        });
      }
    }
    return { index: index, color: color };
  }

  /* Attributes are only written when they change: an unchanged write still restyles. */
  function apply(palette) {
    KEYS.forEach(function (key) {
      var name = "data-md-color-" + key;
      var value = palette.color[key];
      if (value !== null && document.body.getAttribute(name) !== value) document.body.setAttribute(name, value);
    });
    inputs.forEach(function (input, i) {
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL" && label.hidden !== (i !== palette.index)) label.hidden = i !== palette.index;
    });
    current = palette.index;
  }

  function meta(name, content) {
    var el = document.head.querySelector("meta[name='" + name + "']");
    if (!el) {
      // A light page needs no colour-scheme <meta> (light is the default); adding one
      // would restyle the whole page for nothing.
      if (name === "color-scheme" && (content === "light" || content === "normal")) return;
      el = document.createElement("meta");
      el.name = name;
      document.head.appendChild(el);
    }
    if (el.content !== content) el.content = content;
  }

  /* The browser's own colours (address bar on phones, scroll bars, form controls) follow the
     header, as with the theme. Material's instant navigation keeps these two <meta> tags. */
  function updateMeta() {
    var header = document.querySelector("[data-md-component=header]");
    if (!header) return;
    var style = window.getComputedStyle(header);
    meta("color-scheme", style.colorScheme);
    var rgb = (style.backgroundColor.match(/\d+/g) || []).slice(0, 3);
    if (rgb.length === 3) {
      meta("theme-color", "#" + rgb.map(function (n) { return (+n).toString(16).padStart(2, "0"); }).join(""));
    }
  }

  function choose(index) {
    var palette = paletteOf(index);
    // No colour transitions while the whole page changes colour (the theme's CSS rule).
    document.body.setAttribute("data-md-color-switching", "");
    apply(palette);
    store(palette);
    updateMeta();
    window.setTimeout(function () {
      document.body.removeAttribute("data-md-color-switching");
    }, 0);
  }

  // The page as it opens: the remembered option, or the one the system's setting matches.
  var saved = stored();
  var index = saved && typeof saved.index === "number" ? saved.index : inputs.findIndex(function (input) {
    var media = input.getAttribute("data-md-color-media");
    return !!media && window.matchMedia(media).matches;
  });
  index = Math.max(0, Math.min(index, inputs.length - 1));
  var palette = paletteOf(index);
  apply(palette);
  // Remembering the choice and reading the header's colours can wait until the page is idle.
  (window.requestIdleCallback || function (fn) { return window.setTimeout(fn, 1); })(function () {
    if (!saved || JSON.stringify(saved) !== JSON.stringify(palette)) store(palette);
    updateMeta();
  });

  inputs.forEach(function (input, i) {
    input.addEventListener("change", function () {
      if (input.checked) choose(i);
    });
  });

  // Enter on the focused toggle switches too (radio buttons only answer to Space and arrows).
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    var next = inputs[(current + 1) % inputs.length];
    next.click();
    next.focus();
  });
})();
