/*
  The site's search in the theme's search box (overrides/partials/search.html).

  Nothing search-related is fetched when a page loads. The first time the reader focuses the
  box (or presses `/`, `s` or `f`, or opens a link with `?q=words`), Pagefind's code is
  imported from <site root>/pagefind/, which then fetches only the index chunks and page
  fragments the words need (macros/search_index.py writes them after the build).

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
  // Ranking: a page's title counts most, its theme tags help (Pagefind's metadata weights);
  // then, among the first RERANK results, pages whose title or a section heading holds the
  // query come first (see byHeading), as the theme's title boost did.
  var OPTIONS = { excerptLength: 24, ranking: { metaWeights: { title: 5, tags: 2 } } };
  var RERANK = 20;

  var input = box.querySelector(".md-search__input");
  var form = box.querySelector(".md-search__form");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var scrollwrap = box.querySelector(".md-search__scrollwrap");
  var text = box.dataset;

  var engine = null;   // promise of the Pagefind module, once asked for
  var ready = false;
  var latest = 0;      // number of the latest query: older answers are dropped
  var pending = [];    // results not rendered yet (scroll for more)

  // --- loading ---------------------------------------------------------------------------

  /* Pagefind loads its files one after another (its code, then its worker and entry file,
     then its WebAssembly and index metadata); on a phone's slow connection each step is a
     round trip. Asking for them all at once fills the browser's cache in one round trip or
     two, and Pagefind then finds them there. */
  function warm() {
    var dir = new URL("pagefind/", ROOT);
    var quietly = function () {};
    // The index is written in the page's language (force_language in macros/search_index.py),
    // so its WebAssembly, the largest file, can be asked for before the entry file names it.
    var wasm = "wasm." + (document.documentElement.lang || "en").split("-")[0].toLowerCase() + ".pagefind";
    fetch(new URL(wasm, dir)).catch(quietly);
    fetch(new URL("pagefind-worker.js", dir)).catch(quietly);
    fetch(new URL("pagefind-entry.json", dir)).then(function (r) { return r.json(); }).then(function (entry) {
      Object.keys(entry.languages || {}).forEach(function (code) {
        var language = entry.languages[code];
        fetch(new URL("pagefind." + language.hash + ".pf_meta", dir)).catch(quietly);
        var named = "wasm." + (language.wasm || "unknown") + ".pagefind";
        if (named !== wasm) fetch(new URL(named, dir)).catch(quietly);
      });
    }).catch(quietly);
  }

  function load() {
    if (!engine) {
      warm();
      engine = import(new URL("pagefind/pagefind.js", ROOT).href)
        .then(function (pagefind) {
          return pagefind.options(OPTIONS).then(function () { return pagefind.init(); })
            .then(function () { ready = true; return pagefind; });
        });
      engine.catch(function () {
        engine = null;  // try again on the next keystroke
        say(text.textError);
      });
    }
    return engine;
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

  /* A title with the query's words marked where a word of the title starts with one. */
  function appendTitle(parent, title, words) {
    title = String(title || "");
    if (!words.length) { parent.appendChild(document.createTextNode(title)); return; }
    var pattern = new RegExp("(^|[^\\p{L}\\p{N}])(" + words.map(escapeRegExp).join("|") + ")", "giu");
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
    sections.sort(function (a, b) { return sectionScore(b) - sectionScore(a); });
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

  function renderMore(query, number) {
    var batch = pending.splice(0, PAGE_SIZE);
    if (!batch.length) return Promise.resolve();
    var words = queryWords(query);
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
      if (number !== shown) return;
      pages.forEach(function (page) { list.appendChild(group(page, words)); });
    });
  }

  function plain(s) {
    return " " + String(s || "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(" ") + " ";
  }

  /* 2 when the page's title or one of its matching sections' headings holds the query as typed
     (words in order), 1 when it holds every word of it, else 0. */
  function headingMatch(page, query) {
    var q = plain(query), words = q.trim().split(" ");
    var headings = [page.meta && page.meta.title].concat((page.sub_results || []).map(function (s) { return s.title; }));
    var best = 0;
    headings.forEach(function (h) {
      var t = plain(h);
      if (q.trim() && t.indexOf(q) >= 0) best = 2;
      else if (best < 1 && words.every(function (w) { return t.indexOf(" " + w) >= 0; })) best = 1;
    });
    return best;
  }

  /* Pagefind's first RERANK results with their data, those whose headings hold the query first
     (in Pagefind's order otherwise), then the rest as Pagefind ranked them. */
  function byHeading(results, query) {
    var head = results.slice(0, RERANK);
    return Promise.all(head.map(function (r) { return r.data(); })).then(function (pages) {
      var ranked = pages.map(function (page, i) { return { page: page, i: i, match: headingMatch(page, query) }; });
      ranked.sort(function (a, b) { return b.match - a.match || a.i - b.i; });
      return ranked.map(function (r) {
        return { data: function () { return Promise.resolve(r.page); } };
      }).concat(results.slice(RERANK));
    });
  }

  function clear() {
    pending = [];
    list.textContent = "";
    delete list.dataset.query;
  }

  /* One search at a time: keys typed while one runs only change what runs next, so a phone
     never works through a queue of stale queries ("a", "at", "att", …) before the last. */
  var running = false;
  var shown = 0;       // number of the query whose results the list shows

  function search(query) {
    latest++;
    if (!query.trim()) {
      clear();
      say(text.textPlaceholder);
      return;
    }
    if (!ready) say(text.textInitializer);
    if (!running) run();
  }

  function run() {
    var number = latest;
    var query = input.value;
    if (!query.trim()) return;
    running = true;
    load().then(function (pagefind) {
      return pagefind.search(query);
    }).then(function (found) {
      // Shown even if more keys came meanwhile (the next run replaces it): the reader sees
      // results while typing, as with the theme's search.
      if (!found || !input.value.trim()) return;
      return byHeading(found.results, query).then(function (results) {
        clear();
        pending = results;
        say(count(results.length));
        shown = number;
        return renderMore(query, number);
      }).then(function () {
        if (shown === number) list.dataset.query = query;  // what the list now shows (bench, tests)
      });
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
