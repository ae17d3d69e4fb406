/* The colour scheme the page shows, judged by what is painted, not only by the attribute. */
() => {
  const rgb = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
  const luminance = (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255;
  return {attribute: document.body.getAttribute("data-md-color-scheme"), dark: luminance < 0.5};
}
