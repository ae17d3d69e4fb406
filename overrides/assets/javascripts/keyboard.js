/*
  Keyboard access to the navigation drawer on phones and tablets.

  The theme opens its drawer with a <label for="__drawer">, which a mouse or finger can use but
  Tab never reaches. This makes that label a real button for keyboard and screen-reader users:
  Enter or Space opens the drawer and moves focus into it, Escape closes it and returns focus.
  Without JavaScript the label still opens the drawer on tap, as before.
*/
(function () {
  "use strict";

  var toggle = document.getElementById("__drawer");
  if (!toggle) return;

  function button() {
    return document.querySelector(".md-header label[for='__drawer']");
  }

  function drawer() {
    return document.querySelector(".md-sidebar--primary");
  }

  function drawerIsUsed() {
    // Wide screens show the navigation as a sidebar: the button is hidden there.
    var b = button();
    return b && b.offsetParent !== null;
  }

  function setUp() {
    var b = button();
    var d = drawer();
    if (!b) return;
    if (d && !d.id) d.id = "imh-navigation";
    b.setAttribute("role", "button");
    b.setAttribute("tabindex", "0");
    b.setAttribute("aria-label", "Site navigation");
    if (d) b.setAttribute("aria-controls", d.id);
    b.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
  }

  function firstLink() {
    var d = drawer();
    return d && d.querySelector(".md-nav--primary .md-nav__link--active, .md-nav--primary a[href]");
  }

  function open() {
    if (!toggle.checked) button().click();
    var target = firstLink();
    if (target) target.focus({ preventScroll: true });
  }

  function close(returnFocus) {
    if (toggle.checked) toggle.click();
    if (returnFocus && drawerIsUsed()) button().focus();
  }

  document.addEventListener("keydown", function (event) {
    var b = button();
    if (b && event.target === b && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      if (toggle.checked) close(true);
      else open();
    } else if (event.key === "Escape" && toggle.checked && drawerIsUsed()) {
      close(true);
    }
  });

  toggle.addEventListener("change", function () {
    var b = button();
    if (b) b.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    var d = drawer();
    if (!toggle.checked && d && d.contains(document.activeElement) && drawerIsUsed()) b.focus();
  });

  setUp();
  // Instant navigation swaps page content but keeps the header; refresh the state anyway.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  }
})();
