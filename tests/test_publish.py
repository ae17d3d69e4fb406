"""Publishing: what every page carries for search engines and link previews, robots.txt and the
sitemap, the 404 page, the review dates each requirement page shows, the edit buttons and llms.txt.
(The workflow: tests/test_workflow.py; overdue-review warnings: tests/test_review_warnings.py.)"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from urllib.parse import urlsplit

import pytest
from mkdocs.utils.yaml import yaml_load

from conftest import ROOT, build_site
from required import a_topic, a_word, courses_in_order



@lru_cache(maxsize=None)
def site_url() -> str:
    """The address the site is built for: SITE_URL if set (CI, forks), else mkdocs.yml's default."""
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        url = yaml_load(f)["site_url"]
    return url if url.endswith("/") else url + "/"


def h1_text(soup) -> str:
    """The page's h1 as a reader reads it (without its "¶" permalink)."""
    h1 = soup.select_one("article h1")
    for link in h1.select("a.headerlink"):
        link.decompose()
    return re.sub(r"\s+", " ", h1.get_text()).strip()


def head_meta(soup, **attrs) -> str | None:
    tag = soup.find("meta", attrs=attrs)
    return tag.get("content") if tag else None


# --- what every page carries -------------------------------------------------------------------


def test_every_page_has_canonical_description_and_link_preview_tags(site):
    base = site_url()
    descriptions = {}
    for url in site.pages():
        soup = site.soup(url)
        canonical = soup.find("link", rel="canonical")
        assert canonical and canonical["href"] == base + url, f"{url}: canonical {canonical}"
        description = head_meta(soup, name="description")
        assert description and len(description) >= 50, f"{url}: meta description missing or too short"
        descriptions.setdefault(description, []).append(url)
        title = h1_text(soup)
        assert head_meta(soup, property="og:url") == base + url
        assert head_meta(soup, property="og:description") == description
        assert head_meta(soup, property="og:title") == title, url
        assert head_meta(soup, property="og:type") == ("website" if url == "" else "article")
        assert head_meta(soup, property="og:site_name")
        assert head_meta(soup, name="twitter:card") == "summary"
        assert head_meta(soup, name="twitter:title") == title
        assert head_meta(soup, name="twitter:description") == description
    shared = {d: urls for d, urls in descriptions.items() if len(urls) > 1}
    assert not shared, f"pages share a meta description: {shared}"


def test_generated_pages_describe_themselves_with_the_data_summary(site):
    from macros.data.load import get_site

    data = get_site(ROOT)
    for course in data.courses:
        soup = site.soup(f"courses/{course.id}/")
        assert head_meta(soup, name="description") == course.summary
    for topic in data.topics:
        soup = site.soup(f"topics/{topic.id}/")
        assert head_meta(soup, name="description") == topic.summary


def test_robots_txt_and_sitemap(site):
    base = site_url()
    robots = (site.path / "robots.txt").read_text(encoding="utf-8")
    assert re.search(r"^User-agent: \*$", robots, re.M)
    assert re.search(r"^Disallow:\s*$", robots, re.M), "nothing may be blocked"
    assert f"Sitemap: {base}sitemap.xml" in robots.splitlines()
    sitemap = (site.path / "sitemap.xml").read_text(encoding="utf-8")
    listed = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert sorted(listed) == sorted(base + url for url in site.pages())
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in re.findall(r"<lastmod>(.*?)</lastmod>", sitemap))


def test_site_url_and_repository_follow_the_environment(tmp_path):
    """A fork sets SITE_URL and REPO_URL (the workflow does) and every address follows."""
    fork = "https://someone.github.io/imh-fork/"
    result = build_site(tmp_path, env={"SITE_URL": fork, "REPO_URL": "https://github.com/someone/imh-fork"})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "pathway" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{fork}pathway/">' in html
    assert f'content="{fork}pathway/"' in html
    assert "https://github.com/someone/imh-fork" in html
    assert "imh-pathways.github.io" not in html
    assert f"Sitemap: {fork}sitemap.xml" in (tmp_path / "robots.txt").read_text(encoding="utf-8")
    catalog = json.loads((tmp_path / "api" / "catalog.json").read_text(encoding="utf-8"))
    assert catalog["site"]["url"] == fork and catalog["courses"][0]["page"].startswith(fork)
    notfound = (tmp_path / "404.html").read_text(encoding="utf-8")
    assert 'action="/imh-fork/"' in notfound and 'href="/imh-fork/pathway/"' in notfound


