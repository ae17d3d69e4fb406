"""The Plone content tree (`make plone`), read without Plone: what plone.exportimport's importer needs,
in the site's shape, saying what the site's pages say.

The tree is the one the session's build wrote beside the site (tests/conftest.py sets
IMH_PLONE_EXPORT, as `make plone` does). Courses, modules and topics come from data/ and
tests/required.yaml; titles, descriptions and headings from the built pages. The import into a real
Plone site is tests/test_plone_import.py; two exports being byte-identical is in test_reproducible.py.
"""

from __future__ import annotations

import json
import posixpath
import re
import uuid
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from project import copy_project, make
from required import CATALOGUE, COURSES, IF_INTENDED, SCHEDULE, TOPICS, data

ROOT = Path(__file__).resolve().parents[1]
PLONE_TREE = "plone/src/imh_pathways_plone/distributions/imh-pathways/content"
# The keys plone.exportimport 2.x reads from __metadata__.json (its ExportImportMetadata refuses others).
METADATA_KEYS = {"__version__", "_data_files_", "_blob_files_", "default_page", "ordering", "local_roles",
                 "local_permissions", "relations"}
ITEM_KEYS = {"@id", "@type", "id", "UID", "parent", "title", "description", "language", "review_state", "subjects"}
UID_NAMESPACE = uuid.UUID("8d6b6a52-3c1f-5b1e-9a57-2f4f3f0c9e21")  # macros/outputs/plone.py


class Tree:
    """A content tree on disk: the metadata and every item, in the importer's order."""

    def __init__(self, folder: Path):
        self.content = folder / "content"
        self.metadata = json.loads((self.content / "__metadata__.json").read_text(encoding="utf-8"))
        self.items = [json.loads((self.content / name).read_text(encoding="utf-8"))
                      for name in self.metadata["_data_files_"]]
        self.by_path = {item["@id"]: item for item in self.items}
        self.by_uid = {item["UID"]: item for item in self.items}

    def children(self, path: str) -> list[dict]:
        """A folder's items in their order in Plone."""
        inside = [i for i in self.items if posixpath.dirname(i["@id"]) == path]
        return sorted(inside, key=lambda i: self.metadata["ordering"][i["UID"]])

    def text(self, item: dict) -> BeautifulSoup:
        return BeautifulSoup(item.get("text", {}).get("data", ""), "html.parser")

    def shown_text(self, item: dict) -> BeautifulSoup:
        """What Plone shows at the item's address: a folder shows its default page."""
        page = self.metadata["default_page"].get(item["UID"])
        return self.text(self.by_uid[page["default_page_uuid"]] if page else item)


@pytest.fixture(scope="module")
def tree(site) -> Tree:
    assert (site.plone_tree / "content" / "__metadata__.json").is_file(), \
        f"the build wrote no Plone tree at {site.plone_tree} (IMH_PLONE_EXPORT)"
    return Tree(site.plone_tree)


def documents(tree: Tree, folder: str) -> list[dict]:
    """A folder's Documents in order, without its own page (the default page)."""
    own = tree.metadata["default_page"].get(tree.by_path[folder]["UID"], {}).get("default_page")
    return [i for i in tree.children(folder) if i["@type"] == "Document" and i["id"] != own]


def plain(element) -> str:
    """An element's words; a heading's without its "¶" permalink."""
    return re.sub(r"\s+", " ", element.get_text(" ")).strip().removesuffix(" ¶").removesuffix("¶")


# --- what the importer needs ------------------------------------------------------------------

def test_the_metadata_has_the_importers_keys_and_lists_every_item_once(tree):
    assert set(tree.metadata) == METADATA_KEYS
    files = tree.metadata["_data_files_"]
    assert len(files) == len(set(files)) and files, "each item once"
    on_disk = sorted(p.relative_to(tree.content).as_posix() for p in tree.content.rglob("data.json"))
    assert sorted(files) == on_disk, "every item file is listed, and nothing else is on disk"
    assert tree.metadata["_blob_files_"] == [] and tree.metadata["local_roles"] == {}


def test_every_item_has_the_keys_the_importer_needs(tree):
    for item in tree.items:
        missing = ITEM_KEYS - set(item)
        assert not missing, f"{item.get('@id')}: missing {missing}"
        assert item["id"] == item["@id"].rsplit("/", 1)[1], f"{item['@id']}: its id is the last part of its path"
        assert item["@type"] in ("Folder", "Document")
        assert item["review_state"] == "published" and item["language"] == "en"
        if item["@type"] == "Document":
            text = item["text"]
            assert text["content-type"] == "text/html" and text["encoding"] == "utf-8" and text["data"].strip()


