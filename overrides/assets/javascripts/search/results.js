/*
  The search itself, fetched by assets/javascripts/search.js the first time a reader opens the
  search (with the titles file and Pagefind's files, in the same round trip), never on page load.
  One file, so that it takes one request: on a phone's HTTP/1.1 connection the browser opens six
  at a time, and the five parts as files of their own queued behind Pagefind's (bench/NOTES.md).
  Its parts, each with one job:
  - title matches: pages whose title or a section heading holds the query, from
    search/titles.json (every page's title and h2/h3 headings, in navigation order, whom each
    page is for, and the pages to suggest; macros/outputs/search_titles.py), a few
    milliseconds' work on every key;
  - Pagefind's results: the site's options, and its answer (macros/outputs/search_index.py);
  - rendering: results in the theme's markup, every value as text;
  - the keyboard in the open search (opening and closing are search.js's);
  - what the list shows for each query, one Pagefind search at a time: `start()`, which holds
    the search's only changing state, one `state` object.

  The order: the pages for the site's readers (or, when the search is opened on a page for
  another audience, such as the editors' guides, the pages for other audiences), title matches
  first as the theme's title boost had them, then Pagefind's other results; when they are fewer
  than three, the pages the site suggests (front matter `search: suggest: true`); then the rest.
  Title matches show on every key, as soon as the titles file is in; Pagefind's answer
  replaces them when it comes. Results are grouped by page and rendered ten at a time as the
  list scrolls. A word of one or two letters matches whole words only ("I" is not "In" or
  "III"), in titles, in Pagefind's results and in the marks.

  Everything from the index is hostile text: titles and excerpts go in as text nodes, and the
  highlights are rebuilt from Pagefind's excerpt (which escapes < and > in the page text, so
  <mark> can only be its own) as <mark> elements holding text.
*/

const SHORT = 2;  // a query word this long or shorter matches whole words only

function isShort(word) {
  return Array.from(word).length <= SHORT;
}

// --- title matches (search/titles.json) ------------------------------------------------------

/* A link's path and #heading, the key that tells whether two results are the same place. */
function pathOf(url) {
  const u = new URL(url, location.href);
  return u.pathname + u.hash;
}

