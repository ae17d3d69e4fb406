"""Random damage to the data ends in a message with file and line, or a correct acceptance.

A fixed seed makes the same mutations every run: deleted, duplicated and swapped lines, wrong
indentation and tabs, stray quotes and brackets, wrong types, huge numbers and far dates,
truncation, byte-order marks, binary junk, control characters and odd line breaks, deep
nesting, huge values, and files that are not files (a FIFO, links out of the project or to
nothing, editors' lock files). Each is checked in-process as `make check` runs it (load,
validate, review dates), under a time limit, and what an editor would read is checked too:
every error names a file in data/ and a line, no line can forge another (control characters
are shown as codes), and no message grows with the input. The damage is done to a copy of the
frozen data in tests/fixture/, so the same seed makes the same mutations whatever staff change
in data/.

Markdown fields get mutations of their own: values made of Markdown's syntax, links to every kind
of address, HTML, attribute lists and long runs of one mark (at, under and over the limits of
macros/data/markdown.py). Each must be accepted or refused at its line in time, and an accepted
one must render as the pages render it (the same converter, the glossary, links from a page)
into HTML holding only the allowed elements and links.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import time
from collections import Counter
from pathlib import Path

import pytest
from pydantic import BaseModel

from project import fixture_data

from macros.data.files import MAX_BYTES
from macros.data.markdown import MAX_CHARS, MarkdownText
from macros.data.read import load_data
from macros.data.validate import review_warnings, validate
from macros.pages.render import Renderer

SEED = 20261130
MUTATIONS = 300
SECONDS_EACH = 10  # a hang, not a slow run: each mutation takes a tenth of a second

VALUES = ["true", "yes", "no", "null", "~", "1e9", "-1", "0", "100000000", "2026-13-45", "9999-12-31", "0001-01-01",
          "[", "{", "]", '"', "'", "&x", "*x", "!!python/object:os.system", "- a", "a: b: c", "[[[[[[[[", "|", ">-",
          "%TAG", "---", "@", "`", "#", '"\\e[2J\\rdata/ is valid"', "'\u2028'", "3.5", "0x1F", ".inf", "x" * 500]
JUNK = ["\t", "\x1b[31m", "\r", "\u2028", "\x85", "\ufeff", "\x00", "\x7f", "\u202e", ": ", " #", "\\", "\"", "'", "[", "{"]


def _mutate(rng: random.Random, text: str) -> str | bytes:
    """One random edit of a YAML file's text, as an editor's slip or a hostile hand makes it."""
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    kind = rng.randrange(16)
    if kind == 0:
        del lines[i]
    elif kind == 1:
        lines.insert(i, lines[i])
    elif kind == 2 and i + 1 < len(lines):
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    elif kind == 3:
        lines[i] = rng.choice([" ", "  ", "\t", "    "]) + lines[i]
    elif kind == 4:
        lines[i] = lines[i][rng.randint(1, 3):]
    elif kind in (5, 6):
        at = rng.randint(0, len(lines[i]))
        lines[i] = lines[i][:at] + rng.choice(JUNK) + lines[i][at:]
    elif kind in (7, 8, 9) and ": " in lines[i]:
        lines[i] = lines[i].split(": ", 1)[0] + ": " + rng.choice(VALUES)
    elif kind == 10:
        return text[: rng.randrange(len(text))]
    elif kind == 11:
        data = text.encode("utf-8")
        at = rng.randrange(len(data))
        return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 8))) + data[at:]
    elif kind == 12:
        return "\ufeff" + text if rng.random() < 0.5 else text.replace("\n", "\ufeff\n", 1)
    elif kind == 13 and ": " in lines[i]:
        lines[i] = lines[i].split(": ", 1)[0] + ": " + rng.choice(["[" * 60_000, "- " * 30_000 + "x", "{a: " * 20_000,
                                                                  "x" * 300_000, "\\x1b" * 1000])
    elif kind == 14:
        lines[i] = lines[i].replace("-", "—").replace(":", "：")
    else:
        lines.insert(i, rng.choice(["themes:", "  - attachment", "- id: attachment", "order: 1", "id: rios-1", "bogus: 1",
                                    "modules:", "    - number: 1", "summary: >-", "reviewed: 2026-02-30"]))
    return "\n".join(lines)


def _file_mutation(rng: random.Random, data: Path, chosen: Path) -> str:
    """Damage to the files themselves: not a regular file, a link leaving the project, a leftover."""
    kind = rng.randrange(7)
    if kind == 0:
        chosen.unlink()
        os.mkfifo(chosen)
        return "fifo"
    if kind == 1:
        chosen.unlink()
        chosen.symlink_to("/etc/passwd")
        return "link out"
    if kind == 2:
        (chosen.parent / f".#{chosen.name}").symlink_to("user@host.1234:1700000000")
        return "lock file"
    if kind == 3:
        chosen.unlink()
        chosen.symlink_to(chosen.parent / "no-such-file.yaml")
        return "dangling link"
    if kind == 4:
        with open(chosen, "ab") as stream:
            stream.write(b"# padding\n" * (MAX_BYTES // 10 + 10))
        return "too large"
    if kind == 5:
        chosen.unlink()
        return "deleted"
    shutil.copy(chosen, chosen.parent / f"copy-{chosen.name}")
    return "copied"


class _HangError(Exception):
    pass


def _alarm(signum, frame):
    raise _HangError()


def _check(root: Path) -> list:
    loaded = load_data(root)
    site, problems = validate(loaded)
    if site is not None:
        problems += review_warnings(site, loaded)
    return problems, site


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    """Every mutation's outcome: 'accepted', 'message', or what went wrong, with timings."""
    root = fixture_data(tmp_path_factory.mktemp("mutations"))
    originals = {p: p.read_bytes() for p in sorted((root / "data").rglob("*.yaml"))}
    paths = list(originals)
    rng = random.Random(SEED)
    results = []
    previous = signal.signal(signal.SIGALRM, _alarm)
    started, cpu = time.perf_counter(), time.process_time()
    try:
        for n in range(MUTATIONS):
            chosen = rng.choice(paths)
            rel = chosen.relative_to(root).as_posix()
            if rng.random() < 0.08:
                what = _file_mutation(rng, root / "data", chosen)
            else:
                new = _mutate(rng, originals[chosen].decode("utf-8"))
                chosen.write_bytes(new if isinstance(new, bytes) else new.encode("utf-8", errors="surrogatepass"))
                what = "text"
            signal.alarm(SECONDS_EACH)
            began = time.perf_counter()
            try:
                problems, site = _check(root)
                outcome = "accepted" if site is not None else "message"
            except _HangError:
                outcome, problems = "hang", []
            except Exception as error:  # noqa: BLE001 (counted, and the test says which)
                outcome, problems = f"traceback: {type(error).__name__}: {error}"[:300], []
            finally:
                signal.alarm(0)
            results.append({"n": n, "file": rel, "what": what, "outcome": outcome, "problems": problems,
                            "seconds": time.perf_counter() - began})
            _restore(root, originals, chosen)
    finally:
        signal.signal(signal.SIGALRM, previous)
    elapsed = time.perf_counter() - started
    counts = Counter(r["outcome"] if r["outcome"] in ("accepted", "message", "hang") else "traceback" for r in results)
    print(f"\nmutation test: {MUTATIONS} mutations (seed {SEED}) in {elapsed:.1f} s ({time.process_time() - cpu:.1f} s CPU): "
          f"{counts['message']} refused with a "
          f"message, {counts['accepted']} accepted, {counts['traceback']} tracebacks, {counts['hang']} hangs, 0 crashes")
    if os.environ.get("IMH_SLOWEST"):
        for r in sorted(results, key=lambda r: -r["seconds"])[:8]:
            print(f"  #{r['n']} {r['file']} ({r['what']}): {r['seconds']:.2f} s")
    return results