# --- the 404 page ----------------------------------------------------------------------------


def test_404_page_has_search_and_a_way_home_with_links_that_work_at_any_depth(site):
    from bs4 import BeautifulSoup

    base = urlsplit(site_url()).path  # e.g. /imh-pathways/
    soup = BeautifulSoup((site.path / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert head_meta(soup, name="robots") == "noindex"
    assert soup.title.get_text().startswith("Page not found")
    article = soup.select_one("article")
    assert article.find("h1").get_text(strip=True) == "Page not found"
    form = article.find("form", attrs={"role": "search"})
    assert form and form["action"] == base and form.get("method", "get").lower() == "get"
    field = form.find("input", attrs={"name": "q"})
    assert field and article.find("label", attrs={"for": field["id"]})
    assert article.find("a", href=base), "no link to the home page"
    # GitHub Pages serves this file for a missing address at any depth: no relative links.
    for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("form", "action")):
        for el in soup.find_all(tag):
            value = el.get(attr)
            if value is None or value.startswith(("#", "http://", "https://", "mailto:", "data:")):
                continue
            assert value.startswith(base), f"404.html: <{tag} {attr}={value!r}> breaks when served below the root"
    sections = [a["href"] for a in article.find_all("a")]
    for href in sections:
        target = site.path / href[len(base):]
        assert (target / "index.html").is_file() or target.is_file(), f"404 page links to missing {href}"


@pytest.mark.browser
def test_404_served_deep_in_the_site_searches_from_its_form(browser, site):
    """Served the way GitHub Pages does (under the project path, for any missing address),
    the page is styled, and its search form opens the site's search with the words typed."""
    from conftest import Visit, site_prefix
    from serve import Server

    prefix = site_prefix(site).strip("/")
    with Server(site.path, prefix=site_prefix(site)) as base:
        context = browser.new_context(viewport={"width": 375, "height": 667})
        try:
            visit = Visit(context, base)
            response = visit.goto(f"{prefix}/courses/no-such-course/old/page/" if prefix else "courses/no-such-course/old/page/")
            assert response.status == 404
            page = visit.page
            assert page.title().startswith("Page not found")
            # The theme's stylesheet loaded from the absolute path: the header is styled.
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
            field = page.locator("#imh-notfound-q")
            word = a_word()
            field.press_sequentially(word)
            field.press("Enter")
            page.wait_for_url(re.compile(rf"\?q={word}"))
            page.wait_for_function("w => document.querySelector('input.md-search__input').value === w", arg=word)
            page.wait_for_selector(".md-search-result__item", state="attached", timeout=10000)
            assert visit.foreign == []
        finally:
            context.close()


# --- trust: review dates -------------------------------------------------------------------


def test_requirement_pages_show_last_reviewed_and_next_review_due(site):
    from macros.data.load import get_site
    from macros.data.validate import next_review

    data = get_site(ROOT)
    pages = {"credential/": data.credential.review, "leadership/": data.leadership.review,
             "endorsement/": data.endorsement.review}
    for url, review in pages.items():
        text = site.article(url).get_text(" ", strip=True)
        assert "Last reviewed" in text and "Next review due" in text, url
        times = [t["datetime"] for t in site.article(url).select(".imh-reviewed time")]
        assert times == [review.reviewed.isoformat(), next_review(review).isoformat()], url
    for course in data.courses:
        text = site.article(f"courses/{course.id}/").get_text(" ", strip=True)
        assert f"Last reviewed: {course.review.reviewed.isoformat()}" in text
        assert f"next review due {next_review(course.review).isoformat()}" in text.lower()


# --- edit buttons and llms.txt ----------------------------------------------------------------


def test_every_edit_button_opens_the_file_its_facts_live_in(site):
    """A complete https://github.com/OWNER/REPO/edit/main/PATH whose PATH is in the project:
    generated pages open their YAML, pages made of one data file open it (and their text)."""
    repo = site.soup("").select_one("a.md-source")["href"].rstrip("/")
    assert urlsplit(repo).path.count("/") == 2, f"repo_url is not https://github.com/OWNER/REPO: {repo}"
    edit = repo + "/edit/main/"
    opened = {}
    for url in site.pages():
        links = [a["href"] for a in site.soup(url).select("a.md-content__button[href*='/edit/']")]
        assert links and links[0].startswith(edit), f"/{url}: edit links {links}"
        paths = [href[len(edit):] for href in links]
        for path in paths:
            assert (ROOT / path).is_file(), f"/{url}: the edit button opens {path}, which does not exist"
        opened[url] = paths
    for course in courses_in_order():
        assert opened[f"courses/{course.id}/"] == [f"data/courses/{course.id}.yaml"]
    topic = a_topic()
    assert opened[f"topics/{topic.id}/"][0].startswith("data/topics/") and len(opened[f"topics/{topic.id}/"]) == 1
    assert opened["faq/"] == ["data/faq.yaml", "docs/faq.md"]
    assert opened["api/"] == ["docs/api.md"]


def test_every_edit_button_opens_the_file_behind_the_page(site):
    """Prose pages open their Markdown; course and topic pages open their YAML file, whose `id` is the page's."""
    from macros.data.load import get_site

    data = get_site(ROOT)
    generated = {"courses": 0, "topics": 0}
    for url in site.pages():
        button = site.soup(url).select_one("a.md-content__button[rel=edit]")
        if url == "404.html":
            continue
        assert button is not None, f"{url or 'home'} has no edit button"
        match = re.search(r"/edit/main/(.+)$", button["href"])
        assert match, button["href"]
        source = ROOT / match.group(1)
        assert source.is_file(), f"{url}: the edit button opens {match.group(1)}, which does not exist"
        kind = url.split("/")[0]
        if kind in generated and url.count("/") == 2:
            assert source.suffix == ".yaml" and source.parent.name == kind, f"{url} should open its YAML file"
            assert re.search(rf"^id: {url.split('/')[1]}$", source.read_text(encoding="utf-8"), re.M)
            generated[kind] += 1
        else:  # a page made of one data file opens it (`data_file:` in its front matter, issue 11)
            assert source.suffix == ".md" and "docs" in source.parts or source.parent.name == "data"
    assert generated == {"courses": len(data.courses), "topics": len(data.topics)}


def load_index():
    from macros.data.load import load_site

    return load_site(ROOT)


def test_llms_txt_lists_every_page(site):
    """llmstxt.org: an H1, a blockquote summary, then sections of links to every page."""
    text = (site.path / "llms.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# Infant Mental Health Pathways" and lines[2].startswith("> ")
    assert re.search(r"^## ", text, re.M)
    pages_part, _, associations_part = text.partition("\n## Find your association: ")
    linked = re.findall(r"^- \[[^\]]+\]\(([^)\s]+)\)", pages_part, re.M)
    pages = [site_url() + url for url in site.pages()]
    assert sorted(linked) == sorted(pages), f"missing {set(pages) - set(linked)}, extra {set(linked) - set(pages)}"
    from macros.data.load import get_site

    data = get_site(ROOT)
    # Then every association the page lists, in its order: its website, and its section of the page.
    entries = re.findall(r"^- \[([^\]]+)\]\(([^)\s]+)\): .*; details (\S+)$", associations_part, re.M)
    rows = load_index().associations
    assert entries == [
        (r.label, r.website, f"{site_url()}associations/#{r.id}") for r in rows]
    for record in [f"courses/{c.id}/" for c in data.courses] + [f"topics/{t.id}/" for t in data.topics]:
        assert site_url() + record in linked, f"llms.txt does not list {record}"
