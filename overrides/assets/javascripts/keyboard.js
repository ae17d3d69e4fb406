/*
  Keyboard access to the navigation drawer on phones and tablets: the header's menu button
  (overrides/partials/header.html) opens the drawer and moves focus into it, Escape or tabbing
  out closes it and gives focus back; each section's arrow opens its panel, whose back control
  leads back. Without JavaScript the theme's labels still work on tap; wide screens are left alone.
*/
(() => {
  "use strict";

  const toggle = document.getElementById("__drawer");
  if (!toggle) return;
  const narrow = window.matchMedia("(max-width: 76.234375em)");

  const PANEL_LABELS = ".md-nav--primary label.md-nav__link[for^='__nav'], " +
                       ".md-nav--primary label.md-nav__link[for='__toc']";
  const BACK_LABELS = ".md-nav--primary label.md-nav__title[for^='__nav'], " +
                      ".md-nav--primary label.md-nav__title[for='__toc']";

  const button = () => document.querySelector(".md-header [data-imh-drawer]");
  const drawer = () => document.querySelector(".md-sidebar--primary");
  const shown = (el) =>
    el && el.checkVisibility ? el.checkVisibility({ visibilityProperty: true }) : !!(el && el.offsetParent);
  const words = (text) => text.replace(/\s+/g, " ").trim();

  /* A panel's label in the Tab order with a name that says what it does (labels take no role:
     the theme's own CSS and tap behaviour stay). */
  function reachable(label, name) {
    if (!label.hasAttribute("data-imh-tabindex")) {
      label.setAttribute("data-imh-tabindex", label.getAttribute("tabindex") || "");
    }
    label.setAttribute("tabindex", "0");
    label.setAttribute("aria-label", name);
  }

  function restore(label) {
    if (!label.hasAttribute("data-imh-tabindex")) return;
    const before = label.getAttribute("data-imh-tabindex");
    if (before) label.setAttribute("tabindex", before);
    else label.removeAttribute("tabindex");
    label.removeAttribute("data-imh-tabindex");
    label.removeAttribute("aria-label");
  }

  /* "Open section: Course catalogue" for a section's arrow (named after the section), and
     "On this page: …" for the current page's entry, which opens its table of contents. */
  function panelName(label) {
    let text = words(label.textContent);
    const container = label.closest(".md-nav__container");
    const link = container && container.querySelector("a");
    if (!text && link) text = words(link.textContent);
    return (label.htmlFor === "__toc" ? "On this page: " : "Open section: ") + text;
  }

  function setUp() {
    const menu = button();
    const panel = drawer();
    if (menu && panel) {
      if (!panel.id) panel.id = "imh-navigation";
      menu.setAttribute("aria-controls", panel.id);
      menu.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    }
    document.querySelectorAll(PANEL_LABELS).forEach((label) => {
      if (narrow.matches) reachable(label, panelName(label));
      else restore(label);
    });
    document.querySelectorAll(BACK_LABELS).forEach((label) => {
      if (narrow.matches) reachable(label, "Back from " + words(label.textContent));
      else restore(label);
    });
  }

  function firstInDrawer() {
    const panel = drawer();
    if (!panel) return null;
    const candidates = panel.querySelectorAll(".md-nav__link--active, a[href], label[tabindex='0']");
    return Array.from(candidates).find(shown) || null;
  }

  function openDrawer() {
    if (!toggle.checked) toggle.click();
    const target = firstInDrawer();
    if (target) target.focus({ preventScroll: true });
  }

  function closeDrawer() {
    if (toggle.checked) toggle.click();
    if (narrow.matches && button()) button().focus();
  }

  /* A section's arrow, or a panel's back control, was pressed: flip its panel, then put focus
     where the reader can see it. */
  function flipPanel(label) {
    const input = document.getElementById(label.htmlFor);
    if (!input) return;
    label.click();
    let target = null;
    if (input.checked) {
      const panel = input.parentElement.querySelector(":scope > .md-nav");
      target = panel && panel.querySelector(":scope > .md-nav__title");
    } else {
      target = document.querySelector(".md-nav--primary label.md-nav__link[for='" + input.id + "']");
    }
    if (target) target.focus({ preventScroll: true });
  }

  document.addEventListener("click", (event) => {
    if (event.target.closest && event.target.closest(".md-header [data-imh-drawer]")) {
      if (toggle.checked) closeDrawer();
      else openDrawer();
    }
  });

  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const activate = event.key === "Enter" || event.key === " ";
    if (activate && narrow.matches && target.matches && target.matches(PANEL_LABELS + ", " + BACK_LABELS)) {
      event.preventDefault();
      event.stopPropagation(); // the theme would click the label a second time
      flipPanel(target);
    } else if (event.key === "Escape" && toggle.checked && narrow.matches) {
      closeDrawer();
    }
  });

  // The skip link moves focus itself. The theme's instant navigation would otherwise take the
  // click as a page load, swap in a fresh copy of the page and leave focus nowhere.
  window.addEventListener("click", (event) => {
    const link = event.target.closest ? event.target.closest("a.md-skip") : null;
    if (!link) return;
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus();
  }, true);

  // Tabbing out of the open drawer closes it, so focus never lands on the page behind it.
  document.addEventListener("focusin", (event) => {
    const panel = drawer();
    if (toggle.checked && narrow.matches && panel && !panel.contains(event.target) && event.target !== button()) {
      toggle.click();
    }
  });

  toggle.addEventListener("change", () => {
    const menu = button();
    if (menu) menu.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    const panel = drawer();
    if (!toggle.checked && panel && panel.contains(document.activeElement) && narrow.matches && menu) menu.focus();
  });

  narrow.addEventListener("change", setUp);
  window.imhOnPage(setUp);
})();
