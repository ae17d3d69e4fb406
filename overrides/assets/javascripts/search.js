/* The search box on every page: opens and closes it, and the first time a reader reaches for it
   asks for the whole search at once (the titles file, the search's modules, Pagefind), only from
   the site itself. Nothing is fetched before that. The search itself: the modules in search/. */
(() => {
  "use strict";

  const script = document.currentScript;
  const toggle = document.getElementById("__search");
  const box = document.querySelector(".md-search[data-imh-search]");
  if (!script || !toggle || !box) return;

  // The site's root, from this script's own address (assets/javascripts/search.js): right
  // under a sub-path such as /imh-pathways/ and on every page instant navigation shows.
  const ROOT = new URL("../../", script.src);
  if (ROOT.origin !== location.origin) return;  // the search asks only the site itself
  // The search's modules (search/), asked for together: a module's imports are otherwise found only
  // when it arrives, a round trip each. FIRST: what the first result needs (list.js and its imports);
  // LATER: what list.js imports when needed (Pagefind's results; the arrow keys), after Pagefind's files.
  const modules = (names) => names.map((name) => new URL("search/" + name, script.src).href);
  const FIRST = modules(["list.js", "titles.js", "render.js"]);
  const LATER = modules(["results.js", "keys.js"]);

  const input = box.querySelector(".md-search__input");
  const form = box.querySelector(".md-search__form");
  const list = box.querySelector(".md-search-result__list");
  const meta = box.querySelector(".md-search-result__meta");

  // What has been asked for, each a promise; one that fails is asked for again next time.
  const loading = { titles: null, pagefind: null, search: null };

  const PAGEFIND = new URL("pagefind/", ROOT);
  const quietly = () => {};
  // The index is written in the page's language (force_language in macros/outputs/search_index.py),
  // so its WebAssembly, the largest file, can be asked for before the entry file names it.
  const WASM = "wasm." + (document.documentElement.lang || "en").split("-")[0].toLowerCase() + ".pagefind";

  /* Pagefind loads its files one after another (its code, then its worker and entry file,
     then its WebAssembly and index metadata); on a phone's slow connection each step is a
     round trip. Asking for them at once fills the browser's cache, where Pagefind finds them.
     First the entry file, which leads to the index metadata, and the WebAssembly, the largest. */
  function warm(tag) {
    // The same address Pagefind asks for (its `metaCacheTag`), so its request finds this one.
    fetch(new URL("pagefind-entry.json?ts=" + tag, PAGEFIND)).then((r) => r.json()).then((entry) => {
      Object.values(entry.languages || {}).forEach((language) => {
        fetch(new URL("pagefind." + language.hash + ".pf_meta", PAGEFIND)).catch(quietly);
        const named = "wasm." + (language.wasm || "unknown") + ".pagefind";
        if (named !== WASM) fetch(new URL(named, PAGEFIND)).catch(quietly);
      });
    }).catch(quietly);
    fetch(new URL(WASM, PAGEFIND)).catch(quietly);
  }

  /* Pagefind's module and the tag its entry file was asked for under (search/results.js sets
     its options and starts it). */
  function loadPagefind() {
    if (!loading.pagefind) {
      // Fresh on every page load (a new index is never hidden by a cached entry file), and
      // the same for the warm-up and for Pagefind.
      const tag = String(Date.now());
      warm(tag);
      loading.pagefind = import(new URL("pagefind.js", PAGEFIND).href).then((module) => ({ module, tag }));
      fetch(new URL("pagefind-worker.js", PAGEFIND)).catch(quietly);  // its worker, the last step before searching
      loading.pagefind.catch(() => { loading.pagefind = null; });  // try again on the next keystroke (list.js says so)
    }
    return loading.pagefind;
  }

  /* The titles file, parsed. */
  function loadTitles() {
    if (!loading.titles) {
      // Asked of the server each time (a cached copy only if unchanged): its name stays the same
      // when pages change, and a stale list would lead to renamed pages.
      loading.titles = fetch(new URL("search/titles.json", ROOT), { cache: "no-cache" }).then((response) => {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
      loading.titles.catch(() => { loading.titles = null; });  // Pagefind still answers; try again next time
    }
    return loading.titles;
  }

  /* The search (search/list.js and the modules it imports), started with the box, once in. */
  function loadSearch() {
    if (!loading.search) {
      loading.search = Promise.all(FIRST.map((url) => import(url))).then(([search]) => search.start({
        box, toggle, input, list, meta, root: ROOT, titles: loadTitles, pagefind: loadPagefind,
      }));
      loading.search.catch(() => {
        loading.search = null;
        meta.textContent = box.dataset.textError;
      });
    }
    return loading.search;
  }

  /* Everything at once, in the order it is needed: a browser opens six connections to a server
     on HTTP/1.1, and a seventh request waits for one (bench/NOTES.md). */
  function load() {
    const fresh = !loading.search;
    loadTitles();
    loadSearch();
    loadPagefind().catch(() => {});
    if (fresh) LATER.forEach((url) => import(url).catch(quietly));  // list.js finds them in the module map
    return loading.search;
  }

  function search(query) {
    load().then((answer) => answer.search(query)).catch(() => {});
  }

  // --- opening and closing ---------------------------------------------------------------------

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    load().catch(() => {});
  }

  function close() {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    if (document.activeElement === input) input.blur();
  }

  /* A field the key types into, where `/` or `s` is the reader's text. Not a radio button,
     checkbox or button: clicking a content tab leaves focus on its hidden radio button. */
  function typesText(target) {
    if (!target || !target.tagName) return false;
    if (target.isContentEditable || target.tagName === "TEXTAREA" || target.tagName === "SELECT") return true;
    return target.tagName === "INPUT" && !/^(radio|checkbox|button|submit|reset|image|range|color|file)$/.test(target.type);
  }

  toggle.addEventListener("change", () => {
    if (toggle.checked) {
      load().catch(() => {});
      // After the box's transition has started, as the theme does.
      setTimeout(() => { if (toggle.checked) input.focus(); }, 0);
    } else if (document.activeElement === input) {
      input.blur();
    }
  });

  input.addEventListener("focus", open);
  // A finger on the search button starts the loading before the tap ends.
  document.addEventListener("pointerdown", (event) => {
    if (event.target.closest && event.target.closest("label[for='__search']")) load().catch(() => {});
  }, true);
  // Tabbing out of the search closes it (the open search covers the page); other focus
  // changes, such as the colour scheme toggle's, leave it open.
  box.addEventListener("keydown", (event) => {
    if (event.key !== "Tab") return;
    setTimeout(() => {
      if (toggle.checked && !box.contains(document.activeElement)) close();
    }, 0);
  });
  input.addEventListener("input", () => search(input.value));

  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => {
    setTimeout(() => { search(""); input.focus(); }, 0);
  });

  // A result opens its page (with instant navigation, in place): close the search first.
  list.addEventListener("click", (event) => {
    if (event.target.closest("a[href]")) close();
  });

  // `/`, `s` or `f` opens the search; Escape closes it (the arrow keys and Enter: search/keys.js).
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (!toggle.checked) {
      if (typesText(event.target)) return;
      if (event.key === "/" || event.key === "s" || event.key === "f") {
        event.preventDefault();
        open();
        input.focus();
      }
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });

  // `?q=words` (the "page not found" page's form, and search engines' site search) opens the
  // search with those words.
  const asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    open();
    input.focus();
    search(asked);
  }
})();