def _restore(root: Path, originals: dict[Path, bytes], chosen: Path) -> None:
    """Put data/ back as it was: the changed file rewritten, anything added beside it removed."""
    for path in chosen.parent.iterdir():
        if path not in originals and (path.is_symlink() or not path.is_dir()):
            path.unlink()
    if chosen.is_symlink() or (chosen.exists() and not chosen.is_file()):
        chosen.unlink()
    chosen.write_bytes(originals[chosen])


def test_at_least_300_mutations_no_traceback_and_no_hang(outcomes):
    assert len(outcomes) >= 300
    bad = [r for r in outcomes if r["outcome"] not in ("accepted", "message")]
    assert not bad, "\n".join(f"#{r['n']} {r['file']} ({r['what']}): {r['outcome']}" for r in bad[:10])
    refused = sum(r["outcome"] == "message" for r in outcomes)
    assert refused > len(outcomes) // 2, "most random damage is refused"


def test_every_refusal_names_a_data_file_and_a_line(outcomes):
    for r in outcomes:
        errors = [p for p in r["problems"] if p.level == "error"]
        if r["outcome"] == "message":
            assert errors, f"#{r['n']}: refused without an error"
        for p in errors:
            assert p.file.startswith("data/") and p.line >= 1 and p.column >= 1, f"#{r['n']} {r['file']}: {p}"


