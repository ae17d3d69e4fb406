"""Each hostile or broken input found so far ends in a clear message at its file and line.

One test per case of issue 13: nesting that crashed the YAML composer, numbers and dates
that crashed or flooded the checks, files that are not files, YAML booleans taken for
numbers, a list folded into the text above it, values that could forge a line of output,
line breaks only YAML sees, and messages that grew with the input. Checked in-process (as
`make check` and the build run them), except what could take the test run down with it.
Every case edits a copy of the frozen data in tests/fixture/, so a content change in data/
never moves what a case replaces.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from project import FIXTURE, ROOT, fixture_data

from macros.editors import check
from macros.data.files import signature
from macros.data.read import load_data
from macros.data.load import DataError, get_site
from macros.data.validate import validate

COURSE = "data/courses/rios-1.yaml"


@pytest.fixture
def root(tmp_path) -> Path:
    return fixture_data(tmp_path)


def edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{file}: expected {old!r} once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(root: Path, file: str, text: str) -> int:
    content = (root / file).read_text(encoding="utf-8")
    return content[: content.index(text)].count("\n") + 1


def run_check(root: Path, seconds: int = 180) -> tuple[int, str, str]:
    """`make check` in-process: exit status, standard output, standard error (a hang raises)."""
    def hang(signum, frame):
        raise TimeoutError("make check did not finish")

    out, err = io.StringIO(), io.StringIO()
    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = check.run([str(root)])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert "Traceback" not in err.getvalue() and "make check stopped" not in err.getvalue(), err.getvalue()
    return status, out.getvalue(), err.getvalue()


def errors(text: str) -> list[tuple[str, int, str]]:
    return [(f, int(line), rest) for f, line, rest in
            re.findall(r"^(data/[^:\n]*):(\d+):\d+: (?!(?:warning|note): )(.+)$", text, re.M)]


def test_deep_nesting_is_a_message_not_a_crash(tmp_path):
    """50,000 levels of `[` crashed libyaml's composer (a segmentation fault): run apart, in case."""
    root = fixture_data(tmp_path)
    edit(root, COURSE, "themes:\n", "modules: " + "[" * 50_000 + "\nthemes:\n")
    result = subprocess.run([sys.executable, "-m", "macros.editors.check", str(root)], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1, result.stderr[-2000:]
    assert (COURSE, line_of(root, COURSE, "modules:"), "the data here is nested more than 50 levels deep"
            ) in [(f, n, rest.split(" — ")[0]) for f, n, rest in errors(result.stderr)]


@pytest.mark.parametrize("value", ["\n  " + "- " * 40_000 + "x", "{a: " * 30_000])
def test_deep_block_and_group_nesting_is_a_message(root, value):
    edit(root, COURSE, "themes:\n", "modules: " + value + "\nthemes:\n")
    status, _, err = run_check(root)
    assert status == 1 and any("nested more than 50 levels" in rest for *_, rest in errors(err)), err[:2000]


@pytest.mark.parametrize("old,new,says", [
    ("length_weeks: 3", "length_weeks: 100000000", "'length_weeks' is '100000000', outside the allowed range — it must be a whole number from 1 to 520"),
    ("length_weeks: 3", "length_weeks: true", "'length_weeks' should be a whole number, but is 'true'"),
    ("reviewed: 2026-12-07", "reviewed: 9999-12-31", "'reviewed': 9999-12-31 is not a sensible date here"),
    ("reviewed: 2026-12-07", "reviewed: 1066-10-14", "'reviewed': 1066-10-14 is not a sensible date here"),
    ("stand_alone: true", "stand_alone: 1", "'stand_alone' should be true or false, but is '1'"),
])
def test_numbers_dates_and_booleans_in_sensible_ranges_and_types(root, old, new, says):
    edit(root, COURSE, old, new)
    status, _, err = run_check(root)
    assert status == 1
    assert [(f, n) for f, n, rest in errors(err) if says in rest] == [(COURSE, line_of(root, COURSE, new))], err


def test_yes_is_not_a_number_of_hours(root):
    path = root / "data" / "endorsement.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("training_hours: 30\n", "training_hours: yes\n", 1), encoding="utf-8")
    status, _, err = run_check(root)
    assert status == 1 and any("'training_hours' should be a whole number, but is 'yes'" in rest for *_, rest in errors(err)), err


def test_a_quoted_date_is_still_a_date(root):
    """Strict types stop YAML's true/yes passing as numbers, not a date an editor put in quotes."""
    edit(root, COURSE, "reviewed: 2026-12-07", 'reviewed: "2026-12-07"')
    status, out, err = run_check(root)
    assert status == 0, err


def test_a_typed_number_is_one_short_line(root):
    """Requirements are numbered by their place: a typed number, however far off, is one line asking to delete it."""
    edit(root, "data/credential.yaml", "  - id: review\n", "  - id: review\n    number: 99\n")
    status, _, err = run_check(root)
    assert status == 1
    assert errors(err) == [("data/credential.yaml", line_of(root, "data/credential.yaml", "    number: 99"),
                            "unknown field 'number' — delete this line: the site numbers requirements by their place in the list "
                            "(the first is requirement 1), so to move one, move its lines")], err


def test_many_copies_of_one_id_give_short_lines_and_a_count(root):
    """The duplicate-id report named every other copy on every line: quadratic in the copies.
    Now each copy names the first, and past 50 problems a file gets one line with the count."""
    themes = root / "data" / "themes.yaml"
    text = themes.read_text(encoding="utf-8")
    copies = 1000
    themes.write_text(text + "".join(f"- id: attachment\n  name: Copy {n}\n  summary: A copy.\n" for n in range(copies)),
                      encoding="utf-8")
    status, _, err = run_check(root)
    found = [rest for f, _, rest in errors(err) if f == "data/themes.yaml"]
    assert status == 1 and len(found) == 51, len(found)
    assert all("the id 'attachment' is also used at line" in rest and len(rest) < 120 for rest in found[:50])
    assert found[50].startswith(f"{copies - 50} more problems in this file, from this line on")


def test_a_file_with_too_many_values_is_refused_before_it_is_read(root):
    (root / "data" / "glossary.yaml").write_text("- x\n" * 200_000, encoding="utf-8")
    status, _, err = run_check(root)
    assert status == 1 and errors(err) == [("data/glossary.yaml", 10_000, "the file holds more than 10,000 values; no data "
                                            "file needs that many — look for text pasted many times over, or a list repeated "
                                            "by mistake, and remove it")]


@pytest.mark.parametrize("shape", ["- x\n", "x:\n", "? x\n", "[x, ]", "{x, }", "{x: y, }", "- [x, y]\n"])
def test_the_quick_bound_on_values_never_lets_a_file_over_the_limit_through(shape):
    """A file is walked value by value only when a quick count cannot rule out too many: each
    shape of value, written as short as YAML allows, still counts past the limit. (Counting two
    characters a value did not: 6,000 lines of `x:` are 12,000 values in 18,000 characters.)"""
    import yaml

    from macros.data.read import MAX_VALUES, too_deep

    def written(times: int) -> str:
        return shape[0] + shape[1:-1] * times + shape[-1] + "\n" if shape.startswith(("[", "{")) else shape * times

    def values(text: str) -> int:
        return sum(isinstance(e, yaml.ScalarEvent) for e in yaml.parse(text, Loader=yaml.CSafeLoader))

    text = written(MAX_VALUES // (values(written(10)) // 10) + 1)  # the fewest repeats past the limit
    assert values(text) > MAX_VALUES, (shape, values(text))
    found = too_deep(text, yaml.CSafeLoader)
    assert found is not None and found[0] == "many", (shape, len(text), found)


def test_a_data_file_over_1_mb_is_refused_unread(root):
    path = root / "data" / "glossary.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# " + "x" * 2_400_000 + "\n", encoding="utf-8")
    status, _, err = run_check(root)
    assert status == 1 and errors(err) == [("data/glossary.yaml", 1, "the file is 2.4 MB; a data file may hold at most 1 MB — "
                                            "split it, or remove what does not belong (pasted text, an image, a copied document)")]


def test_a_1_mb_value_is_shortened_in_the_message(root):
    edit(root, COURSE, "format: online", "format: " + "y" * 900_000)
    status, _, err = run_check(root)
    assert status == 1 and len(err) < 2000, len(err)
    assert any("'format' cannot be 'yyyy" in rest and "…" in rest for *_, rest in errors(err))


def test_a_fifo_named_like_a_data_file_is_refused_without_waiting(root):
    path = root / "data" / "courses" / "rios-1.yaml"
    path.unlink()
    os.mkfifo(path)
    status, _, err = run_check(root, seconds=120)
    assert status == 1 and (COURSE, 1, "this is not a normal file (a device, pipe or socket), so it is not read — "
                            "delete it and put a normal text file here") in errors(err)


@pytest.mark.parametrize("target", ["/dev/zero", "/etc/passwd"])
def test_a_link_out_of_the_project_is_refused_and_never_echoed(root, target):
    path = root / "data" / "glossary.yaml"
    path.unlink()
    path.symlink_to(target)
    status, out, err = run_check(root, seconds=120)
    assert status == 1 and ("data/glossary.yaml", 1, "this is a link to a file outside the project, which the site never "
                            "reads — replace the link with a real file holding the data") in errors(err)
    assert "root:" not in out + err and target not in out + err


def test_a_link_inside_the_project_is_read(root):
    real = root / "data" / "courses" / "rios-1.yaml"
    (root / "kept").mkdir()
    real.rename(root / "kept" / "rios-1.yaml")
    real.symlink_to(root / "kept" / "rios-1.yaml")
    status, out, err = run_check(root)
    assert status == 0, err


@pytest.mark.parametrize("name,target", [(".#rios-1.yaml", "u@h.1:1"), ("gone.yaml", "no-such-file.yaml"),
                                         ("rios-1.yaml~", None), (".rios-1.yaml.swp", None)])
def test_lock_backup_files_and_links_to_nothing_are_skipped_with_a_note(root, name, target):
    path = root / "data" / "courses" / name
    if target:
        path.symlink_to(target)
    else:
        shutil.copy(root / COURSE, path)
    status, out, err = run_check(root)
    assert status == 0, err
    assert re.search(rf"^data/courses/{re.escape(name)}:1:1: note: skipped: ", err, re.M), err
    # The build's own load path (macros/data/load.py) agrees, and never stats the link's target.
    assert any(entry[0] == f"data/courses/{name}" for entry in signature(root))
    site = get_site(root)
    assert "rios-1" in [course.id for course in site.courses]


def test_a_bad_link_in_data_stops_the_build_with_the_message(root, capsys):
    path = root / "data" / "glossary.yaml"
    path.unlink()
    path.symlink_to("/etc/passwd")
    with pytest.raises(DataError):
        get_site(root)
    assert "data/glossary.yaml:1:1: this is a link to a file outside the project" in capsys.readouterr().err


def test_a_deleted_themes_line_is_not_folded_into_the_text(root):
    edit(root, "data/topics/06-attachment.yaml", "themes:\n  - attachment", "  - attachment")
    status, _, err = run_check(root)
    file = "data/topics/06-attachment.yaml"
    assert status == 1 and [rest for f, _, rest in errors(err) if f == file] == [
        "the text of 'about' ends with '- attachment - regulation', which looks like the list 'themes' with its "
        "'themes:' line missing — put a line 'themes:' above the '- …' lines, at the indent of 'about:'"], err


def test_a_theme_listed_twice_is_refused(root):
    edit(root, "data/topics/06-attachment.yaml", "  - attachment\n", "  - attachment\n  - attachment\n")
    status, _, err = run_check(root)
    file = "data/topics/06-attachment.yaml"
    second = line_of(root, file, "  - attachment\n  - regulation")
    assert (file, second, f"'attachment' is listed twice in 'themes' (first at line {second - 1}) — delete one of the two"
            ) in errors(err)


def test_a_source_listed_twice_is_refused(root):
    path = root / "data" / "corrections.yaml"
    text = path.read_text(encoding="utf-8")
    first = re.search(r"\n  sources:\n    - (\S+)\n", text)
    path.write_text(text[: first.end()] + f"    - {first.group(1)}\n" + text[first.end():], encoding="utf-8")
    status, _, err = run_check(root)
    assert status == 1 and any(f"'{first.group(1)}' is listed twice in 'sources'" in rest for *_, rest in errors(err)), err


@pytest.mark.parametrize("typed", ['"online\\e[2J\\rdata/ is valid: 5 courses"', '"online\\u2028\\u0085\\u202e"'])
def test_control_characters_in_a_value_are_shown_as_codes(root, typed):
    edit(root, COURSE, "format: online", "format: " + typed)
    status, out, err = run_check(root)
    assert status == 1 and not re.search(r"[\x1b\r\x85\u2028\u202e]", out + err)
    assert not re.search(r"^data/ is valid", out + err, re.M)
    shown = next(rest for f, _, rest in errors(err) if f == COURSE)
    assert "\\x1b[2J\\rdata/ is valid" in shown or "<U+2028>\\x85<U+202E>" in shown, shown
    # …and the control character itself is refused at its line, named by its number.
    line = line_of(root, COURSE, "format:")
    assert any(f == COURSE and n == line and re.search(r"writes an invisible control character \(U\+(001B|0085)", rest)
               for f, n, rest in errors(err)), err


@pytest.mark.parametrize("code,number", [("\\e", "U+001B"), ("\\a", "U+0007"), ("\\x7f", "U+007F"), ("\\u009b", "U+009B"),
                                         ("\\0", "U+0000"), ("\\r", "U+000D"), ("\\N", "U+0085")])
def test_a_control_character_in_any_text_stops_the_build_at_its_line(root, capsys, code, number):
    """The build's own data pass (macros/data/load.py) refuses what `make check` refuses: a control
    character (but tab and line break) written into any text, here a glossary definition."""
    path = root / "data" / "glossary.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  definition: ")
    end = text.index("\n", start)
    path.write_text(text[:start] + f'  definition: "A term{code} with a code in it."' + text[end:], encoding="utf-8")
    with pytest.raises(DataError):
        get_site(root)
    err = capsys.readouterr().err
    line = line_of(root, "data/glossary.yaml", f"A term{code}")
    assert f"data/glossary.yaml:{line}:" in err and f"writes an invisible control character ({number}" in err, err
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", err), "a control character was echoed"


