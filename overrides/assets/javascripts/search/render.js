/* Results in the theme's markup, with every value from the index as text: elements are made here,
   titles and excerpts go in as text nodes, and the only marks are <mark> elements holding text. */

import { isShort } from "./titles.js";

const SHOWN_SECTIONS = 2;  // sections shown under a page before "N more on this page"

function el(tag, className) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

function unescapeText(s) {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/* "3 matching documents", in the theme's words (the search box's data-text-* attributes). */
export function count(n, text) {
  if (n === 0) return text.textNone;
  if (n === 1) return text.textOne;
  return text.textOther.replace("#", String(n));
}

/* The pattern of the query's words where a word of a title starts with one (or is one, for a
   word of one or two letters), or null. */
function markPattern(query) {
  const words = query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  if (!words.length) return null;
  const word = (w) => escapeRegExp(w) + (isShort(w) ? "(?![\\p{L}\\p{N}])" : "");
  return new RegExp("(^|[^\\p{L}\\p{N}])(" + words.map(word).join("|") + ")", "giu");
}

/* A function that appends a title to an element with the query's words marked, each mark the
   whole word. The words are marked as typed (accents kept: the marks must match the title as
   written); matching (titles.js normalWords) also drops accents. */
export function marker(query) {
  const pattern = markPattern(query);
  return (parent, title) => {
    title = String(title || "");
    if (!pattern) { parent.appendChild(document.createTextNode(title)); return; }
    pattern.lastIndex = 0;
    let last = 0;
    let match;
    while ((match = pattern.exec(title)) !== null) {
      const start = match.index + match[1].length;
      let end = start + match[2].length;
      while (end < title.length && /[\p{L}\p{N}]/u.test(title[end])) end++;  // the whole word
      if (start > last) parent.appendChild(document.createTextNode(title.slice(last, start)));
      const mark = el("mark");
      mark.textContent = title.slice(start, end);
      parent.appendChild(mark);
      last = end;
      pattern.lastIndex = end;
    }
    if (last < title.length) parent.appendChild(document.createTextNode(title.slice(last)));
  };
}

/* Pagefind's excerpt as text nodes and <mark> elements: the only tags in it are its own
   <mark> and </mark>, since it escapes < and > in the page text. */
function appendExcerpt(parent, excerpt) {
  const parts = String(excerpt || "").split(/<mark>|<\/mark>/);
  const tags = String(excerpt || "").match(/<mark>|<\/mark>/g) || [];
  let marked = false;
  parts.forEach((part, i) => {
    if (part) {
      const node = document.createTextNode(unescapeText(part));
      if (marked) {
        const mark = el("mark");
        mark.appendChild(node);
        parent.appendChild(mark);
      } else {
        parent.appendChild(node);
      }
    }
    if (i < tags.length) marked = tags[i] === "<mark>";
  });
}

/* A section's excerpt without its own heading in front (Pagefind's section text starts with
   it, and the heading is shown already). */
function withoutHeading(excerpt, heading) {
  const words = String(excerpt || "").split(" ");
  const plain = words.map((w) => unescapeText(w.replace(/<\/?mark>/g, "")));
  const title = String(heading || "").split(/\s+/).filter(Boolean);
  if (!title.length || plain.slice(0, title.length).join(" ").replace(/\.$/, "") !== title.join(" ")) return excerpt;
  return words.slice(title.length).join(" ");
}

function link(url, heading, level, excerpt, mark, withIcon) {
  const a = el("a", "md-search-result__link");
  a.href = url;
  a.tabIndex = -1;
  const article = el("article", "md-search-result__article md-typeset");
  if (withIcon) article.appendChild(el("div", "md-search-result__icon md-icon"));
  const h = el(level);
  mark(h, heading);
  article.appendChild(h);
  if (excerpt) {
    const p = el("p");
    appendExcerpt(p, excerpt);
    article.appendChild(p);
  }
  a.appendChild(article);
  return a;
}

function sectionScore(sub) {
  return (sub.weighted_locations || []).reduce((sum, l) => sum + (l.weight || 1), 0);
}

/* The sections beyond the first few, folded under "N more on this page". */
function more(rest, sectionLink, text) {
  const details = el("details", "md-search-result__more");
  const summary = el("summary");
  summary.tabIndex = -1;
  const label = el("div");
  label.textContent = rest.length === 1 ? text.textMoreOne : text.textMoreOther.replace("#", String(rest.length));
  summary.appendChild(label);
  details.appendChild(summary);
  rest.forEach((sub) => details.appendChild(sectionLink(sub)));
  return details;
}

/* One page's result group (Pagefind's page data, or a title match in its shape): the page's
   opening (its h1 and what follows up to the first section) is the page link; its sections
   with matches follow, best first. */
export function group(page, mark, text) {
  const item = el("li", "md-search-result__item");
  const title = (page.meta && page.meta.title) || page.url;
  const subs = page.sub_results || [];
  const opening = subs.find((sub) => !sub.anchor || sub.anchor.element === "h1");
  const sections = subs.filter((sub) => sub !== opening);
  sections.sort((a, b) => (b.headingScore || 0) - (a.headingScore || 0) || sectionScore(b) - sectionScore(a));
  const excerpt = opening ? withoutHeading(opening.excerpt, title) : (sections.length ? "" : page.excerpt);
  item.appendChild(link(page.url, title, "h1", excerpt, mark, true));
  const sectionLink = (sub) => link(sub.url, sub.title, "h2", withoutHeading(sub.excerpt, sub.title), mark, false);
  sections.slice(0, SHOWN_SECTIONS).forEach((sub) => item.appendChild(sectionLink(sub)));
  const rest = sections.slice(SHOWN_SECTIONS);
  if (rest.length) item.appendChild(more(rest, sectionLink, text));
  return item;
}

/* A page the site suggests: its title and description, as text; the first of them opens with
   a line saying what these pages are (`label`). */
export function suggestion(page, label) {
  const item = el("li", "md-search-result__item imh-search-suggestion");
  if (label) {
    const intro = el("p", "imh-search-suggestion__label");
    intro.textContent = label;
    item.appendChild(intro);
  }
  const a = link(page.url, page.title, "h1", "", (parent, title) => { parent.textContent = title; }, true);
  if (page.description) {
    const p = el("p");
    p.textContent = page.description;
    a.firstChild.appendChild(p);
  }
  item.appendChild(a);
  return item;
}
