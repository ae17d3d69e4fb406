/* Pagefind's results and the list's order: the reader's audience first (title matches, then
   Pagefind's), the suggested pages when that finds little, then the rest; short words whole. */

import { byAudience, isShort, normalWords, pathOf } from "./titles.js";

// Pagefind ranks a page's title highest and its theme tags above its text (its metadata weights;
// macros/outputs/search_index.py marks them); title matches come before its order (ranked()).
const OPTIONS = { excerptLength: 24, ranking: { metaWeights: { title: 5, tags: 2 } } };
const FEW = 3;  // fewer pages than this for the reader's audience, and the site's suggestions follow
// The Pagefind filter of the pages not for the site's readers (partials/search-page.html).
const NOT_FOR_READERS = { audience: "other" };

/* Pagefind with the site's options, its entry file asked for under `tag` (its `metaCacheTag`,
   the address search.js warmed). */
export function startPagefind(pagefind, tag) {
  return pagefind.options(Object.assign({ metaCacheTag: tag }, OPTIONS))
    .then(() => pagefind.init())
    .then(() => pagefind);
}

/* The query's words as Pagefind reads them: lower case, without punctuation, split at spaces. */
function pagefindWords(query) {
  return query.toLowerCase().replace(/[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}"]/gu, "").split(/\s+/).filter(Boolean);
}

/* Pagefind's answer for the query: its results, best first, each with its page's `id` and
   `data()`. Pagefind takes every word as the start of longer ones ("i" finds "infant"), except
   in a quoted phrase: each word of one or two letters is also asked for alone in quotes, and
   only the pages that hold it as a word are kept, in the order Pagefind gives them for the
   longer words (or for the whole query, when it has none: a quoted search scores every page
   alike); their excerpts then mark the word itself, not the longer words it starts. */
export async function find(pagefind, query) {
  const words = pagefindWords(query);
  const short = words.filter(isShort);
  if (!short.length) return pagefind.search(query);
  const long = words.filter((w) => !isShort(w));
  const [exact, ranked] = await Promise.all([
    Promise.all(short.map((w) => pagefind.search('"' + w + '"'))),
    pagefind.search(long.length ? long.join(" ") : query),
  ]);
  const holding = exact.map((found) => new Map(found.results.map((r) => [r.id, r])));
  const results = ranked.results.filter((r) => holding.every((pages) => pages.has(r.id)));
  return { results: long.length ? results : results.map((r) => holding[0].get(r.id)) };
}

/* The ids of the pages not for readers, from a search by their filter alone. */
export function pagesNotForReaders(pagefind) {
  return pagefind.search(null, { filters: NOT_FOR_READERS }).then((found) => new Set(found.results.map((r) => r.id)));
}

/* Whether Pagefind found the page only through a word of one or two letters though the query
   has none: for a word no page holds, it takes the longest indexed word the query's word starts
   with ("ohioans" finds "ohio", but "zqxjvk" finds "Z"). Its excerpt's marks tell. */
function foundByShortWord(page, query) {
  if (pagefindWords(query).some(isShort)) return false;
  const marked = (String(page.excerpt || "").match(/<mark>[^<]*<\/mark>/g) || [])
    .map((m) => normalWords(m.replace(/<\/?mark>/g, "")).join(""));
  return marked.length > 0 && marked.every(isShort);
}

/* Pagefind's results split by audience as titles.js byAudience() splits title matches
   (`otherIds`: the pages not for readers; without it, all are the reader's own), and the first
   `n` of them, own first: those whose page data is asked for at once. */
export function resultsByAudience(results, otherIds, readers, n) {
  const mine = (r) => !otherIds || otherIds.has(r.id) !== readers;
  const own = results.filter(mine);
  const other = results.filter((r) => !mine(r));
  return { own, other, first: own.slice(0, n).concat(other.slice(0, Math.max(0, n - own.length))) };
}

/* What the list shows, in order, and the count to announce. `split` is resultsByAudience()'s,
   `pages` the page data of its `first`, `matches` the title matches (or none), `suggestions`
   the pages the site suggests. Each item is a title match with Pagefind's data for its page
   when fetched, a Pagefind result or a suggestion. */
export function ranked({ query, split, pages, matches, readers, suggestions }) {
  const noise = new Set(split.first.filter((r, i) => foundByShortWord(pages[i], query)));
  const own = split.own.filter((r) => !noise.has(r));
  const other = split.other.filter((r) => !noise.has(r));
  const [ownMatches, otherMatches] = byAudience(matches, readers);
  const few = Math.max(ownMatches.length, own.length) < FEW;
  const byPath = new Map(pages.map((page) => [pathOf(page.url), page]));
  const titled = (match) => ({ match, data: byPath.get(match.page.url) });
  const items = ownMatches.map(titled)
    .concat(own.map((result) => ({ result })))
    .concat(few ? suggestions.map((page) => ({ suggestion: page })) : [])
    .concat(otherMatches.map(titled), other.map((result) => ({ result })));
  // Pagefind indexes the same titles and headings, so its results include the title matches
  // (which pages they are is known only for the fragments fetched).
  return { items, count: Math.max(matches.length, own.length + other.length) };
}