def test_a_refusal_points_at_the_damaged_file(outcomes):
    """The file that was changed is named (or, for a copy or deletion, the records it clashes with)."""
    for r in outcomes:
        if r["outcome"] != "message" or r["what"] in ("copied", "deleted", "dangling link", "lock file"):
            continue
        files = {p.file for p in r["problems"] if p.level == "error"}
        assert any(f == r["file"] or f.startswith("data/") for f in files), f"#{r['n']}: {files}"
        if r["what"] == "text":
            named = r["file"] in files or any(f != r["file"] for f in files)
            assert named, f"#{r['n']} {r['file']}: {files}"


def test_messages_cannot_forge_lines_nor_grow_with_the_input(outcomes):
    for r in outcomes:
        shown = [str(p) for p in r["problems"]]
        for line in shown:
            assert len(line) < 1500, f"#{r['n']}: a message of {len(line)} characters"
            assert not any(ch in line for ch in "\x1b\r\n\x85\u2028\u2029\x00\u202e"), f"#{r['n']}: {line!r}"
        assert sum(map(len, shown)) < 200_000, f"#{r['n']}: {sum(map(len, shown))} characters of messages"


def test_accepted_mutations_are_really_valid(outcomes):
    """An accepted edit left a file that still reads as a whole record (comments, spacing, order)."""
    accepted = [r for r in outcomes if r["outcome"] == "accepted"]
    assert accepted, "some random edits are harmless (a blank line, a comment, a swapped pair of fields)"
    for r in accepted:
        assert not [p for p in r["problems"] if p.level == "error"], f"#{r['n']}"


# --- Markdown fields ----------------------------------------------------------------------

MARKDOWN_MUTATIONS = 80
CPU_SECONDS_EACH = 5  # of this process's CPU time, so a busy machine does not look like a hang (each takes ~0.15 s)
# A Markdown field's line (macros/data/model.py: `Markdown` and `LinkedText` fields), as data/ writes them.
_MARKDOWN_LINE = re.compile(r"^(\s*(?:- )?)(description|about|answer|accurate):")
ADDRESSES = ["https://example.org/a?b=1&c=2", "http://example.org/", "javascript:alert(1)", "JaVaScRiPt:alert(1)",
             "&#106;avascript:alert(1)", "java\tscript:x", "mailto:a@example.org", "data:text/html,x", "//example.org/x",
             "faq.md", "faq.md#who-benefits", "courses/rios-1.md", "no-such-page.md", "../x.md", "/faq/", "#top",
             "<javascript:alert(1)>", "https://exa\u200bmple.org/", "https://example.org/ 'a title'", "https://user@example.org/"]
PIECES = ["words ", " ", "\n", "\n\n", "*", "**", "***", "_", "__", "[", "]", "(", ")", "![", "](", "\\", "`", "# ",
          "> ", "- ", "1. ", "    ", "<b onclick=alert(1)>", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
          "{: onclick=alert(1) }", "{{ 7*7 }}", "{% if x %}", "&amp;", "&lt;", "&#x3C;", "<!--", "|", "---", "===",
          "[^1]", "*[IMH]: x", ":", "IMH", "RIOS™", "IMH-E®"]


def _markdown_value(rng: random.Random) -> str:
    """Markdown an editor or a stranger might write, up to and past the limits."""
    parts = []
    for _ in range(rng.randint(1, 40)):
        roll = rng.random()
        if roll < 0.2:
            parts.append(f"[{rng.choice(PIECES)}]({rng.choice(ADDRESSES)})")
        elif roll < 0.26:
            parts.append(rng.choice(PIECES) * rng.randint(20, 3000))  # a long run of one mark
        else:
            parts.append(rng.choice(PIECES))
    return "".join(parts)[: rng.choice([200, 1000, MAX_CHARS, MAX_CHARS + 1, 3 * MAX_CHARS])].strip() or "words"


def _markdown_mutation(rng: random.Random, text: str) -> str | None:
    """One Markdown field of the file given a new value (its old lines replaced), or None."""
    lines = text.split("\n")
    found = [i for i, line in enumerate(lines) if _MARKDOWN_LINE.match(line)]
    if not found:
        return None
    i = rng.choice(found)
    prefix, key = _MARKDOWN_LINE.match(lines[i]).groups()
    end = i + 1
    while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) > len(prefix):
        end += 1  # the old value's continuation lines
    lines[i:end] = [f"{prefix}{key}: {json.dumps(_markdown_value(rng))}"]
    return "\n".join(lines)


_ALLOWED_HTML = {"div": {"class"}, "p": set(), "br": set(), "em": set(), "strong": set(), "a": {"href", "title"},
                 "ul": set(), "ol": {"start"}, "li": set(), "abbr": {"title"}, "span": set()}


