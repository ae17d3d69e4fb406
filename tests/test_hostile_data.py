"""Markdown fields of the data are rendered once, with a short allow-list, within limits.

In-process companions of tests/test_hostile.py (which builds a site full of payloads and opens
it in a browser): the converter every Markdown field goes through (macros/data/markdown.py) is
fed each kind of syntax and link; the limits are tried at and over their edge with the inputs
that once stalled or crashed the build; and `make check` and the build give the same answer,
at the same line, for each.
"""

from __future__ import annotations

import json
import signal
import time
from contextlib import contextmanager

import pytest
from bs4 import BeautifulSoup

from conftest import build_site
from project import check_in_process, copy_project, quiet_env, set_field

from macros.data import markdown as md_fields
from macros.data.markdown import MAX_BRACKETS, MAX_CHARS, MAX_LIST_DEPTH, Converter, check, precheck
from macros.data.model import Site
from macros.editors import cms
from macros.pages.abbreviations import Glossary, GlossaryAbbr

ALL = frozenset(md_fields.FEATURES)
HANG = 10  # seconds: a hang, not a slow run (the slowest input below takes a fraction of a second)


@contextmanager
def no_hang(what: str, seconds: int = HANG):
    def hang(signum, frame):
        raise TimeoutError(f"{what} did not finish in {seconds} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def html_of(text: str, features=ALL) -> BeautifulSoup:
    return BeautifulSoup(Converter(features).convert(text).html, "html.parser")


# --- the allow-list ------------------------------------------------------------------------

# What each feature makes, and the elements it needs.
ALLOWED = {
    "emphasis": ("*italic* and **bold** and ***both*** and _under_", {"em", "strong"}),
    "links": ("[a page](https://example.org/x?a=1&b=2) and [a site page](faq.md#who-benefits)", {"a"}),
    "lists": ("- one\n- two\n\n1. first\n2. second\n    - nested", {"ul", "ol", "li"}),
}

# Syntax no field allows: shown as typed, never as markup.
NOT_ALLOWED = {
    "heading": ("# Heading", "# Heading"),
    "setext heading": ("Heading\n=======", "Heading ======="),
    "code span": ("`code`", "`code`"),
    "code block": ("para\n\n    indented code", "indented code"),
    "fence": ("```\ncode\n```", "```"),
    "quote": ("> quoted", "> quoted"),
    "rule": ("---", "---"),
    "raw html": ("<b onclick=alert(1)>bold</b>", "<b onclick=alert(1)>bold</b>"),
    "html block": ("<div markdown=\"1\" onclick=alert(1)>x</div>", "<div markdown=\"1\" onclick=alert(1)>x</div>"),
    "comment": ("<!-- hidden -->", "<!-- hidden -->"),
    "image": ("![alt](https://example.org/x.png)", "![alt](https://example.org/x.png)"),
    "attribute list": ("para\n{: onclick=\"alert(1)\" tabindex=0 }", "{: onclick=\"alert(1)\" tabindex=0 }"),
    "inline attributes": ("*x*{: onmouseover=alert(1) }", "{: onmouseover=alert(1) }"),
    "reference link": ("[x][r]\n\n[r]: https://example.org/", "[r]: https://example.org/"),
    "autolink": ("<https://example.org/>", "<https://example.org/>"),
    "entity": ("&amp; &lt;b&gt; &#106;", "&amp; &lt;b&gt; &#106;"),
    "jinja": ("{{ 7*7 }} {% if true %}x{% endif %}", "{{ 7*7 }} {% if true %}x{% endif %}"),
    "table": ("| a | b |\n|---|---|\n| 1 | 2 |", "| a | b |"),
    "admonition": ("!!! note\n    text", "!!! note"),
    "details": ("??? note\n    text", "??? note"),
    "footnote": ("text[^1]\n\n[^1]: note", "[^1]: note"),
}


@pytest.mark.parametrize("feature", sorted(ALLOWED))
def test_each_feature_makes_its_elements_and_only_when_allowed(feature):
    text, tags = ALLOWED[feature]
    made = {el.name for el in html_of(text, {feature}).find_all(True)}
    assert tags <= made, f"{feature}: {made}"
    without = {el.name for el in html_of(text, ALL - {feature}).find_all(True)}
    assert not tags & without, f"{feature} is not allowed, yet made {tags & without}"


@pytest.mark.parametrize("name", sorted(NOT_ALLOWED))
def test_other_syntax_is_shown_as_typed(name):
    text, shown = NOT_ALLOWED[name]
    soup = html_of(text)
    assert {el.name for el in soup.find_all(True)} <= {"p", "em", "strong", "a", "br"}, f"{name}: {soup}"
    assert all(not attr.startswith("on") for el in soup.find_all(True) for attr in el.attrs)
    assert shown in " ".join(soup.get_text(" ").split()), f"{name}: {soup.get_text()!r}"


def test_every_markdown_field_says_what_it_allows_in_its_help_and_its_toolbar():
    """The allow-list is part of the field: the JSON Schema's help, the field reference and the web
    editor's toolbar all say it, from the model."""
    schema = json.dumps(Site.model_json_schema())
    found = 0
    for model in _models():
        for name in model.model_fields:
            field = model.model_json_schema()["properties"][name]
            if field.get("contentMediaType") != "text/markdown":
                continue
            found += 1
            features = field["markdownFeatures"]
            assert md_fields.describe(features) in field["description"], f"{model.__name__}.{name}"
            widget = cms._widget(field, {}, model, name)
            assert widget["editor_components"] == []
            assert set(widget["buttons"]) == {b for f in features for b in cms.MARKDOWN_BUTTONS[f]}, widget
    assert found >= 4 and "markdownFeatures" in schema


def _models():
    from macros.editors.schema import _models as models

    return list(models().values())


# --- links ------------------------------------------------------------------------------

REFUSED = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "&#106;avascript:alert(1)", "java\tscript:alert(1)",
           "data:text/html,<script>alert(1)</script>", "vbscript:x", "mailto:someone@example.org", "tel:+1555",
           "http://example.org/", "//example.org/x", "\\\\example.org", "https://user@example.org/", "https:example.org",
           "ftp://example.org/", "../pathway.md", "/pathway/", "#section", "faq.html", "https://exa\u200bmple.org/",
           "<javascript:alert(1)>"]