def test_parents_come_before_their_children(tree):
    """The importer drops (with only a warning) an item whose folder it has not made yet."""
    seen = set()
    for item in tree.items:
        parent = posixpath.dirname(item["@id"])
        assert parent == "/" or parent in seen, f"{item['@id']} comes before its folder {parent}"
        assert item["parent"]["@id"] == parent
        if parent != "/":
            assert tree.by_path[parent]["@type"] == "Folder" and item["parent"]["UID"] == tree.by_path[parent]["UID"]
        seen.add(item["@id"])
    assert len([i for i in tree.items if posixpath.dirname(i["@id"]) == "/"]) == 1, "one folder holds everything"


def test_ids_and_uids_are_unique_and_come_from_the_path(tree):
    paths = [i["@id"] for i in tree.items]
    uids = [i["UID"] for i in tree.items]
    assert len(set(paths)) == len(paths) and len(set(uids)) == len(uids)
    for item in tree.items:
        assert item["UID"] == uuid.uuid5(UID_NAMESPACE, item["@id"]).hex, f"{item['@id']}: UID not from its path"
        assert tree.metadata["_data_files_"][tree.items.index(item)] == f"{item['UID']}/data.json"


def test_ordering_and_default_pages_fit_the_tree(tree):
    ordering = tree.metadata["ordering"]
    for folder in (i for i in tree.items if i["@type"] == "Folder"):
        kids = [i for i in tree.items if posixpath.dirname(i["@id"]) == folder["@id"]]
        assert kids, f"{folder['@id']} is an empty folder"
        assert sorted(ordering[k["UID"]] for k in kids) == list(range(len(kids))), f"{folder['@id']}: positions"
    for uid, page in tree.metadata["default_page"].items():
        folder, own = tree.by_uid[uid], tree.by_uid[page["default_page_uuid"]]
        assert own["@id"] == f"{folder['@id']}/{page['default_page']}" and own["@type"] == "Document"
        if folder is not tree.items[0]:  # the top folder is the site's name and description
            assert own["description"] == folder["description"], f"{folder['@id']}: its page's description"


# --- the site's content, in its shape ---------------------------------------------------------

def test_every_reader_page_is_an_item_with_the_pages_title_and_description(tree, site):
    """Every built page but the editors' (front matter `plone: false`) and the 404 page."""
    left_out = set()
    for md in (ROOT / "docs").rglob("*.md"):
        text = md.read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}
        if (front or {}).get("plone") is False:
            rel = md.relative_to(ROOT / "docs").with_suffix("").as_posix()
            left_out.add("" if rel == "index" else (rel[:-5] if rel.endswith("/index") else rel) + "/")
    assert left_out, "the editors' pages say `plone: false`"
    expected = {}
    for url in site.pages():
        if url in left_out or url.startswith("404"):
            continue
        soup = site.soup(url)
        description = soup.select_one('meta[name="description"]')
        expected[plain(site.article(url).find("h1"))] = description["content"] if description else ""
    docs = {i["title"]: i["description"] for i in tree.items if i["@type"] == "Document"}
    assert set(docs) == set(expected), (f"pages missing in Plone: {sorted(set(expected) - set(docs))}; "
                                        f"items not on the site: {sorted(set(docs) - set(expected))}")
    for title, description in expected.items():
        if docs[title]:  # a page without its own description gets the site's in its <meta>
            assert docs[title] == description, f"{title}: description differs from the page's"


def test_the_credential_holds_one_item_per_course_in_order_with_its_modules(tree):
    folder = next(i for i in tree.items if i["@id"].endswith("/credential/courses"))
    courses = documents(tree, folder["@id"])
    assert [c["title"] for c in courses] == [title for title, _ in CATALOGUE], "courses in the recommended order"
    titles = [c["title"] for c in courses]
    for title, _modules in COURSES:
        assert title in titles, f"{title!r} is missing from the Plone tree ({IF_INTENDED})"
    summaries = {c.title: c.summary for c in data().courses}
    for item, (title, modules) in zip(courses, CATALOGUE):
        assert item["description"] == summaries[title]
        headings = [plain(h) for h in tree.text(item).find_all("h3")]
        assert headings == [f"Module {n}: {m}" for n, m in enumerate(modules, 1)], f"{title}: modules in order"
        assert item["subjects"], f"{title}: its themes become Subjects"


