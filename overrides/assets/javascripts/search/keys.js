/* The keyboard in the open search: the arrow keys move from the box through each visible result
   and back, Enter in the box opens the first result (search.js opens and closes the search). */

/* What the arrow keys move through: the box, then each visible result link or "N more on this page". */
function stops(input, list) {
  return [input].concat(Array.from(list.querySelectorAll(":scope > li > a[href], summary, details[open] > a[href]")));
}

/* Focus on the next stop (ArrowDown) or the one before (ArrowUp), round from the last to the box. */
function move(key, input, list) {
  const all = stops(input, list);
  const at = all.indexOf(document.activeElement);
  const next = key === "ArrowDown" ? at + 1 : (at < 0 ? all.length - 1 : at - 1);
  all[(next + all.length) % all.length].focus();
}

/* Listens for the keys while the search is open (`toggle` checked). */
export function listenForKeys({ toggle, input, list }) {
  document.addEventListener("keydown", (event) => {
    if (!toggle.checked || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      move(event.key, input, list);
    } else if (event.key === "Enter" && document.activeElement === input) {
      event.preventDefault();
      const first = list.querySelector("a[href]");
      if (first) first.click();
    }
  });
}