@pytest.mark.parametrize("address", REFUSED)
def test_a_link_to_anything_but_an_https_page_or_a_site_page_is_refused_and_never_made(address):
    text = f"See [the link]({address}) here."
    soup = html_of(text)
    assert soup.find("a") is None, f"{address!r} became a link: {soup}"
    with pytest.raises(ValueError, match=r"the link to .* in \{field\} (uses http://, which is not secure|is not one the site makes) — "):
        check(text, ALL)


def test_site_page_links_are_made_from_the_page_that_shows_them():
    converter = Converter(ALL)
    rendered = converter.convert("[Q](faq.md#who-benefits) and [C](courses/rios-1.md)",
                                 page_link=lambda target: "../" + target.replace(".md", "/"))
    soup = BeautifulSoup(rendered.html, "html.parser")
    assert [a["href"] for a in soup.find_all("a")] == ["../faq/#who-benefits", "../courses/rios-1/"]
    assert rendered.pages == ["faq.md#who-benefits", "courses/rios-1.md"]
    assert check("[Q](faq.md)", ALL).pages == ("faq.md",)


def test_a_link_to_a_page_the_site_does_not_have_is_reported_at_its_line(tmp_path):
    root = copy_project(tmp_path / "project")
    set_field(root / "data" / "faq.yaml", "answer", "See [the pathway](pathway.md) and [nothing](no-such-page.md#x).",
              indent="  ", after="- id: who-benefits")
    result = check_in_process(root)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("data/faq.yaml:")]
    assert len(lines) == 1 and "the link to 'no-such-page.md#x' in 'answer' names no page of the site" in lines[0], result.stderr
    line = int(lines[0].split(":")[1])
    assert "no-such-page.md" in (root / "data" / "faq.yaml").read_text(encoding="utf-8").splitlines()[line - 1]