def test_tabs_and_line_breaks_in_text_are_fine(root):
    path = root / "data" / "glossary.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  definition: ")
    end = text.index("\n", start)
    path.write_text(text[:start] + '  definition: "A tab\\there, and a\\nline break."' + text[end:], encoding="utf-8")
    status, _, err = run_check(root)
    assert status == 0, err


@pytest.mark.parametrize("breaker", ["\u2028", "\x85", "\u2029"])
def test_line_numbers_count_lines_as_an_editor_does(root, breaker):
    edit(root, COURSE, "short_title: RIOS™ 1\n", f"short_title: RIOS™{breaker} 1\n")
    edit(root, COURSE, "format: online", "format: online\nbogus: 1")
    status, _, err = run_check(root)
    assert status == 1 and [(f, n) for f, n, rest in errors(err) if "unknown field 'bogus'" in rest] == \
        [(COURSE, line_of(root, COURSE, "bogus: 1"))], err


def test_a_block_field_missing_its_colon_is_named_at_its_line(root):
    edit(root, "data/leadership.yaml", "\nsummary: A certificate", "\nsummary >-\n  A certificate")
    status, _, err = run_check(root)
    assert errors(err) == [("data/leadership.yaml", line_of(root, "data/leadership.yaml", "summary >-"),
                            "'summary' has no ':' after it — write it as 'summary: >-' (the text below it stays as it is)")]


def test_swapped_lines_name_the_list_item_and_the_field_it_lost(root):
    file = "data/courses/sed-part-1.yaml"
    edit(root, file, "modules:\n  - title: Using", "  - title: Using\nmodules:")
    status, _, err = run_check(root)
    line = line_of(root, file, "  - title: Using")
    assert [(f, n, rest.split(" — ")[0]) for f, n, rest in errors(err)] == [
        (file, line, f"this list item follows line {line - 1}, whose field already has a value, so it belongs to no field")]
    assert "if lines were swapped" in err


def test_the_fixture_loads_without_a_note():
    """The frozen data the cases edit is valid as it is (today's data: tests/test_content.py)."""
    loaded = load_data(FIXTURE)
    site, problems = validate(loaded)
    assert site is not None and not [p for p in problems if p.level != "warning"], problems


def test_a_folder_linked_from_outside_the_project_is_not_read(root, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    shutil.move(root / "data" / "topics", outside / "topics")
    (root / "data" / "topics").symlink_to(outside / "topics", target_is_directory=True)
    status, _, err = run_check(root)
    assert status == 1 and any(f.startswith("data/topics/") and "link to a file outside the project" in rest
                               for f, _, rest in errors(err)), err[:1000]