/* Lower-case words without accents, as matching compares them. */
function normalWords(s) {
  s = String(s || "").toLowerCase();
  // Accents off (é → e), skipped for plain ASCII, most headings: a phone does this for every
  // heading of the site when the titles arrive.
  if (!/[^\x00-\x7f]/.test(s)) return s.split(/[^a-z0-9]+/).filter(Boolean);
  s = s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  return s.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/* The titles file, read: the headings to match (each page's title, then its sections), which
   pages are for the site's readers, and the pages to suggest when a search finds little. */
function readTitles(file, root) {
  const headings = [];
  const audiences = new Map();  // page path → its audience, for the pages not for the default one
  Object.entries(file.audiences || {}).forEach(([audience, urls]) => {
    urls.forEach((url) => audiences.set(new URL(String(url), root).pathname, String(audience)));
  });
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
  const suggestions = (file.suggest || []).map((entry) => (
    { url: new URL(String(entry[0]), root).pathname, title: String(entry[1]), description: String(entry[2] || "") }));
  // Whether a page (its path) is for the site's readers: every page the file does not list for another audience.
  const forReaders = (path) => !audiences.has(path);
  return { headings, suggestions, forReaders };
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

/* Pages whose title or section headings hold the query, best first: by their best heading,
   a page's own title before a section's heading of the same score, then site order. */
function titleGroups(headings, query) {
  const words = normalWords(query);
  const groups = new Map();
  headings.forEach((heading) => {
    const score = headingScore(heading, words);
    if (!score) return;
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
  });
  const found = Array.from(groups.values());
  const titleFirst = (group) => (group.best === "title" ? 0 : 1);
  found.sort((a, b) => b.score - a.score || titleFirst(a) - titleFirst(b) || a.page.order - b.page.order);
  found.forEach((group) => group.sections.sort((a, b) => b.score - a.score));
  return found;
}

// --- Pagefind's results ----------------------------------------------------------------------

// Ranking: pages whose title or a section heading holds the query come first (title matches,
// above), as the theme's title boost had them; then Pagefind's order, where a page's title
// counts most and its theme tags help (its metadata weights).
const OPTIONS = { excerptLength: 24, ranking: { metaWeights: { title: 5, tags: 2 } } };

/* Pagefind with the site's options, its entry file asked for under `tag` (its `metaCacheTag`,
   the address search.js warmed). */
function startPagefind(pagefind, tag) {
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
async function find(pagefind, query) {
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

/* Whether Pagefind found the page only through a word of one or two letters though the query
   has none: for a word no page holds, it takes the longest indexed word the query's word starts
   with ("ohioans" finds "ohio", but "zqxjvk" finds "Z"). Its excerpt's marks tell. */
function foundByShortWord(page, query) {
  if (pagefindWords(query).some(isShort)) return false;
  const marked = (String(page.excerpt || "").match(/<mark>[^<]*<\/mark>/g) || [])
    .map((m) => normalWords(m.replace(/<\/?mark>/g, "")).join(""));
  return marked.length > 0 && marked.every(isShort);
}

// The Pagefind filter of the pages not for the site's readers (partials/search-page.html).
const NOT_FOR_READERS = { audience: "other" };

/* The ids of the pages not for readers, from a search by their filter alone. */
function pagesNotForReaders(pagefind) {
  return pagefind.search(null, { filters: NOT_FOR_READERS }).then((found) => new Set(found.results.map((r) => r.id)));
}

// --- rendering, in the theme's markup --------------------------------------------------------

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
function count(n, text) {
  if (n === 0) return text.textNone;
  if (n === 1) return text.textOne;
  return text.textOther.replace("#", String(n));
}

/* A function that appends a title to an element with the query's words marked where a word of
   the title starts with one (or is one, for a word of one or two letters). The words are marked
   as typed (accents kept: the marks must match the title as written); matching (normalWords)
   also drops accents. */
function marker(query) {
  const words = query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  const pattern = words.length
    ? new RegExp("(^|[^\\p{L}\\p{N}])(" + words.map((w) => escapeRegExp(w) + (isShort(w) ? "(?![\\p{L}\\p{N}])" : "")).join("|") + ")", "giu")
    : null;
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

/* One page's result group (Pagefind's page data, or a title match in its shape): the page's
   opening (its h1 and what follows up to the first section) is the page link; its sections
   with matches follow, best first. */
function group(page, mark, text) {
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
  if (rest.length) {
    const details = el("details", "md-search-result__more");
    const summary = el("summary");
    summary.tabIndex = -1;
    const label = el("div");
    label.textContent = rest.length === 1 ? text.textMoreOne : text.textMoreOther.replace("#", String(rest.length));
    summary.appendChild(label);
    details.appendChild(summary);
    rest.forEach((sub) => details.appendChild(sectionLink(sub)));
    item.appendChild(details);
  }
  return item;
}

/* A page the site suggests: its title and description, as text; the first of them opens with
   a line saying what these pages are. */
function suggestion(page, label) {
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

// --- the keyboard in the open search ---------------------------------------------------------

/* The arrow keys move from the box through each visible result link (or "N more on this
   page") and back; Enter in the box opens the first result. */
function listenForKeys(search) {
  const { toggle, input, list } = search;

  // What the arrow keys move through: the box, then each visible result link or summary.
  function stops() {
    return [input].concat(Array.from(list.querySelectorAll(":scope > li > a[href], summary, details[open] > a[href]")));
  }

  document.addEventListener("keydown", (event) => {
    if (!toggle.checked || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const all = stops();
      const at = all.indexOf(document.activeElement);
      const next = event.key === "ArrowDown" ? at + 1 : (at < 0 ? all.length - 1 : at - 1);
      event.preventDefault();
      all[(next + all.length) % all.length].focus();
    } else if (event.key === "Enter" && document.activeElement === input) {
      event.preventDefault();
      const first = list.querySelector("a[href]");
      if (first) first.click();
    }
  });
}

// --- what the list shows (the state) ---------------------------------------------------------

const PAGE_SIZE = 10;  // result groups rendered at a time (more as the list scrolls)
const FEW = 3;         // fewer pages than this for the reader's audience, and the site's suggestions follow

/* The search for the page's search box. `search` is what search.js hands over: the box's
   elements, the site's root, `close()`, and `titles()` and `pagefind()`, which give the titles
   file and Pagefind's module (with its entry file's tag) as promises. */
export function start(search) {
  const { input, list, meta, box } = search;
  const text = box.dataset;
  const scrollwrap = box.querySelector(".md-search__scrollwrap");

  const state = {
    titles: null,     // promise of the titles file, read (readTitles)
    engine: null,     // promise of Pagefind, started with the site's options
    notForReaders: null,  // promise of the ids of the pages not for readers in Pagefind's index
    ready: false,     // Pagefind has started
    latest: 0,        // number of the latest query: older answers are dropped
    shown: 0,         // number of the query whose results the list shows
    running: false,   // a Pagefind search is under way (one at a time)
    pending: [],      // results not rendered yet (scroll for more)
    listed: new Set(),  // pages the list shows (path), so none shows twice
  };

  function say(message) {
    meta.textContent = message;
  }

  function titles() {
    if (!state.titles) {
      state.titles = search.titles().then((file) => readTitles(file, search.root));
      state.titles.catch(() => { state.titles = null; });
    }
    return state.titles;
  }

  function engine() {
    if (!state.engine) {
      state.engine = search.pagefind().then(({ module, tag }) => startPagefind(module, tag));
      state.engine.then(() => { state.ready = true; }, () => { state.engine = null; });
    }
    return state.engine;
  }

  /* The ids of the pages not for readers, asked of Pagefind once. */
  function notForReaders(pagefind) {
    if (!state.notForReaders) {
      state.notForReaders = pagesNotForReaders(pagefind);
      state.notForReaders.catch(() => { state.notForReaders = null; });
    }
    return state.notForReaders;
  }

  /* Whether the page on show is for readers (true unless the titles file lists it for another audience). */
  function onReadersPage(read) {
    return !read || read.forReaders(location.pathname);
  }

  function clear() {
    state.pending = [];
    state.listed = new Set();
    list.textContent = "";
    delete list.dataset.query;
  }

  /* The next results in the list: title matches (with Pagefind's data for their page when it
     is in), Pagefind's results and suggested pages, for pages not listed yet. */
  function renderMore(query, number) {
    const batch = state.pending.splice(0, PAGE_SIZE);
    if (!batch.length) return Promise.resolve();
    const mark = marker(query);
    const pages = batch.map((item) => {
      if (item.result) return item.result.data();
      if (item.match) return titlePage(item.match, item.data);
      return item.suggestion;
    });
    return Promise.all(pages).then((loaded) => {
      if (number !== state.shown) return;
      loaded.forEach((page, i) => {
        const path = pathOf(page.url);
        if (state.listed.has(path)) return;
        state.listed.add(path);
        if (batch[i].suggestion) {
          const first = !list.querySelector(".imh-search-suggestion");
          list.appendChild(suggestion(page, first ? text.textSuggest : ""));
        } else {
          list.appendChild(group(page, mark, text));
        }
      });
    });
  }

  /* Each key shows the pages whose headings hold the words as soon as the titles are in (a few
     milliseconds' work). Pagefind runs one search at a time: keys typed while one runs only
     change what runs next, so a phone never works through a queue of stale queries ("a",
     "at", "att", …) before the last. */
  function searchFor(query) {
    const number = ++state.latest;
    if (!query.trim()) {
      clear();
      say(text.textPlaceholder);
      return;
    }
    if (!state.ready) say(text.textInitializer);
    titles().then((read) => {
      if (number === state.latest && state.shown < number) showTitles(read, query, number);
    }).catch(() => { /* Pagefind's answer will do */ });
    if (!state.running) run();
  }

  /* Title matches alone, the reader's audience's first, until Pagefind's answer for the same
     words replaces them. With none, what the list shows stays until then. */
  function showTitles(read, query, number) {
    const readers = onReadersPage(read);
    const matches = titleGroups(read.headings, query);
    if (!matches.length) return;
    const own = matches.filter((match) => match.page.forReaders === readers);
    const others = matches.filter((match) => match.page.forReaders !== readers);
    clear();
    state.shown = number;
    state.pending = own.concat(others).map((match) => ({ match }));
    say(count(matches.length, text));
    renderMore(query, number);
  }

  /* Pagefind's answer, in the order the file's opening comment gives. The excerpts of the title
     matches come from Pagefind's data for its first results (fetched together, a round trip on
     a phone), which also tells the pages found only through a one- or two-letter word. */
  function showAll(found, otherIds, query, number) {
    const read = state.titles ? state.titles.catch(() => null) : Promise.resolve(null);
    return read.then((titlesRead) => {
      const readers = onReadersPage(titlesRead);
      const mine = (r) => !otherIds || otherIds.has(r.id) !== readers;
      const own = found.results.filter(mine);
      const other = found.results.filter((r) => !mine(r));
      const first = own.slice(0, PAGE_SIZE).concat(other.slice(0, Math.max(0, PAGE_SIZE - own.length)));
      return Promise.all(first.map((r) => r.data())).then((pages) => {
        if (state.shown > number) return;  // a newer query's title matches are on show
        const noise = new Set(first.filter((r, i) => foundByShortWord(pages[i], query)));
        const ownResults = own.filter((r) => !noise.has(r));
        const otherResults = other.filter((r) => !noise.has(r));
        const matches = titlesRead ? titleGroups(titlesRead.headings, query) : [];
        const ownMatches = matches.filter((match) => match.page.forReaders === readers);
        const otherMatches = matches.filter((match) => match.page.forReaders !== readers);
        const few = Math.max(ownMatches.length, ownResults.length) < FEW;
        const byPath = new Map(pages.map((page) => [pathOf(page.url), page]));
        const titled = (match) => ({ match, data: byPath.get(match.page.url) });
        clear();
        state.shown = number;
        state.pending = ownMatches.map(titled)
          .concat(ownResults.map((result) => ({ result })))
          .concat(few && titlesRead ? titlesRead.suggestions.map((page) => ({ suggestion: page })) : [])
          .concat(otherMatches.map(titled), otherResults.map((result) => ({ result })));
        // Pagefind indexes the same titles and headings, so its results include the title matches
        // (which pages they are is known only for the fragments fetched).
        say(count(Math.max(matches.length, ownResults.length + otherResults.length), text));
        return renderMore(query, number).then(() => {
          if (state.shown === number) list.dataset.query = query;  // what the list now shows (bench, tests)
        });
      });
    });
  }

  function run() {
    const number = state.latest;
    const query = input.value;
    if (!query.trim()) return;
    state.running = true;
    engine().then((pagefind) => Promise.all([find(pagefind, query), notForReaders(pagefind).catch(() => null)]))
    .then(([found, otherIds]) => {
      // Shown even if more keys came meanwhile, unless their title matches show (the next run
      // replaces it): the reader sees results while typing, as with the theme's search.
      if (!found || !input.value.trim()) return;
      return showAll(found, otherIds, query, number);
    }).catch(() => { /* search.js has said so */ }).then(() => {
      state.running = false;
      if (number !== state.latest) run();
    });
  }

  scrollwrap.addEventListener("scroll", () => {
    if (state.pending.length && scrollwrap.scrollTop + scrollwrap.clientHeight >= scrollwrap.scrollHeight - 64) {
      renderMore(list.dataset.query || input.value, state.shown);
    }
  }, { passive: true });

  listenForKeys(search);
  engine().catch(() => { /* search.js has said so; the next query tries again */ });  // started before the first query
  return { search: searchFor };
}

/* A title match in the shape of Pagefind's page data, for group(): its matching sections
   first (with Pagefind's excerpts when its data for the page is in), then Pagefind's other
   matching sections. */
function titlePage(match, data) {
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
