/*
 * `imhSaveFile(text, filename, type)`: offer text as a file to save. The file is made in the
 * browser (a Blob URL): nothing is sent to any server.
 */
(function () {
  "use strict";

  window.imhSaveFile = function (text, filename, type) {
    const url = URL.createObjectURL(new Blob([text], { type: type }));
    const link = document.createElement("a");
    link.href = url;
    link.download = filename;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  };
})();
