/* What the list shows for each query: title matches on every key, then Pagefind's answer, one
   Pagefind search at a time, an older answer never over a newer query's; all state in `state`. */

import { readTitles, titleGroups, titlePage, pathOf, byAudience } from "./titles.js";
import { count, marker, group, suggestion } from "./render.js";

// Imported when needed rather than with this module, so the first result (title matches) never
// waits for them; search.js asks for both at the tap, after Pagefind's files.
const RESULTS = "./results.js";  // Pagefind's results and their order, needed with Pagefind
const KEYS = "./keys.js";        // the arrow keys and Enter, needed once results show

const PAGE_SIZE = 10;  // result groups rendered at a time (more as the list scrolls)

/* The search for the page's search box. `search` is what search.js hands over: the box's
   elements, the site's root, and `titles()` and `pagefind()`, which give the titles file and
   Pagefind's module (with its entry file's tag) as promises. */
export function start(search) {
  const { input, list, meta, box } = search;
  const text = box.dataset;
  const scrollwrap = box.querySelector(".md-search__scrollwrap");

  const state = {
    titles: null,     // promise of the titles file, read (readTitles)
    engine: null,     // promise of { pagefind, results }: Pagefind, started, and results.js
    keys: null,       // promise of keys.js listening
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
      state.engine = Promise.all([search.pagefind(), import(RESULTS)])
        .then(([{ module, tag }, results]) => results.startPagefind(module, tag).then((pagefind) => ({ pagefind, results })));
      state.engine.then(() => { state.ready = true; }, () => {
        state.engine = null;  // asked for again with the next query
        if (!list.childElementCount) say(text.textError);  // title matches on show are still right
      });
    }
    return state.engine;
  }

  function keys() {
    if (!state.keys) {
      state.keys = import(KEYS).then((module) => module.listenForKeys(search));
      state.keys.catch(() => { state.keys = null; });  // asked for again with the next query
    }
    return state.keys;
  }

  /* The ids of the pages not for readers, asked of Pagefind once. */
  function notForReaders(pagefind, results) {
    if (!state.notForReaders) {
      state.notForReaders = results.pagesNotForReaders(pagefind);
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

  /* A list item for one page of the batch, or null for a page the list shows already. */
  function itemFor(entry, page, mark) {
    const path = pathOf(page.url);
    if (state.listed.has(path)) return null;
    state.listed.add(path);
    if (!entry.suggestion) return group(page, mark, text);
    const first = !list.querySelector(".imh-search-suggestion");
    return suggestion(page, first ? text.textSuggest : "");
  }

  /* The next results in the list: title matches (with Pagefind's data for their page when it
     is in), Pagefind's results and suggested pages, for pages not listed yet. */
  function renderMore(query, number) {
    const batch = state.pending.splice(0, PAGE_SIZE);
    if (!batch.length) return Promise.resolve();
    const mark = marker(query);
    const pages = batch.map((entry) => {
      if (entry.result) return entry.result.data();
      if (entry.match) return titlePage(entry.match, entry.data);
      return entry.suggestion;
    });
    return Promise.all(pages).then((loaded) => {
      if (number !== state.shown) return;
      loaded.forEach((page, i) => {
        const item = itemFor(batch[i], page, mark);
        if (item) list.appendChild(item);
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
    keys().catch(() => {});
    titles().then((read) => {
      if (number === state.latest && state.shown < number) showTitles(read, query, number);
    }).catch(() => { /* Pagefind's answer will do */ });
    if (!state.running) run();
  }

  /* Title matches alone, the reader's audience's first, until Pagefind's answer for the same
     words replaces them. With none, what the list shows stays until then. */
  function showTitles(read, query, number) {
    const matches = titleGroups(read.headings, query);
    if (!matches.length) return;
    const [own, others] = byAudience(matches, onReadersPage(read));
    clear();
    state.shown = number;
    state.pending = own.concat(others).map((match) => ({ match }));
    say(count(matches.length, text));
    renderMore(query, number);
  }

  /* Pagefind's answer in the order results.js gives it. The excerpts of the title matches come
     from Pagefind's data for its first results, fetched together (a round trip on a phone). */
  function showAll(results, found, otherIds, query, number) {
    const read = state.titles ? state.titles.catch(() => null) : Promise.resolve(null);
    return read.then((titlesRead) => {
      const readers = onReadersPage(titlesRead);
      const split = results.resultsByAudience(found.results, otherIds, readers, PAGE_SIZE);
      return Promise.all(split.first.map((r) => r.data())).then((pages) => {
        if (state.shown > number) return;  // a newer query's title matches are on show
        const matches = titlesRead ? titleGroups(titlesRead.headings, query) : [];
        const suggestions = titlesRead ? titlesRead.suggestions : [];
        const order = results.ranked({ query, split, pages, matches, readers, suggestions });
        clear();
        state.shown = number;
        state.pending = order.items;
        say(count(order.count, text));
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
    engine().then(({ pagefind, results }) => Promise.all([
      results.find(pagefind, query), notForReaders(pagefind, results).catch(() => null),
    ]).then(([found, otherIds]) => {
      // Shown even if more keys came meanwhile, unless their title matches show (the next run
      // replaces it): the reader sees results while typing, as with the theme's search.
      if (!found || !input.value.trim()) return;
      return showAll(results, found, otherIds, query, number);
    })).catch(() => { /* engine() has said so */ }).then(() => {
      state.running = false;
      if (number !== state.latest) run();
    });
  }

  scrollwrap.addEventListener("scroll", () => {
    if (state.pending.length && scrollwrap.scrollTop + scrollwrap.clientHeight >= scrollwrap.scrollHeight - 64) {
      renderMore(list.dataset.query || input.value, state.shown);
    }
  }, { passive: true });

  keys().catch(() => { /* the search works without them; the next query asks again */ });
  engine().catch(() => { /* engine() has said so; the next query tries again */ });  // started before the first query
  return { search: searchFor };
}
