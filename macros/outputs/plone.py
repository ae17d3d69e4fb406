"""The site's content as a Plone 6 content package: a plone.exportimport 2.x content tree.

`make plone` runs the strict build with `IMH_PLONE_EXPORT` set (mkdocs.yml passes it to the `imh`
plugin). The plugin hands this module every reader page as the build made it (its article HTML with
every component placed, its title, description, themes and date) and the navigation, and
`write_tree` writes what plone.exportimport's importer reads:

    FOLDER/content/__metadata__.json   `_data_files_` (parents before children), `ordering`, `default_page`
    FOLDER/content/<UID>/data.json     one item: `@id`, `@type`, `UID`, `id`, `parent`, `title`, …

So titles, descriptions and text come from the same data and templates as the static pages, and
bad data stops the build (with its file:line messages) before anything is written.

The shape is the navigation's: one Folder, `imh-pathways`, holds everything, so importing into an
existing site adds that folder and nothing else. A navigation section becomes a Folder named as
the navigation names it; one with an index page (the credential, the course catalogue, the
certificate, the schedule) shows that page, a Document `index`, as its default page, one without
lists its pages. Every other page is a Document named after its file. Pages whose front matter
says `plone: false` (the editors' guide) stay out. UIDs are `uuid5` of the item's path, so the same
content always gives the same bytes, and a re-import updates the items instead of adding copies.
"""

from __future__ import annotations

import json
import re
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

ROOT_ID = "imh-pathways"  # the one folder at the site's top (plone/…/handlers.py opens the site on it)
INDEX_ID = "index"  # a section's own page, the default page of its folder
UID_NAMESPACE = uuid.UUID("8d6b6a52-3c1f-5b1e-9a57-2f4f3f0c9e21")  # fixed: a UID depends on the path alone
SITE_ROOT_UID = "plone_site_root"  # how plone.exportimport names the site itself
METADATA_VERSION = "1.0.0"  # plone.exportimport's `__version__` of __metadata__.json

# What only works on the static site, with its stylesheet and scripts: the "¶" permalinks, the
# reader tools' buttons, forms, progress lines and no-JavaScript notes (the tools' lists and tables
# stay: they are content), and prose that editors mark `{ .imh-web-only }` because it speaks of
# those tools. The page's h1 goes too: Plone shows the item's title above its text.
FURNITURE = ("a.headerlink", "script", "style", "template", "noscript", "form", "button", "input", "select",
             "textarea", "[hidden]", ".imh-tool__nojs", ".imh-tool__message", ".imh-web-only")
HEADING = re.compile(r"^h([1-6])$")


class PloneExportError(Exception):
    """The navigation cannot be laid out as a Plone tree (two items would share an id)."""


@dataclass(frozen=True)
class BuiltPage:
    """One page as the build made it, for the export."""

    src: str  # e.g. "courses/rios-1.md"
    url: str  # its address inside the site, as MkDocs writes it: "" (home), "courses/rios-1/"
    title: str  # plain text
    description: str  # plain text, "" when the page has none
    html: str  # the article's HTML, every component placed
    subjects: tuple[str, ...] = ()  # the page's themes
    modified: str | None = None  # YYYY-MM-DD of the last commit behind the page
    exported: bool = True  # False for `plone: false` in front matter


@dataclass
class Item:
    """One Plone content item in the tree."""

    id: str
    type: str  # "Folder" or "Document"
    title: str
    description: str = ""
    page: BuiltPage | None = None  # a Document's page
    children: list[Item] = field(default_factory=list)
    default_page: str | None = None  # a Folder's child that Plone shows as the folder
    path: str = ""  # inside the site, e.g. /imh-pathways/credential/courses/rios-1
    parent: Item | None = None


def uid_of(path: str) -> str:
    return uuid.uuid5(UID_NAMESPACE, path).hex


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def is_index(src: str) -> bool:
    return PurePosixPath(src).name == "index.md"


# --- the navigation as a tree of items ----------------------------------------------------

def tree_of(nav_items, pages: dict[str, BuiltPage], title: str, description: str) -> Item:
    """The root Folder, in the navigation's shape (MkDocs' `nav.items`: Pages, Sections and Links)."""
    root = Item(ROOT_ID, "Folder", title, description)
    _fill(root, nav_items, pages)
    _place(root, "", None)
    return root


def _document(page: BuiltPage, item_id: str) -> Item:
    return Item(item_id, "Document", page.title, page.description, page=page)


def _fill(folder: Item, entries, pages: dict[str, BuiltPage]) -> None:
    for position, entry in enumerate(entries):
        if getattr(entry, "is_page", False):
            page = pages.get(entry.file.src_uri)
            if page is None or not page.exported:
                continue
            if is_index(page.src) and position == 0 and folder.default_page is None:
                folder.children.append(_document(page, INDEX_ID))  # the folder's own page
                folder.default_page = INDEX_ID
            else:
                folder.children.append(_document(page, PurePosixPath(page.src).stem))
        elif getattr(entry, "is_section", False):
            section = _section(entry, pages)
            if section.children:  # a section whose pages all stay out is left out
                folder.children.append(section)


def _section(section, pages: dict[str, BuiltPage]) -> Item:
    """A navigation section: a Folder, titled by its index page when it has one (navigation.indexes)."""
    first = section.children[0] if section.children else None
    index = pages.get(first.file.src_uri) if getattr(first, "is_page", False) else None
    title = re.sub(r"\s+", " ", str(section.title)).strip()  # as the navigation (Plone's tabs) names it
    if index is not None and index.exported and is_index(index.src):
        folder = Item(PurePosixPath(index.src).parent.name or slug(title), "Folder", title, index.description)
    else:
        folder = Item(slug(title), "Folder", title)
    _fill(folder, section.children, pages)
    return folder


