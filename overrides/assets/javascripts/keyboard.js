/*
  Keyboard access to the navigation drawer on phones and tablets.

  The theme opens its drawer, and each section panel inside it, with <label> elements that a
  finger or mouse can use but Tab never reaches. On narrow screens this makes them buttons for
  keyboard and screen-reader users:
  - the menu button: Enter or Space opens the drawer and moves focus into it; Escape closes it
    and returns focus to the button; tabbing out of the drawer closes it;
  - a section's arrow opens its panel and moves focus to the panel's back button; the back
    button closes the panel and returns focus to the arrow that opened it.
  Without JavaScript every label still works on tap, as before. Wide screens are left alone.
  The skip link moves keyboard focus to the page's heading (on every screen size).
*/
(function () {
  "use strict";

  var toggle = document.getElementById("__drawer");
  if (!toggle) return;
  var narrow = window.matchMedia("(max-width: 76.234375em)");

  var PANEL_LABELS = ".md-nav--primary label.md-nav__link[for^='__nav'], " +
                     ".md-nav--primary label.md-nav__link[for='__toc']";
  var BACK_LABELS = ".md-nav--primary label.md-nav__title[for^='__nav'], " +
                    ".md-nav--primary label.md-nav__title[for='__toc']";

  function button() {
    return document.querySelector(".md-header label[for='__drawer']");
  }

  function drawer() {
    return document.querySelector(".md-sidebar--primary");
  }

  function shown(el) {
    return el && el.checkVisibility ? el.checkVisibility({ visibilityProperty: true }) : !!(el && el.offsetParent);
  }

  function makeButton(label, name) {
    if (!label.hasAttribute("data-imh-tabindex")) {
      label.setAttribute("data-imh-tabindex", label.getAttribute("tabindex") || "");
    }
    label.setAttribute("tabindex", "0");
    label.setAttribute("role", "button");
    if (name) label.setAttribute("aria-label", name);
  }

  function restore(label) {
    if (!label.hasAttribute("data-imh-tabindex")) return;
    var before = label.getAttribute("data-imh-tabindex");
    if (before) label.setAttribute("tabindex", before);
    else label.removeAttribute("tabindex");
    label.removeAttribute("data-imh-tabindex");
    label.removeAttribute("role");
  }

  /* "Open section: Course catalogue" for a section's arrow (named after the section), and
     "On this page: …" for the current page's entry, which opens its table of contents. */
  function panelName(label) {
    var text = label.textContent.replace(/\s+/g, " ").trim();
    var container = label.closest(".md-nav__container");
    var link = container && container.querySelector("a");
    if (!text && link) text = link.textContent.replace(/\s+/g, " ").trim();
    return (label.htmlFor === "__toc" ? "On this page: " : "Open section: ") + text;
  }

  function setUp() {
    var b = button();
    var d = drawer();
    if (b) {
      if (d && !d.id) d.id = "imh-navigation";
      makeButton(b, "Site navigation");
      if (d) b.setAttribute("aria-controls", d.id);
      b.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    }
    document.querySelectorAll(PANEL_LABELS).forEach(function (label) {
      if (narrow.matches) {
        makeButton(label, panelName(label));
        var input = document.getElementById(label.htmlFor);
        if (input) label.setAttribute("aria-expanded", input.checked ? "true" : "false");
      } else {
        restore(label);
        label.removeAttribute("aria-label");
      }
    });
    document.querySelectorAll(BACK_LABELS).forEach(function (label) {
      if (narrow.matches) makeButton(label, "Back from " + label.textContent.replace(/\s+/g, " ").trim());
      else {
        restore(label);
        label.removeAttribute("aria-label");
      }
    });
  }

  function firstInDrawer() {
    var d = drawer();
    if (!d) return null;
    var candidates = d.querySelectorAll(".md-nav__link--active, a[href], label[tabindex='0']");
    for (var i = 0; i < candidates.length; i++) {
      if (shown(candidates[i])) return candidates[i];
    }
    return null;
  }

  function openDrawer() {
    if (!toggle.checked) button().click();
    var target = firstInDrawer();
    if (target) target.focus({ preventScroll: true });
  }

  function closeDrawer() {
    if (toggle.checked) toggle.click();
    if (narrow.matches && button()) button().focus();
  }

  /* A section's arrow, or a panel's back button, was pressed: flip its panel, then put focus
     where the reader can see it. */
  function flipPanel(label) {
    var input = document.getElementById(label.htmlFor);
    if (!input) return;
    label.click();
    document.querySelectorAll(".md-nav--primary label.md-nav__link[for='" + input.id + "']").forEach(function (l) {
      l.setAttribute("aria-expanded", input.checked ? "true" : "false");
    });
    var target = null;
    if (input.checked) {
      var panel = input.parentElement.querySelector(":scope > .md-nav");
      target = panel && panel.querySelector(":scope > .md-nav__title");
    } else {
      target = document.querySelector(".md-nav--primary label.md-nav__link[for='" + input.id + "']");
    }
    if (target) target.focus({ preventScroll: true });
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var activate = event.key === "Enter" || event.key === " ";
    if (activate && target === button()) {
      event.preventDefault();
      event.stopPropagation(); // the theme would click the label a second time
      if (toggle.checked) closeDrawer();
      else openDrawer();
    } else if (activate && narrow.matches && target.matches && target.matches(PANEL_LABELS + ", " + BACK_LABELS)) {
      event.preventDefault();
      event.stopPropagation();
      flipPanel(target);
    } else if (event.key === "Escape" && toggle.checked && narrow.matches) {
      closeDrawer();
    }
  });

  // The skip link moves focus itself. The theme's instant navigation would otherwise take the
  // click as a page load, swap in a fresh copy of the page and leave focus nowhere.
  window.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.md-skip") : null;
    if (!link) return;
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus();
  }, true);

  // Tabbing out of the open drawer closes it, so focus never lands on the page behind it.
  document.addEventListener("focusin", function (event) {
    var d = drawer();
    if (toggle.checked && narrow.matches && d && !d.contains(event.target) && event.target !== button()) {
      toggle.click();
    }
  });

  toggle.addEventListener("change", function () {
    var b = button();
    if (b) b.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    var d = drawer();
    if (!toggle.checked && d && d.contains(document.activeElement) && narrow.matches && b) b.focus();
  });

  narrow.addEventListener("change", setUp);
  // The theme's `document$` emits for the page this script loaded with (at DOMContentLoaded,
  // or at once if that has passed) and again for each page instant navigation swaps in, with
  // a fresh navigation: one subscription sets up every page, each once. Without the theme's
  // script, set up now.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else {
    setUp();
  }
})();
