"""`llms.txt` (llmstxt.org): the site's name, a one-paragraph summary and every page, by section.

Made from the built navigation, so generated course and topic pages are listed like prose pages,
each with its description (front matter, or the record's summary).
"""

from __future__ import annotations

import re

from ..data.index import SiteIndex
from .structured import Urls


def _line(text: str) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip()


def _link(src_uri: str, described: dict[str, tuple[str, str]], urls: Urls) -> str:
    title, description = described[src_uri]
    title = _line(title).replace("[", "(").replace("]", ")")  # brackets would end the link text early
    description = _line(description)
    return f"- [{title}]({urls.page(src_uri)})" + (f": {description}" if description else "")


def _pages(item) -> list[str]:
    if item.is_page:
        return [item.file.src_uri]
    return [src for child in (item.children or []) for src in _pages(child)]


def _course_order(index: SiteIndex) -> str:
    """How the course order is meant, as the pages say it: a recommendation, not prerequisites."""
    provider = index.orgs[index.site.credential.provider]
    alone = all(course.stand_alone for course in index.courses)
    return (f"The courses are listed in the order {provider.abbreviation or provider.name} recommends for its credential; "
            "the order is a recommendation, not a set of prerequisites" + (", and each course can also be taken on its own." if alone else "."))


# Characters that would end a Markdown link's address early, percent-encoded (the address stays the same).
_URL_BREAKERS = {c: f"%{ord(c):02X}" for c in " ()<>[]\"'`{}|^"}


def _address(url: str) -> str:
    return "".join(_URL_BREAKERS.get(c, c) for c in str(url))


def _associations(index: SiteIndex, urls: Urls) -> list[str]:
    """The associations of the Alliance by state, as "Find your association" lists them: each one's
    website, its name, and its section of the page."""
    if not index.associations:
        return []
    lines = ["## Find your association: the associations of the Alliance, by state", ""]
    for row in index.associations:
        label = _line(row.label).replace("[", "(").replace("]", ")")
        lines.append(f"- [{label}]({_address(row.website)}): {_line(row.name)}; details {urls.page('associations.md', row.id)}")
    return lines + [""]


def llms_txt(config, nav, index: SiteIndex, urls: Urls, described: dict[str, tuple[str, str]]) -> str:
    """The file's text: H1, a blockquote summary, then one `##` section per top-level nav entry
    (pages at the top level first, as "Start here"), then the associations of the Alliance.
    `described`: src_uri -> (title, description)."""
    alliance = _line(index.orgs[index.site.associations.alliance.organization].name)
    head = [f"# {config.site_name}", "", f"> {_line(config.site_description)}", "",
            f"This site has {len(index.courses)} online courses and {len(index.topics)} monthly topics, and lists "
            f"{len(index.associations)} associations of the {alliance}; "
            f"its facts are also published as JSON at {urls.file('api/catalog.json')} and {urls.file('api/associations.json')}.", "",
            _course_order(index), ""]
    sections = [("Start here", [src for item in nav.items if item.is_page for src in _pages(item)])]
    sections += [(_line(item.title), _pages(item)) for item in nav.items if not item.is_page]
    body = []
    for title, pages in sections:
        if pages:
            body += [f"## {title}", ""] + [_link(src, described, urls) for src in pages] + [""]
    body += _associations(index, urls)
    return "\n".join(head + body).rstrip("\n") + "\n"
