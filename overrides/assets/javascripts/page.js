/* `imhOnEveryPage(setUp)`: runs `setUp` for the page that loaded and for each page the theme's
   instant navigation swaps in (its `document$`), or once when the theme's script is missing. */
window.imhOnEveryPage = (setUp) => {
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setUp);
  else setUp();
};
