"""The web editor at /admin/: Sveltia CMS from the pinned npm package, and its configuration.

The page, web_editor/index.html, is the site's own file, kept here rather than in docs/ (which
holds only pages and pictures anyone may propose): the imh plugin (macros/plugin.py) adds it as a
static page (not in the navigation, the sitemap or the search index, and marked `noindex`), with
config.yml, generated from the content model for the repository and address being built (a fork's
editor edits the fork); web_editor/config.yml is the same for mkdocs.yml's defaults, committed
(`make cms-config`). After the build it copies what the page loads: the editor's bundle, from
node_modules/@sveltia/cms (installed by `npm ci` from package-lock.json, which `make serve`,
`make build` and `make test` run), so the page loads nothing from a CDN. A build without the
package stops with a message saying how to install it, before anything is written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from . import cms

PAGE = Path(__file__).parent / "web_editor" / "index.html"

# The files of the package's browser bundle the page needs: the script, and the one chunk it
# loads next to itself (it would fall back to unpkg.com for a chunk that is missing).
BUNDLE = ("sveltia-cms.js", "chunks/react-dom.js")
# The editor's fonts (its icons are a font) are linked from cdn.jsdelivr.net in the bundle; the
# same files come from the fontsource packages pinned in package-lock.json, served beside it.
FONTS = {
    "https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2":
        "@fontsource-variable/material-symbols-outlined/files/material-symbols-outlined-latin-wght-normal.woff2",
    "https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2":
        "@fontsource-variable/source-sans-3/files/source-sans-3-latin-wght-normal.woff2",
    "https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2":
        "@fontsource/noto-mono/files/noto-mono-latin-400-normal.woff2",
}


def _modules(config) -> Path:
    return Path(config.config_file_path).resolve().parent / "node_modules"


def _needed(config) -> list[Path]:
    return [_modules(config) / "@sveltia/cms/dist" / name for name in BUNDLE] + [_modules(config) / f for f in FONTS.values()]


def check_installed(config) -> None:
    """Stop before anything is written when the editor's npm packages are missing."""
    missing = [path for path in _needed(config) if not path.is_file()]
    if missing:
        raise PluginError(
            "The web editor (npm packages @sveltia/cms and its fonts) is not installed: "
            f"{missing[0].relative_to(_modules(config).parent)} is missing. Run `make build` or `make serve`, "
            "which install it with `npm ci` (Node.js and npm are needed), or run `npm ci` yourself."
        )


def editor_files(config, with_configuration: bool = True) -> list[File]:
    """/admin/index.html and (unless `make check`, which writes nothing) /admin/config.yml, for the build's files."""
    page = File.generated(config, "admin/index.html", abs_src_path=str(PAGE))
    if not with_configuration:
        return [page]
    text = cms.render(cms.config(config.repo_url or cms.DEFAULT_REPO_URL, config.site_url or cms.DEFAULT_SITE_URL))
    return [page, File.generated(config, "admin/config.yml", content=text)]


def write_editor(config) -> None:
    """/admin/: the editor's bundle and fonts from node_modules."""
    admin = Path(config.site_dir) / "admin"
    (admin / "chunks").mkdir(parents=True, exist_ok=True)
    (admin / "fonts").mkdir(exist_ok=True)
    script = (_modules(config) / "@sveltia/cms/dist" / BUNDLE[0]).read_text(encoding="utf-8")
    for url, path in FONTS.items():
        if url not in script:
            raise PluginError(f"The web editor's bundle no longer links {url}: update FONTS in macros/editors/admin.py "
                              "to the fonts the pinned @sveltia/cms links (and pin their fontsource packages).")
        name = Path(path).name
        script = script.replace(url, f"fonts/{name}")  # relative to /admin/, where the page is
        shutil.copyfile(_modules(config) / path, admin / "fonts" / name)
    (admin / BUNDLE[0]).write_text(script, encoding="utf-8")
    for name in BUNDLE[1:]:
        shutil.copyfile(_modules(config) / "@sveltia/cms/dist" / name, admin / name)