def _render_every_field(site) -> list[str]:
    """Every Markdown field rendered as the pages render it; what is wrong with the HTML, if anything."""
    from bs4 import BeautifulSoup

    renderer = Renderer({t.term: t.expansion for t in site.glossary}, defer=lambda html, searchable: html,
                        page_url=lambda target: "../" + target.replace(".md", "/"))
    wrong = []
    stack = [site]
    while stack:  # every value of the validated site
        value = stack.pop()
        if isinstance(value, MarkdownText):
            soup = BeautifulSoup(str(renderer.rich_html(value)), "html.parser")
            for el in soup.find_all(True):
                if el.name not in _ALLOWED_HTML or set(el.attrs) - _ALLOWED_HTML[el.name]:
                    wrong.append(f"<{el.name} {el.attrs}>")
                href = el.get("href", "")
                if el.name == "a" and not (href.startswith("https://") or re.fullmatch(r"(\.\./)*[a-z0-9/_-]+/(#[a-z0-9_-]+)?", href)):
                    wrong.append(f"a link to {href!r}")
        elif isinstance(value, BaseModel):
            stack.extend(getattr(value, name) for name in type(value).model_fields)
        elif isinstance(value, (list, tuple)):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
    return wrong


@pytest.fixture(scope="module")
def markdown_outcomes(tmp_path_factory):
    """Each Markdown mutation's outcome ('accepted' and rendered, 'message', or what went wrong)."""
    root = tmp_path_factory.mktemp("markdown")
    fixture_data(root)  # the fixture's data, and its pages: links to pages are checked
    originals = {p: p.read_bytes() for p in sorted((root / "data").rglob("*.yaml"))}
    holders = [p for p, text in originals.items() if _markdown_mutation(random.Random(0), text.decode("utf-8"))]
    rng = random.Random(SEED + 1)
    results = []
    previous = signal.signal(signal.SIGPROF, _alarm)
    started, cpu = time.perf_counter(), time.process_time()
    try:
        for n in range(MARKDOWN_MUTATIONS):
            chosen = rng.choice(holders)
            chosen.write_text(_markdown_mutation(rng, originals[chosen].decode("utf-8")), encoding="utf-8")
            signal.setitimer(signal.ITIMER_PROF, CPU_SECONDS_EACH)
            began = time.process_time()
            wrong: list[str] = []
            try:
                problems, site = _check(root)
                outcome = "accepted" if site is not None else "message"
                if site is not None:
                    wrong = _render_every_field(site)
            except _HangError:
                outcome, problems = "hang", []
            except Exception as error:  # noqa: BLE001 (counted, and the test says which)
                outcome, problems = f"traceback: {type(error).__name__}: {error}"[:300], []
            finally:
                signal.setitimer(signal.ITIMER_PROF, 0)
            results.append({"n": n, "file": chosen.relative_to(root).as_posix(), "outcome": outcome, "problems": problems,
                            "wrong": wrong, "seconds": time.process_time() - began})
            chosen.write_bytes(originals[chosen])
    finally:
        signal.signal(signal.SIGPROF, previous)
    counts = Counter(r["outcome"] if r["outcome"] in ("accepted", "message", "hang") else "traceback" for r in results)
    print(f"\nMarkdown mutations: {MARKDOWN_MUTATIONS} in {time.perf_counter() - started:.1f} s "
          f"({time.process_time() - cpu:.1f} s CPU; slowest "
          f"{max(r['seconds'] for r in results):.2f} s CPU): {counts['message']} refused with a message, {counts['accepted']} "
          f"accepted and rendered, {counts['traceback']} tracebacks, {counts['hang']} hangs")
    return results


def test_markdown_mutations_are_accepted_or_refused_in_time_never_a_traceback(markdown_outcomes):
    bad = [r for r in markdown_outcomes if r["outcome"] not in ("accepted", "message")]
    assert not bad, "\n".join(f"#{r['n']} {r['file']}: {r['outcome']}" for r in bad[:10])
    outcomes = Counter(r["outcome"] for r in markdown_outcomes)
    assert outcomes["accepted"] >= 10 and outcomes["message"] >= 10, outcomes


def test_a_refused_markdown_field_is_named_at_its_line_in_its_file(markdown_outcomes):
    for r in markdown_outcomes:
        if r["outcome"] != "message":
            continue
        errors = [p for p in r["problems"] if p.level == "error"]
        assert errors and all(p.file == r["file"] and p.line > 1 for p in errors), f"#{r['n']} {r['file']}: {errors[:3]}"
        assert all(" — " in str(p) and "{field}" not in str(p) for p in errors), f"#{r['n']}: {errors[:3]}"


def test_an_accepted_markdown_field_renders_to_only_the_allowed_html(markdown_outcomes):
    wrong = [(r["n"], r["file"], r["wrong"][:3]) for r in markdown_outcomes if r["wrong"]]
    assert not wrong, wrong[:5]
