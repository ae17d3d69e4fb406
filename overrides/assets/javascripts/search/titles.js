/* Title matches: the pages whose title or a section heading holds every word of the query, best
   first, from search/titles.json alone (pure functions: no request, no element, no state). */

const SHORT = 2;  // a query word this long or shorter matches whole words only ("I" is not "In")

/* Whether a query word is one of one or two letters. */
export function isShort(word) {
  return Array.from(word).length <= SHORT;
}

/* A link's path and #heading, the key that tells whether two results are the same place. */
export function pathOf(url) {
  const u = new URL(url, location.href);
  return u.pathname + u.hash;
}

/* Lower-case words without accents, as matching compares them. */
export function normalWords(s) {
  s = String(s || "").toLowerCase();
  // Accents off (é → e), skipped for plain ASCII, most headings: a phone does this for every
  // heading of the site when the titles arrive.
  if (!/[^\x00-\x7f]/.test(s)) return s.split(/[^a-z0-9]+/).filter(Boolean);
  s = s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  return s.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/* The titles file's audiences as a map from page path to its audience (pages for readers are not listed). */
function audiencesOf(file, root) {
  const audiences = new Map();
  Object.entries(file.audiences || {}).forEach(([audience, urls]) => {
    urls.forEach((url) => audiences.set(new URL(String(url), root).pathname, String(audience)));
  });
  return audiences;
}

/* The headings to match: each page's title, then its sections, in the site's order. */
function headingsOf(file, root, audiences) {
  const headings = [];
  (file.pages || []).forEach((entry, order) => {
    const url = new URL(String(entry[0]), root).pathname;
    const page = { url, title: String(entry[1]), order, forReaders: !audiences.has(url) };
    headings.push({ page, url, title: page.title, words: normalWords(page.title), top: true });
    (entry[2] || []).forEach((section) => {
      const heading = String(section[1]);
      headings.push({ page, url: pathOf(url + "#" + String(section[0])), title: heading,
                      words: normalWords(heading), top: false });
    });
  });
  return headings;
}

/* The titles file, read: the headings to match, which pages are for the site's readers, and the
   pages to suggest when a search finds little (macros/outputs/search_titles.py writes it). */
export function readTitles(file, root) {
  const audiences = audiencesOf(file, root);
  const suggestions = (file.suggest || []).map((entry) => (
    { url: new URL(String(entry[0]), root).pathname, title: String(entry[1]), description: String(entry[2] || "") }));
  // Whether a page (its path) is for the site's readers: every page the file does not list for another audience.
  const forReaders = (path) => !audiences.has(path);
  return { headings: headingsOf(file, root, audiences), suggestions, forReaders };
}

/* Whether a word of a heading answers a word of the query: it starts with it (the last one
   may be half typed), or is it, for a word of one or two letters. */
function holds(word, q) {
  return isShort(q) ? word === q : word.startsWith(q);
}

/* How well a heading holds the query (0: not every word). Each word of the query must be
   held by a word of the heading; the words in a row score above words apart; then the larger
   the share of the heading the query covers, the better, so a title typed whole ranks above
   a longer heading that holds it. */
function headingScore(heading, query) {
  const h = heading.words;
  const n = query.length;
  if (!n || !query.every((q) => h.some((w) => holds(w, q)))) return 0;
  let inRow = false;
  for (let i = 0; i + n <= h.length && !inRow; i++) {
    inRow = query.every((q, k) => holds(h[i + k], q));
  }
  return (inRow ? 2 : 1) + n / h.length;
}

/* Adds a matching heading to its page's group, keeping the group's best score. */
function addTo(groups, heading, score) {
  let group = groups.get(heading.page.url);
  if (!group) {
    group = { page: heading.page, score: 0, best: null, sections: [] };
    groups.set(heading.page.url, group);
  }
  if (!heading.top) group.sections.push({ url: heading.url, title: heading.title, score });
  if (score > group.score || (score === group.score && heading.top)) {
    group.score = score;
    group.best = heading.top ? "title" : "section";
  }
}

/* Pages whose title or section headings hold the query, best first: by their best heading,
   a page's own title before a section's heading of the same score, then site order. */
export function titleGroups(headings, query) {
  const words = normalWords(query);
  const groups = new Map();
  headings.forEach((heading) => {
    const score = headingScore(heading, words);
    if (score) addTo(groups, heading, score);
  });
  const found = Array.from(groups.values());
  const titleFirst = (group) => (group.best === "title" ? 0 : 1);
  found.sort((a, b) => b.score - a.score || titleFirst(a) - titleFirst(b) || a.page.order - b.page.order);
  found.forEach((group) => group.sections.sort((a, b) => b.score - a.score));
  return found;
}

/* Title matches split by audience: the reader's own (`readers`: whether the search was opened
   on a page for readers), then the others. */
export function byAudience(matches, readers) {
  return [matches.filter((match) => match.page.forReaders === readers),
          matches.filter((match) => match.page.forReaders !== readers)];
}

/* A title match in the shape of Pagefind's page data, for rendering: its matching sections
   first (with Pagefind's excerpts when its data for the page is in), then Pagefind's other
   matching sections. */
export function titlePage(match, data) {
  const subs = (data && data.sub_results) || [];
  const byUrl = new Map(subs.map((sub) => [pathOf(sub.url), sub]));
  const opening = subs.find((sub) => !sub.anchor || sub.anchor.element === "h1");
  const matched = match.sections.map((section) => {
    const found = byUrl.get(section.url) || {};
    return { url: section.url, title: section.title, excerpt: found.excerpt || "",
             anchor: { element: "h2" }, weighted_locations: found.weighted_locations, headingScore: section.score };
  });
  const others = subs.filter((sub) => sub !== opening && !match.sections.some((s) => s.url === pathOf(sub.url)));
  return {
    url: match.page.url, meta: { title: match.page.title }, excerpt: data ? data.excerpt : "",
    sub_results: (opening ? [opening] : []).concat(matched, others),
  };
}
