"""Plain language: the Flesch–Kincaid grade of every reader page of the built site.

Targets (issue 12): at most grade 10 on every reader page and at most 8.5 for the median page.
The editing guide and the API page are written for staff and partner sites, so they are left out.
The grade is the standard Flesch–Kincaid formula; syllables are counted with pyphen's en_US
hyphenation dictionary (shipped in its wheel, so this works offline), as textstat 0.7.3 does.
Run `python tests/test_reading.py site` after `make build` to print the table by hand.
"""

from __future__ import annotations

import re
import statistics
import sys
from functools import lru_cache
from pathlib import Path

import pyphen
import pytest
from bs4 import BeautifulSoup

MAX_PAGE, MAX_MEDIAN = 10.0, 8.5
NOT_FOR_READERS = ("editing/", "api/")
# Each of these ends a unit of meaning: a list item or a heading is read as a sentence of its own.
BLOCKS = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "summary", "caption", "figcaption"]
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


def syllables(word: str) -> int:
    """Syllables of one word: its hyphenation points plus one (at least one)."""
    return len(_dictionary().positions(word.lower())) + 1


def words(text: str) -> list[str]:
    return WORD.findall(text)


def sentences(text: str) -> list[str]:
    """Sentences as textstat counts them: split after . ! ?, and runs of two words or fewer
    (list markers, "e.g.", initials) are not sentences."""
    return [s for s in re.findall(r"\b[^.!?]+[.!?]*", text) if len(words(s)) > 2]


def grade(text: str) -> float:
    """The Flesch–Kincaid grade level of a text, to one decimal."""
    w = words(text)
    if not w:
        return 0.0
    n_sentences = max(1, len(sentences(text)))
    n_syllables = sum(syllables(x) for x in w)
    return round(0.39 * len(w) / n_sentences + 11.8 * n_syllables / len(w) - 15.59, 1)


def article_text(html: str) -> str:
    """A page's main text as a reader reads it: each block a sentence of its own; scripts,
    code, forms and the theme's furniture left out."""
    article = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
    if article is None:
        return ""
    for junk in article.select("script, style, pre, code, button, form, select, .headerlink, .md-content__button, .md-source-file"):
        junk.decompose()
    parts = []
    for block in article.find_all(BLOCKS):
        if block.find(BLOCKS):  # a list item holding a list: its own text only
            own = "".join(t for t in block.find_all(string=True, recursive=False)).strip()
            for child in block.find_all(["strong", "a", "em", "span", "abbr"], recursive=False):
                own += " " + child.get_text(" ")
            text = own
        else:
            text = block.get_text(" ")
        text = re.sub(r"\s+", " ", text.replace("¶", "")).strip()
        if words(text):
            parts.append(text if text[-1] in ".!?:" else text + ".")
    return " ".join(parts).replace(":.", ".")


def reader_pages(site_dir: Path) -> dict[str, Path]:
    pages = {}
    for f in sorted(site_dir.rglob("index.html")):
        url = f.parent.relative_to(site_dir).as_posix()
        url = "" if url == "." else url + "/"
        if not url.startswith(NOT_FOR_READERS):
            pages[url] = f
    return pages


def grades(site_dir: Path) -> dict[str, float]:
    return {url: grade(article_text(f.read_text(encoding="utf-8"))) for url, f in reader_pages(site_dir).items()}


def table(found: dict[str, float]) -> str:
    rows = [f"  {g:5.1f}  /{url}" + ("   over the limit" if g > MAX_PAGE else "") for url, g in found.items()]
    return "\n".join(["Flesch–Kincaid grade per reader page:", *rows,
                      f"  median {statistics.median(found.values()):.1f} (at most {MAX_MEDIAN}), "
                      f"highest {max(found.values()):.1f} (at most {MAX_PAGE})"])


# --- the measure itself -----------------------------------------------------------------

@pytest.mark.parametrize("word,count", [("cat", 1), ("baby", 2), ("family", 3), ("development", 4),
                                        ("relationship", 4), ("a", 1)])
def test_syllables_of_common_words(word, count):
    assert syllables(word) == count


def test_grade_follows_the_formula():
    # 2 sentences, 12 words, 14 syllables ("little" 2, "happy" 2): 0.39*6 + 11.8*14/12 - 15.59
    text = "The cat sat on the mat. The little dog was very happy."
    assert len(sentences(text)) == 2 and len(words(text)) == 12
    assert grade(text) == round(0.39 * 6 + 11.8 * sum(map(syllables, words(text))) / 12 - 15.59, 1)


def test_long_words_and_sentences_score_higher():
    plain = "Babies learn from the people who care for them. Talk and play with them every day."
    dense = ("Infant mental health practitioners facilitate developmentally appropriate, relationship-based "
             "interventions addressing intergenerational psychosocial vulnerabilities within families.")
    assert grade(plain) < 6 < 14 < grade(dense)


def test_list_items_and_headings_count_as_sentences():
    html = ("<article class='md-content__inner'><h1>Courses</h1><ul><li>Online courses</li>"
            "<li>Workshops and seminars</li></ul><p>Pick the one that fits you best.</p>"
            "<pre>code is not read</pre></article>")
    assert article_text(html) == "Courses. Online courses. Workshops and seminars. Pick the one that fits you best."


# --- the built site ---------------------------------------------------------------------

def test_reader_pages_are_plain_language(site, record_property):
    found = grades(site.path)
    assert len(found) > 20, "the reader pages were not found"
    record_property("summary", table(found))  # printed at the end of the run (tests/conftest.py)
    over = {u: g for u, g in found.items() if g > MAX_PAGE}
    assert not over, f"pages above grade {MAX_PAGE}: {over}\n{table(found)}"
    assert statistics.median(found.values()) <= MAX_MEDIAN, table(found)


if __name__ == "__main__":
    print(table(grades(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))))