# --- limits ------------------------------------------------------------------------------

# Inputs at the edge of each limit (accepted) and just over it (refused, with the message's words).
AT_LIMIT = {
    "characters": "word " * (MAX_CHARS // 5),
    "brackets": "[x](https://example.org/) " * MAX_BRACKETS,
    "emphasis run": "***both*** " * 100,
    "list depth": "- a\n    - b\n        - c",
}
OVER_LIMIT = {
    "characters": ("word " * (MAX_CHARS // 5) + "x", "characters, more than a Markdown field may hold"),
    "brackets": ("[x](https://example.org/) " * MAX_BRACKETS + "[", "square brackets '[', more than"),
    "emphasis run": ("****four****", "more than 3 '*' in a row"),
    "underscore run": ("____four____", "more than 3 '_' in a row"),
    "list depth": ("- a\n    - b\n        - c\n            - d", f"nested {MAX_LIST_DEPTH + 1} levels deep"),
    "markers on a line": ("- - - - deep", f"nested {MAX_LIST_DEPTH + 1} levels deep"),
    "alternating emphasis": ("".join(("*" if i % 2 else "**") + "a " for i in range(40)) + "t"
                             + "".join(" a" + ("*" if i % 2 else "**") for i in reversed(range(40))), "nested more than 12 levels"),
    # The inputs of issue 25: a RecursionError in the build, and minutes in the check and the build.
    "nested stars (4 KB)": ("*" * 2000 + "x" + "*" * 2000, "more than 3 '*' in a row"),
    "unclosed images (60 KB)": ("![" * 30000, "characters, more than"),
    "unclosed images (5 KB)": ("![" * 2400, "square brackets '[', more than"),
    "unclosed links in words": ("[a " * 1500, "square brackets '[', more than"),
}


@pytest.mark.parametrize("name", sorted(AT_LIMIT))
def test_a_field_at_a_limit_is_accepted(name):
    with no_hang(name):
        assert check(AT_LIMIT[name], ALL) == AT_LIMIT[name]


@pytest.mark.parametrize("name", sorted(OVER_LIMIT))
def test_a_field_over_a_limit_is_refused_quickly_with_the_fix(name):
    text, words = OVER_LIMIT[name]
    with no_hang(name):
        with pytest.raises(ValueError) as refused:
            check(text, ALL)
    message = str(refused.value)
    assert words in message and " — " in message and "{field}" in message, message
    assert len(message) < 400


# Worst cases found by profiling (bench/NOTES.md, "Markdown fields"): each fills a field to the
# limit with what Python-Markdown is slowest at, within every limit.
WORST = {
    "brackets": "[" * MAX_BRACKETS + "a" * (MAX_CHARS - MAX_BRACKETS),
    "star underscore": "*_" * (MAX_CHARS // 2),
    "star letter": "*x" * (MAX_CHARS // 2),
    "ampersands": "&" * MAX_CHARS,
    "angle brackets": "<" * MAX_CHARS,
    "backslashes": "\\" * MAX_CHARS,
    "list items": "- a\n" * (MAX_CHARS // 4),
    "spread brackets": ("[" + "a" * 49) * MAX_BRACKETS,
}


def test_the_worst_inputs_within_the_limits_render_in_a_fraction_of_a_second():
    """Not a speed target (make bench has those): a hang or a crash would fail here."""
    figures = {}
    for name, text in WORST.items():
        assert precheck(text, ALL) is None, name
        started = time.perf_counter()
        with no_hang(name):
            check(text, ALL)
        figures[name] = time.perf_counter() - started
    print("worst Markdown fields (s):", {k: round(v, 3) for k, v in figures.items()})


# --- abbreviations -------------------------------------------------------------------------

def test_many_abbreviations_are_found_in_time_linear_in_the_text():
    """A page with thousands of `*[X]: …` lines in one block, and a glossary as large: Python-Markdown's
    own reader took 7.5 s for 2,000 such lines (quadratic); this one, a fraction of a second for 8,000."""
    import markdown

    n = 8000
    terms = [f"T{i}X" for i in range(n)]
    text = " ".join(terms) + "\n\n" + "\n".join(f"*[{t}]: term {t}" for t in terms) + "\n"
    converter = markdown.Markdown(extensions=["abbr", GlossaryAbbr(glossary={f"G{i}": f"glossary {i}" for i in range(n)})])
    with no_hang("8,000 abbreviations"):
        html = converter.convert(text)
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.find_all("abbr")) == n and soup.find("abbr")["title"] == "term T0X"
    assert "*[" not in soup.get_text(), "every definition line was read and removed"
    # Lines that start a definition and never close it: each search stops at its line's end
    # (Python-Markdown's ran to the end of the block from each). Links are left out here: their
    # own parser rescans the text for each `[` (a limit of docs/ pages bounds that).
    for name in ("link", "reference", "short_reference", "image_link", "image_reference", "short_image_ref"):
        converter.inlinePatterns.deregister(name)
    with no_hang("unclosed definitions"):
        converter.reset().convert("*[" + "\n*[".join("a" * 20 for _ in range(20000)))


def test_glossary_terms_keep_their_boundaries_and_never_enter_a_placeholder():
    glossary = Glossary({"IMH": "Infant mental health", "IMH-E®": "Endorsement", "RIOS™": "Reflective"})
    html = str(glossary.html("IMH, IMH-E®, RIOS™ and IMH-Ex, xIMH, IMH2"))
    assert html.count("<abbr") == 3 and 'title="Endorsement">IMH-E®<' in html and "xIMH" in html
    assert [p for p, term in glossary.pieces("\x02IMH\x03 IMH") if term] == ["IMH"]


# --- make check and the build agree ------------------------------------------------------


@pytest.fixture(scope="module")
def refused_project(tmp_path_factory):
    """The issue's inputs in two Markdown fields and a link to a missing page in a third."""
    root = copy_project(tmp_path_factory.mktemp("refused") / "project")
    set_field(root / "data" / "courses" / "sed-part-1.yaml", "description", "*" * 2000 + "x" + "*" * 2000)
    set_field(root / "data" / "topics" / "06-attachment.yaml", "about", "![" * 30000)
    set_field(root / "data" / "corrections.yaml", "accurate", "See [this](mailto:x@example.org).", indent="  ",
              after="- id: age-ranges")
    return root


EXPECTED = {("data/courses/sed-part-1.yaml", "more than 3 '*' in a row"),
            ("data/topics/06-attachment.yaml", "has 60000 characters, more than a Markdown field may hold"),
            ("data/corrections.yaml", "the link to 'mailto:x@example.org' in 'accurate' is not one the site makes")}


def _reported(output: str) -> set[tuple[str, str]]:
    found = set()
    for line in output.splitlines():
        for file, words in EXPECTED:
            if line.startswith(file + ":") and words in line:
                found.add((file, words))
    return found


def test_make_check_refuses_them_at_their_lines_in_seconds(refused_project):
    result = check_in_process(refused_project, seconds=HANG)  # 174 s before the limits (issue 25)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert _reported(result.stderr) == EXPECTED, result.stderr


def test_the_build_refuses_the_same_and_writes_nothing(refused_project):
    site = refused_project / "site"
    result = build_site(site, root=refused_project, env=quiet_env())
    assert result.returncode != 0 and "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    assert _reported(result.stderr) == EXPECTED, result.stderr
    assert not site.exists()
