/*
 * Saved progress of the planning tools: kept only in this browser (localStorage), never sent.
 *
 * `imhProgress.read(store)` gives the saved ids ([] if none) or null if storage cannot be
 * read; `imhProgress.write(store, ids)` returns whether the ticks were saved. Reading and
 * writing are tried separately, so a full or write-blocked storage still shows what was
 * saved before. No call throws, whatever the browser's storage does.
 */
(function () {
  "use strict";

  const KEY_PREFIX = "imh-pathways:progress:";
  const VERSION = 1;

  function storage() {
    try {
      return window.localStorage || null; // the getter itself throws when site data is blocked
    } catch (error) {
      return null;
    }
  }

  function read(store) {
    const local = storage();
    if (!local) return null;
    let text;
    try {
      text = local.getItem(KEY_PREFIX + store);
    } catch (error) {
      return null;
    }
    try {
      const data = JSON.parse(text || "{}");
      return Array.isArray(data && data.ticked) ? data.ticked.filter((id) => typeof id === "string") : [];
    } catch (error) {
      return []; // unreadable text (edited by hand, or cut short): nothing to show
    }
  }

  function write(store, ids) {
    const local = storage();
    if (!local) return false;
    try {
      if (ids.length) {
        local.setItem(KEY_PREFIX + store, JSON.stringify({ version: VERSION, ticked: ids, saved: new Date().toISOString() }));
      } else {
        local.removeItem(KEY_PREFIX + store);
      }
      return true;
    } catch (error) {
      return false;
    }
  }

  /* Another tab changed the same progress: `fn(store)` for each change. */
  function onChange(fn) {
    window.addEventListener("storage", (event) => {
      if (event.key && event.key.indexOf(KEY_PREFIX) === 0) fn(event.key.slice(KEY_PREFIX.length));
    });
  }

  window.imhProgress = { read: read, write: write, onChange: onChange };
})();