def _place(item: Item, parent_path: str, parent: Item | None) -> None:
    item.path, item.parent = f"{parent_path}/{item.id}", parent
    seen: dict[str, Item] = {}
    for child in item.children:
        if child.id in seen:
            raise PloneExportError(
                f"{_source(seen[child.id])} and {_source(child)} would both be '{item.path}/{child.id}' in Plone — "
                "rename one of the two files")
        seen[child.id] = child
        _place(child, item.path, item)


def _source(item: Item) -> str:
    return f"docs/{item.page.src}" if item.page else f"the section '{item.title}'"


def walk(item: Item):
    """Every item, parents before children, each folder's children in order."""
    yield item
    for child in item.children:
        yield from walk(child)


# --- the page's HTML as Plone text --------------------------------------------------------

def plone_html(page: BuiltPage, links: dict[str, str], site_url: str) -> str:
    """The article's content as a Plone Document's text.

    `links` maps a page's address inside the site ("courses/rios-1/") to its item's UID: links
    between pages become `resolveuid/<UID>` links, which Plone shows as the item's address
    wherever the site or the folder lives (as links made in Plone's editor). A link to a file of
    the static site that is not exported (the JSON catalogue, the editors' guide) points to the
    published site; links out stay as they are."""
    soup = BeautifulSoup(page.html, "html.parser")
    title = soup.find("h1")
    if title is not None:
        title.decompose()
    for element in soup.select(", ".join(FURNITURE)):
        element.decompose()
    for element in soup.find_all(True):
        for name in [name for name in element.attrs if name.startswith("data-")]:
            del element[name]  # hooks for the site's scripts and search
        if "imh-visually-hidden" in element.get("class", []):
            element["class"] = element["class"] + ["visually-hidden"]  # Plone's own name (Barceloneta)
        if element.name == "a" and element.get("href"):
            element["href"] = _link(element["href"], page.url, links, site_url)
    _drop_empty_sections(soup)
    text = soup.decode(formatter="minimal").strip()
    return re.sub(r"\n\s*\n(?:\s*\n)+", "\n\n", text) if "<pre" not in text else text


def _link(href: str, page_url: str, links: dict[str, str], site_url: str) -> str:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return href  # a link out, or to a place on the same page
    target = urlsplit(urljoin("https://site.invalid/" + page_url, href))
    path = target.path.lstrip("/")
    fragment = f"#{target.fragment}" if target.fragment else ""
    if path in links:
        return f"resolveuid/{links[path]}{fragment}"
    if path.endswith("index.html") and path[: -len("index.html")] in links:
        return f"resolveuid/{links[path[: -len('index.html')]]}{fragment}"
    query = f"?{target.query}" if target.query else ""
    return f"{site_url}{path}{query}{fragment}"  # a file of the static site that Plone does not hold


def _drop_empty_sections(soup: BeautifulSoup) -> None:
    """A heading left with nothing under it (its tool or web-only prose removed) goes too."""
    for heading in reversed([el for el in soup.find_all(HEADING) if el.parent is soup]):
        level = int(heading.name[1])
        following = heading.find_next_sibling(True)
        nested = following is not None and HEADING.match(following.name) and int(following.name[1]) <= level
        if following is None or nested:
            heading.decompose()


# --- the tree on disk ------------------------------------------------------------------------

def items_json(root: Item, site_url: str, language: str) -> tuple[dict, dict[str, dict]]:
    """`__metadata__.json` and each item's `data.json`, by file name."""
    links = {}
    for item in walk(root):
        if item.page is not None:
            # A folder's own page is reached at the folder's address in Plone, as on the site.
            shown = item.parent if item.id == INDEX_ID and item.parent and item.parent.default_page == INDEX_ID else item
            links[item.page.url] = uid_of(shown.path)
    files, ordering, default_page = {}, {}, {}
    for item in walk(root):
        uid = uid_of(item.path)
        data = {
            "@id": item.path,
            "@type": item.type,
            "UID": uid,
            "id": item.id,
            "parent": ({"@id": item.parent.path, "@type": item.parent.type, "UID": uid_of(item.parent.path),
                        "title": item.parent.title} if item.parent else
                       {"@id": "/", "@type": "Plone Site", "UID": SITE_ROOT_UID}),
            "title": item.title,
            "description": item.description,
            "language": language,
            "review_state": "published",
            "subjects": list(item.page.subjects) if item.page else [],
        }
        if item.page is not None:
            data["text"] = {"data": plone_html(item.page, links, site_url), "content-type": "text/html",
                            "encoding": "utf-8"}
            if item.page.modified:
                data["modified"] = f"{item.page.modified}T00:00:00+00:00"
        files[f"{uid}/data.json"] = data
        if item.parent is not None:
            ordering[uid] = item.parent.children.index(item)
        if item.default_page:
            default_page[uid] = {"default_page": item.default_page,
                                 "default_page_uuid": uid_of(f"{item.path}/{item.default_page}")}
    metadata = {"__version__": METADATA_VERSION, "_blob_files_": [], "_data_files_": list(files),
                "default_page": default_page, "local_permissions": {}, "local_roles": {},
                "ordering": ordering, "relations": []}
    return metadata, files


def dumps(data: dict) -> str:
    """The same data always gives the same bytes."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_tree(folder: Path, root: Item, site_url: str, language: str) -> int:
    """Write the tree into `folder` (made anew: `make plone` swaps it in when the build succeeds).
    Returns the number of items."""
    metadata, files = items_json(root, site_url, language)
    if folder.exists():
        shutil.rmtree(folder)
    content = folder / "content"
    for name, data in files.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(dumps(data), encoding="utf-8")
    (content / "__metadata__.json").write_text(dumps(metadata), encoding="utf-8")
    return len(files)

