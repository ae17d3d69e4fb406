"""Random damage to the real data ends in a message with file and line, or a correct acceptance.

A fixed seed makes the same mutations every run: deleted, duplicated and swapped lines, wrong
indentation and tabs, stray quotes and brackets, wrong types, huge numbers and far dates,
truncation, byte-order marks, binary junk, control characters and odd line breaks, deep
nesting, huge values, and files that are not files (a FIFO, links out of the project or to
nothing, editors' lock files). Each is checked in-process as `make check` runs it (load,
validate, review dates), under a time limit, and what an editor would read is checked too:
every error names a file in data/ and a line, no line can forge another (control characters
are shown as codes), and no message grows with the input.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from collections import Counter
from pathlib import Path

import pytest

from project import ROOT

from macros.data.files import MAX_BYTES
from macros.data.read import load_data
from macros.data.validate import review_warnings, validate

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
    root = tmp_path_factory.mktemp("mutations")
    shutil.copytree(ROOT / "data", root / "data")
    originals = {p: p.read_bytes() for p in sorted((root / "data").rglob("*.yaml"))}
    paths = list(originals)
    rng = random.Random(SEED)
    results = []
    previous = signal.signal(signal.SIGALRM, _alarm)
    started = time.perf_counter()
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
    print(f"\nmutation test: {MUTATIONS} mutations (seed {SEED}) in {elapsed:.1f} s: {counts['message']} refused with a "
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
