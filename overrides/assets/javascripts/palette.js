/*
  The light/dark toggle in the header (overrides/partials/palette.html): the theme's stored
  choice (`__palette`) and markup, but a page load changes nothing that is already right.
  Why it replaces the theme's component: bench/NOTES.md ("Readers"). Enter switches too.
*/
(() => {
  "use strict";

  const form = document.querySelector("form[data-imh-palette]");
  if (!form) return;
  const inputs = Array.prototype.slice.call(form.querySelectorAll("input.md-option"));
  if (!inputs.length) return;
  const KEYS = ["media", "scheme", "primary", "accent"];
  let current = -1;

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
    const input = inputs[index];
    const color = {};
    KEYS.forEach((key) => {
      color[key] = input.getAttribute("data-md-color-" + key);
    });
    // An "automatic" option follows the system: take the colours of the matching option.
    if (color.media === "(prefers-color-scheme)") {
      const light = window.matchMedia("(prefers-color-scheme: light)").matches;
      const match = form.querySelector("[data-md-color-media='(prefers-color-scheme: " + (light ? "light" : "dark") + ")']");
      if (match) {
        ["scheme", "primary", "accent"].forEach((key) => {
          color[key] = match.getAttribute("data-md-color-" + key);
        });
      }
    }
    return { index: index, color: color };
  }

  /* Attributes are only written when they change: an unchanged write still restyles. */
  function apply(palette) {
    KEYS.forEach((key) => {
      const name = "data-md-color-" + key;
      const value = palette.color[key];
      if (value !== null && document.body.getAttribute(name) !== value) document.body.setAttribute(name, value);
    });
    inputs.forEach((input, i) => {
      const label = input.nextElementSibling;
      if (label && label.tagName === "LABEL" && label.hidden !== (i !== palette.index)) label.hidden = i !== palette.index;
    });
    current = palette.index;
  }

  function meta(name, content) {
    let el = document.head.querySelector("meta[name='" + name + "']");
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
    const header = document.querySelector("[data-md-component=header]");
    if (!header) return;
    const style = window.getComputedStyle(header);
    meta("color-scheme", style.colorScheme);
    const rgb = (style.backgroundColor.match(/\d+/g) || []).slice(0, 3);
    if (rgb.length === 3) {
      meta("theme-color", "#" + rgb.map((n) => (+n).toString(16).padStart(2, "0")).join(""));
    }
  }

  function choose(index) {
    const palette = paletteOf(index);
    // No colour transitions while the whole page changes colour (the theme's CSS rule).
    document.body.setAttribute("data-md-color-switching", "");
    apply(palette);
    store(palette);
    updateMeta();
    window.setTimeout(() => {
      document.body.removeAttribute("data-md-color-switching");
    }, 0);
  }

  // The page as it opens: the remembered option, or the one the system's setting matches.
  const saved = stored();
  let index = saved && typeof saved.index === "number" ? saved.index : inputs.findIndex((input) => {
    const media = input.getAttribute("data-md-color-media");
    return !!media && window.matchMedia(media).matches;
  });
  index = Math.max(0, Math.min(index, inputs.length - 1));
  const palette = paletteOf(index);
  apply(palette);
  // Remembering the choice and reading the header's colours can wait until the page is idle.
  (window.requestIdleCallback || ((fn) => window.setTimeout(fn, 1)))(() => {
    if (!saved || JSON.stringify(saved) !== JSON.stringify(palette)) store(palette);
    updateMeta();
  });

  inputs.forEach((input, i) => {
    input.addEventListener("change", () => {
      if (input.checked) choose(i);
    });
  });

  // Enter on the focused toggle switches too (radio buttons only answer to Space and arrows).
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const next = inputs[(current + 1) % inputs.length];
    next.click();
    next.focus();
  });
})();
