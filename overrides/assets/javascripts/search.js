/*
  The site's search in the theme's search box (overrides/partials/search.html).

  Nothing search-related is fetched when a page loads. The first time the reader presses the
  search button or focuses the box (or presses `/`, `s` or `f`, or opens a link with
  `?q=words`), two things load at once:
  - search/titles.json, every page's title and section headings (macros/outputs/search_titles.py):
    one small file, so pages and sections whose heading holds the words show at once;
  - Pagefind's code from <site root>/pagefind/, which then fetches only the index chunks and
    page fragments the words need (macros/outputs/search_index.py), for every other page that holds
    the words and for the excerpts.
  Title matches stay first, as the theme's title boost had them; Pagefind's results follow.

  Results look and behave as the theme's: grouped by page, the page first, then its matching
  sections (each linked to its heading), the rest under "N more on this page"; matches marked;
  arrow keys move through the results, Enter opens one, Escape closes the search. The theme's
  instant navigation follows the result links; the box stays in the header across pages.

  Everything from the index is hostile text: titles and excerpts go in as text nodes, and
  the highlights are rebuilt from Pagefind's excerpt (which escapes < and > in the page text,
  so <mark> can only be its own) as <mark> elements holding text.
*/
(function () {
  "use strict";

  var script = document.currentScript;
  var toggle = document.getElementById("__search");
  var box = document.querySelector(".md-search[data-imh-search]");
  if (!script || !toggle || !box) return;

  // The site's root, from this script's own address (assets/javascripts/search.js): right
  // under a sub-path such as /imh-pathways/ and on every page instant navigation shows.
  var ROOT = new URL("../../", script.src);
  var PAGE_SIZE = 10;       // result groups rendered at a time (more as the list scrolls)
  var SHOWN_SECTIONS = 2;   // sections shown under a page before "N more on this page"
  // Ranking: pages whose title or a section heading holds the query come first (titleGroups),
  // as the theme's title boost had them; then Pagefind's order, where a page's title counts
  // most and its theme tags help (its metadata weights).
  var OPTIONS = { excerptLength: 24, ranking: { metaWeights: { title: 5, tags: 2 } } };

  var input = box.querySelector(".md-search__input");
  var form = box.querySelector(".md-search__form");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var scrollwrap = box.querySelector(".md-search__scrollwrap");
  var text = box.dataset;

  var engine = null;   // promise of the Pagefind module, once asked for
  var titles = null;   // promise of the headings to match (search/titles.json), once asked for
  var ready = false;
  var latest = 0;      // number of the latest query: older answers are dropped
  var pending = [];    // results not rendered yet (scroll for more)
  var listed = {};     // pages the list shows (path → true), so none shows twice

  // --- loading ---------------------------------------------------------------------------

  /* Pagefind loads its files one after another (its code, then its worker and entry file,
     then its WebAssembly and index metadata); on a phone's slow connection each step is a
     round trip. Asking for them all at once fills the browser's cache in one round trip or
     two, and Pagefind then finds them there. */
  function warm(tag) {
    var dir = new URL("pagefind/", ROOT);
    var quietly = function () {};
    // The index is written in the page's language (force_language in macros/outputs/search_index.py),
    // so its WebAssembly, the largest file, can be asked for before the entry file names it.
    var wasm = "wasm." + (document.documentElement.lang || "en").split("-")[0].toLowerCase() + ".pagefind";
    fetch(new URL(wasm, dir)).catch(quietly);
    fetch(new URL("pagefind-worker.js", dir)).catch(quietly);
    // The same address Pagefind asks for (its `metaCacheTag`), so its request finds this one.
    fetch(new URL("pagefind-entry.json?ts=" + tag, dir)).then(function (r) { return r.json(); }).then(function (entry) {
      Object.keys(entry.languages || {}).forEach(function (code) {
        var language = entry.languages[code];
        fetch(new URL("pagefind." + language.hash + ".pf_meta", dir)).catch(quietly);
        var named = "wasm." + (language.wasm || "unknown") + ".pagefind";
        if (named !== wasm) fetch(new URL(named, dir)).catch(quietly);
      });
    }).catch(quietly);
  }

  function load() {
    loadTitles();
    if (!engine) {
      // Fresh on every page load (a new index is never hidden by a cached entry file), and
      // the same for the warm-up and for Pagefind.
      var tag = String(Date.now());
      warm(tag);
      engine = import(new URL("pagefind/pagefind.js", ROOT).href)
        .then(function (pagefind) {
          var options = Object.assign({ metaCacheTag: tag }, OPTIONS);
          return pagefind.options(options).then(function () { return pagefind.init(); })
            .then(function () { ready = true; return pagefind; });
        });
      engine.catch(function () {
        engine = null;  // try again on the next keystroke
        if (!list.childElementCount) say(text.textError);  // title matches on show are still right
      });
    }
    return engine;
  }

  /* The titles file as a list of headings to match: each page's title, then its sections. */
  function loadTitles() {
    if (!titles) {
      // Asked of the server each time (a cached copy only if unchanged): its name stays the same
      // when pages change, and a stale list would lead to renamed pages.
      titles = fetch(new URL("search/titles.json", ROOT), { cache: "no-cache" }).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (file) {
        var headings = [];
        (file.pages || []).forEach(function (entry, order) {
          var url = new URL(String(entry[0]), ROOT).pathname;
          var page = { url: url, title: String(entry[1]), order: order };
          headings.push({ page: page, url: url, title: page.title, words: normalWords(page.title), top: true });
          (entry[2] || []).forEach(function (section) {
            var heading = String(section[1]);
            headings.push({ page: page, url: pathOf(url + "#" + String(section[0])), title: heading,
                            words: normalWords(heading), top: false });
          });
        });
        return headings;
      });
      titles.catch(function () { titles = null; });  // Pagefind still answers; try again next time
    }
    return titles;
  }

  // --- text and highlights ----------------------------------------------------------------

  function say(message) {
    meta.textContent = message;
  }

  function count(n) {
    if (n === 0) return text.textNone;
    if (n === 1) return text.textOne;
    return text.textOther.replace("#", String(n));
  }

  function el(tag, className) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    return node;
  }

  function unescapeText(s) {
    return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  }

  /* Pagefind's excerpt as text nodes and <mark> elements: the only tags in it are its own
     <mark> and </mark>, since it escapes < and > in the page text. */
  function appendExcerpt(parent, excerpt) {
    var parts = String(excerpt || "").split(/<mark>|<\/mark>/);
    var marked = false;
    var pieces = String(excerpt || "").match(/<mark>|<\/mark>/g) || [];
    for (var i = 0; i < parts.length; i++) {
      if (parts[i]) {
        var node = document.createTextNode(unescapeText(parts[i]));
        if (marked) {
          var mark = el("mark");
          mark.appendChild(node);
          parent.appendChild(mark);
        } else {
          parent.appendChild(node);
        }
      }
      if (i < pieces.length) marked = pieces[i] === "<mark>";
    }
  }

  function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  var titlePattern = { key: null, pattern: null };  // the last query's, reused for every title

  /* A title with the query's words marked where a word of the title starts with one. */
  function appendTitle(parent, title, words) {
    title = String(title || "");
    if (!words.length) { parent.appendChild(document.createTextNode(title)); return; }
    var key = words.join(" ");
    if (titlePattern.key !== key) {
      titlePattern.key = key;
      titlePattern.pattern = new RegExp("(^|[^\\p{L}\\p{N}])(" + words.map(escapeRegExp).join("|") + ")", "giu");
    }
    var pattern = titlePattern.pattern;
    pattern.lastIndex = 0;
    var last = 0, match;
    while ((match = pattern.exec(title)) !== null) {
      var start = match.index + match[1].length;
      var end = start + match[2].length;
      while (end < title.length && /[\p{L}\p{N}]/u.test(title[end])) end++;  // the whole word
      if (start > last) parent.appendChild(document.createTextNode(title.slice(last, start)));
      var mark = el("mark");
      mark.textContent = title.slice(start, end);
      parent.appendChild(mark);
      last = end;
      pattern.lastIndex = end;
    }
    if (last < title.length) parent.appendChild(document.createTextNode(title.slice(last)));
  }

  // The words to mark, as typed (accents kept: the marks must match the title as written);
  // matching uses normalWords, which also drops accents.
  function queryWords(query) {
    return query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }

  // --- results, in the theme's markup -------------------------------------------------------

  function link(url, heading, level, excerpt, words, withIcon) {
    var a = el("a", "md-search-result__link");
    a.href = url;
    a.tabIndex = -1;
    var article = el("article", "md-search-result__article md-typeset");
    if (withIcon) article.appendChild(el("div", "md-search-result__icon md-icon"));
    var h = el(level);
    appendTitle(h, heading, words);
    article.appendChild(h);
    if (excerpt) {
      var p = el("p");
      appendExcerpt(p, excerpt);
      article.appendChild(p);
    }
    a.appendChild(article);
    return a;
  }

  /* A section's excerpt without its own heading in front (Pagefind's section text starts with
     it, and the heading is shown already). */
  function withoutHeading(excerpt, heading) {
    var words = String(excerpt || "").split(" ");
    var plain = words.map(function (w) { return unescapeText(w.replace(/<\/?mark>/g, "")); });
    var title = String(heading || "").split(/\s+/).filter(Boolean);
    if (!title.length || plain.slice(0, title.length).join(" ").replace(/\.$/, "") !== title.join(" ")) return excerpt;
    return words.slice(title.length).join(" ");
  }

  function sectionScore(sub) {
    return (sub.weighted_locations || []).reduce(function (sum, l) { return sum + (l.weight || 1); }, 0);
  }

  function group(page, words) {
    var item = el("li", "md-search-result__item");
    var title = (page.meta && page.meta.title) || page.url;
    // The page's opening (its h1 and what follows up to the first section) is the page link;
    // its sections with matches follow, best first.
    var subs = page.sub_results || [];
    var opening = subs.filter(function (sub) { return !sub.anchor || sub.anchor.element === "h1"; })[0];
    var sections = subs.filter(function (sub) { return sub !== opening; });
    sections.sort(function (a, b) {
      return (b.headingScore || 0) - (a.headingScore || 0) || sectionScore(b) - sectionScore(a);
    });
    var excerpt = opening ? withoutHeading(opening.excerpt, title) : (sections.length ? "" : page.excerpt);
    item.appendChild(link(page.url, title, "h1", excerpt, words, true));
    sections.slice(0, SHOWN_SECTIONS).forEach(function (sub) {
      item.appendChild(link(sub.url, sub.title, "h2", withoutHeading(sub.excerpt, sub.title), words, false));
    });
    var rest = sections.slice(SHOWN_SECTIONS);
    if (rest.length) {
      var details = el("details", "md-search-result__more");
      var summary = el("summary");
      summary.tabIndex = -1;
      var label = el("div");
      label.textContent = rest.length === 1 ? text.textMoreOne : text.textMoreOther.replace("#", String(rest.length));
      summary.appendChild(label);
      details.appendChild(summary);
      rest.forEach(function (sub) {
        details.appendChild(link(sub.url, sub.title, "h2", withoutHeading(sub.excerpt, sub.title), words, false));
      });
      item.appendChild(details);
    }
    return item;
  }

  /* The next results in the list: title matches (with Pagefind's data for their page when it
     is in), then Pagefind's results for pages not listed yet. */
  function renderMore(query, number) {
    var batch = pending.splice(0, PAGE_SIZE);
    if (!batch.length) return Promise.resolve();
    var words = queryWords(query);
    return Promise.all(batch.map(function (item) {
      return item.result ? item.result.data() : titlePage(item.match, item.data);
    })).then(function (pages) {
      if (number !== shown) return;
      pages.forEach(function (page) {
        var path = pathOf(page.url);
        if (listed[path]) return;
        listed[path] = true;
        list.appendChild(group(page, words));
      });
    });
  }

  // --- title matches (search/titles.json) -------------------------------------------------

  function normalWords(s) {
    s = String(s || "").toLowerCase();
    // Accents off (é → e), skipped for plain ASCII, most headings: a phone does this for every
    // heading of the site when the titles arrive.
    if (!/[^\x00-\x7f]/.test(s)) return s.split(/[^a-z0-9]+/).filter(Boolean);
    s = s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    return s.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  /* How well a heading holds the query (0: not every word). Each word of the query must start
     a word of the heading (the last one may be half typed); the words in a row score above
     words apart; then the larger the share of the heading the query covers, the better, so a
     title typed whole ranks above a longer heading that holds it. */
  function headingScore(heading, query) {
    var h = heading.words, n = query.length;
    if (!n || !query.every(function (q) { return h.some(function (w) { return w.indexOf(q) === 0; }); })) return 0;
    var inRow = false;
    for (var i = 0; i + n <= h.length && !inRow; i++) {
      inRow = query.every(function (q, k) { return h[i + k].indexOf(q) === 0; });
    }
    return (inRow ? 2 : 1) + n / h.length;
  }

  /* Pages whose title or section headings hold the query, best first: by their best heading,
     a page's own title before a section's heading of the same score, then site order. */
  function titleGroups(headings, query) {
    var words = normalWords(query), groups = {}, list = [];
    headings.forEach(function (heading) {
      var score = headingScore(heading, words);
      if (!score) return;
      var group = groups[heading.page.url];
      if (!group) {
        group = groups[heading.page.url] = { page: heading.page, score: 0, top: false, sections: [] };
        list.push(group);
      }
      if (heading.top) group.top = true;
      else group.sections.push({ url: heading.url, title: heading.title, score: score });
      if (score > group.score || (score === group.score && heading.top)) {
        group.score = score;
        group.best = heading.top ? "title" : "section";
      }
    });
    list.sort(function (a, b) {
      return b.score - a.score || (a.best === "title" ? 0 : 1) - (b.best === "title" ? 0 : 1) || a.page.order - b.page.order;
    });
    list.forEach(function (group) { group.sections.sort(function (a, b) { return b.score - a.score; }); });
    return list;
  }

  function pathOf(url) {
    var u = new URL(url, location.href);
    return u.pathname + u.hash;
  }

  /* A title match in the shape of Pagefind's page data, for group(): its matching sections
     first (with Pagefind's excerpts when its data for the page is in), then Pagefind's other
     matching sections. */
  function titlePage(match, data) {
    var subs = (data && data.sub_results) || [];
    var byUrl = {};
    subs.forEach(function (sub) { byUrl[pathOf(sub.url)] = sub; });
    var opening = subs.filter(function (sub) { return !sub.anchor || sub.anchor.element === "h1"; })[0];
    var matched = match.sections.map(function (section) {
      var found = byUrl[section.url] || {};
      return { url: section.url, title: section.title, excerpt: found.excerpt || "",
               anchor: { element: "h2" }, weighted_locations: found.weighted_locations, headingScore: section.score };
    });
    var others = subs.filter(function (sub) {
      return sub !== opening && !match.sections.some(function (s) { return s.url === pathOf(sub.url); });
    });
    return {
      url: match.page.url, meta: { title: match.page.title }, excerpt: data ? data.excerpt : "",
      sub_results: (opening ? [opening] : []).concat(matched, others)
    };
  }

  function clear() {
    pending = [];
    listed = {};
    list.textContent = "";
    delete list.dataset.query;
  }

  /* Each key shows the pages whose headings hold the words as soon as the titles are in (a few
     milliseconds' work). Pagefind runs one search at a time: keys typed while one runs only
     change what runs next, so a phone never works through a queue of stale queries ("a",
     "at", "att", …) before the last. */
  var running = false;
  var shown = 0;       // number of the query whose results the list shows

  function search(query) {
    var number = ++latest;
    if (!query.trim()) {
      clear();
      say(text.textPlaceholder);
      return;
    }
    if (!ready) say(text.textInitializer);
    loadTitles().then(function (headings) {
      if (number === latest && shown < number) showTitles(headings, query, number);
    }).catch(function () { /* Pagefind's answer will do */ });
    if (!running) run();
  }

  /* Title matches alone, until Pagefind's answer for the same words replaces them. With none,
     what the list shows stays until then. */
  function showTitles(headings, query, number) {
    var matches = titleGroups(headings, query);
    if (!matches.length) return;
    clear();
    shown = number;
    pending = matches.map(function (match) { return { match: match }; });
    say(count(matches.length));
    renderMore(query, number);
  }

  /* Pagefind's answer with the title matches first: their excerpts come from Pagefind's data
     for the first results (fetched together, a round trip on a phone), and its other results
     follow. */
  function showAll(found, query, number) {
    var headings = titles ? titles.catch(function () { return []; }) : Promise.resolve([]);
    var head = found.results.slice(0, PAGE_SIZE);
    return Promise.all([headings, Promise.all(head.map(function (r) { return r.data(); }))]).then(function (both) {
      if (shown > number) return;  // a newer query's title matches are on show
      var matches = titleGroups(both[0], query);
      var byPath = {};
      both[1].forEach(function (page) { byPath[pathOf(page.url)] = page; });
      clear();
      shown = number;
      pending = matches.map(function (match) { return { match: match, data: byPath[match.page.url] }; })
        .concat(found.results.map(function (result) { return { result: result }; }));
      // Pagefind indexes the same titles and headings, so its results include the title matches
      // (which pages they are is known only for the fragments fetched).
      say(count(Math.max(matches.length, found.results.length)));
      return renderMore(query, number).then(function () {
        if (shown === number) list.dataset.query = query;  // what the list now shows (bench, tests)
      });
    });
  }

  function run() {
    var number = latest;
    var query = input.value;
    if (!query.trim()) return;
    running = true;
    load().then(function (pagefind) {
      return pagefind.search(query);
    }).then(function (found) {
      // Shown even if more keys came meanwhile, unless their title matches show (the next run
      // replaces it): the reader sees results while typing, as with the theme's search.
      if (!found || !input.value.trim()) return;
      return showAll(found, query, number);
    }).catch(function () { /* load() has said so */ }).then(function () {
      running = false;
      if (number !== latest) run();
    });
  }

  // --- opening, closing, keys ---------------------------------------------------------------

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    load().catch(function () {});
  }

  function close() {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    if (document.activeElement === input) input.blur();
  }

  function editable(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  // What the arrow keys move through: the box, then each visible result link or summary.
  function stops() {
    var all = [input].concat(Array.prototype.slice.call(
      list.querySelectorAll(":scope > li > a[href], summary, details[open] > a[href]")));
    return all;
  }

  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      load().catch(function () {});
      // After the box's transition has started, as the theme does.
      setTimeout(function () { if (toggle.checked) input.focus(); }, 0);
    } else if (document.activeElement === input) {
      input.blur();
    }
  });

  input.addEventListener("focus", open);
  // A finger on the search button starts the loading before the tap ends.
  document.addEventListener("pointerdown", function (event) {
    if (event.target.closest && event.target.closest("label[for='__search']")) load().catch(function () {});
  }, true);
  // Tabbing out of the search closes it (the open search covers the page); other focus
  // changes, such as the colour scheme toggle's, leave it open.
  box.addEventListener("keydown", function (event) {
    if (event.key !== "Tab") return;
    setTimeout(function () {
      if (toggle.checked && !box.contains(document.activeElement)) close();
    }, 0);
  });
  input.addEventListener("input", function () { search(input.value); });

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    setTimeout(function () { search(""); input.focus(); }, 0);
  });

  // A result opens its page (with instant navigation, in place): close the search first.
  list.addEventListener("click", function (event) {
    var a = event.target.closest("a[href]");
    if (a) close();
  });

  scrollwrap.addEventListener("scroll", function () {
    if (pending.length && scrollwrap.scrollTop + scrollwrap.clientHeight >= scrollwrap.scrollHeight - 64) {
      renderMore(list.dataset.query || input.value, shown);
    }
  }, { passive: true });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (!toggle.checked) {
      if (editable(event.target)) return;
      if (event.key === "/" || event.key === "s" || event.key === "f") {
        event.preventDefault();
        open();
        input.focus();
      }
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var all = stops();
      var at = all.indexOf(document.activeElement);
      var next = event.key === "ArrowDown" ? at + 1 : (at < 0 ? all.length - 1 : at - 1);
      next = (next + all.length) % all.length;
      event.preventDefault();
      all[next].focus();
    } else if (event.key === "Enter" && document.activeElement === input) {
      event.preventDefault();
      var first = list.querySelector("a[href]");
      if (first) first.click();
    }
  });

  // `?q=words` (the "page not found" page's form, and search engines' site search) opens the
  // search with those words.
  var asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    open();
    input.focus();
    search(asked);
  }
})();