def test_the_certificate_holds_one_item_per_monthly_topic_in_month_order(tree):
    folder = next(i for i in tree.items if i["@id"].endswith("/leadership/topics"))
    topics = documents(tree, folder["@id"])
    assert [t["title"] for t in topics] == SCHEDULE, "one item per month, from month 1"
    for title in TOPICS:
        assert title in SCHEDULE, f"{title!r} is missing ({IF_INTENDED})"
    summaries = {t.title: t.summary for t in data().topics}
    for item in topics:
        assert item["description"] == summaries[item["title"]] and item["subjects"]


def test_the_tree_follows_the_navigation(tree, site):
    """Top-level folders in the order of the site's tabs; courses inside the credential."""
    root = tree.items[0]
    tabs = [plain(a) for a in site.soup("pathway/").select(".md-tabs__link")]
    top = [i["title"] for i in tree.children(root["@id"]) if i["@type"] == "Folder"]
    assert top == [t for t in tabs if t in top] and len(top) >= 5, (top, tabs)
    assert tree.metadata["default_page"][root["UID"]]["default_page"] == "index", "the folder opens on the home page"


def test_texts_say_what_the_pages_say(tree, site):
    """Each Document's headings and paragraphs are the built page's, less the site's furniture."""
    by_title = {i["title"]: i for i in tree.items if i["@type"] == "Document"}
    for url in site.pages():
        article = site.article(url)
        item = by_title.get(plain(article.find("h1")))
        if item is None:
            continue
        text = tree.text(item)
        dropped = {plain(h) for h in article.select(".imh-web-only")}
        page_headings = [plain(h) for h in article.find_all(["h2", "h3"]) if plain(h) not in dropped]
        assert [plain(h) for h in text.find_all(["h2", "h3"])] == page_headings, f"{url}: headings differ"
        paragraphs = {plain(p) for p in text.find_all("p")}
        for p in article.select("p"):
            if p.find_parent(class_="imh-tool") or "imh-web-only" in p.get("class", []) or p.find_parent(hidden=True):
                continue
            if p.get("hidden") is None and "imh-tool__nojs" not in p.get("class", []) and plain(p):
                assert plain(p) in paragraphs, f"{url}: paragraph missing in Plone: {plain(p)[:80]}"


def test_no_static_site_furniture_reaches_plone(tree):
    for item in (i for i in tree.items if i["@type"] == "Document"):
        html = item["text"]["data"]
        soup = tree.text(item)
        assert not soup.find("h1"), f"{item['@id']}: Plone shows the title itself"
        assert not soup.select("a.headerlink, button, form, input, script, [hidden], .imh-tool__nojs, .imh-web-only")
        assert not re.search(r"\sdata-[\w-]+=", html), f"{item['@id']}: the site's script hooks"
        assert "data-imh-block" not in html and "¶" not in html


def test_links_between_pages_point_to_plone_items_and_links_out_stay(tree, site):
    fragments = 0
    for item in (i for i in tree.items if i["@type"] == "Document"):
        for a in tree.text(item).find_all("a", href=True):
            href = a["href"]
            if href.startswith("resolveuid/"):
                uid, _, fragment = href[len("resolveuid/"):].partition("#")
                assert uid in tree.by_uid, f"{item['@id']}: a link to no item ({href})"
                if fragment:
                    fragments += 1
                    assert tree.shown_text(tree.by_uid[uid]).find(id=fragment), \
                        f"{item['@id']}: {href} names a place its page does not have"
            else:
                assert href.startswith(("https://", "http://", "mailto:", "#")), f"{item['@id']}: {href}"
    assert fragments, "links to places on other pages (a module's themes) keep their #fragment"


# --- bad data -------------------------------------------------------------------------------

def test_bad_data_writes_nothing_and_names_file_and_line(tmp_path):
    """`make plone` checks first: a broken file stops it with `file:line`, and the last tree stays."""
    root = copy_project(tmp_path / "project")
    old = root / PLONE_TREE / "content"
    old.mkdir(parents=True, exist_ok=True)
    (old / "__metadata__.json").write_text('{"the": "last good tree"}', encoding="utf-8")
    course = sorted((root / "data" / "courses").glob("*.yaml"))[0]
    text = course.read_text(encoding="utf-8")
    course.write_text(re.sub(r"(?m)^title:.*$", "title:", text, count=1), encoding="utf-8")
    result = make(root, "plone")
    assert result.returncode != 0
    line = next(n for n, row in enumerate(course.read_text(encoding="utf-8").splitlines(), 1) if row.startswith("title:"))
    assert f"data/courses/{course.name}:{line}:" in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert (old / "__metadata__.json").read_text(encoding="utf-8") == '{"the": "last good tree"}'
    assert not (root / ".plone-new").exists() and not (root / ".plone-site").exists()
