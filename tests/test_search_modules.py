"""The search's code (overrides/assets/javascripts/search.js and its modules in search/): what the
box asks for at the tap matches what the modules import, and each module keeps the house rules.

search.js asks for list.js and everything list.js imports at once (FIRST), so that the first
result waits one round trip, not one per level of imports; what list.js imports only when needed
(LATER) follows Pagefind's files. A module missing from those lists still works, a round trip
later on a phone, so only this test notices.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "overrides" / "assets" / "javascripts"
MODULES = SCRIPTS / "search"

STATIC = re.compile(r'^import\s[^;]*?\sfrom\s+"\./([\w-]+\.js)";', re.M)
DYNAMIC = re.compile(r'"\./([\w-]+\.js)"')


def listed(name: str) -> list[str]:
    """The module names in search.js's `const NAME = modules([...])`."""
    found = re.search(name + r' = modules\(\[([^\]]*)\]\)', (SCRIPTS / "search.js").read_text(encoding="utf-8"))
    assert found, f"search.js has no {name} list of modules"
    return re.findall(r'"([\w-]+\.js)"', found.group(1))


def source(module: str) -> str:
    return (MODULES / module).read_text(encoding="utf-8")


def static_closure(module: str) -> set[str]:
    """The module and every module it imports statically, directly or not."""
    seen, todo = set(), [module]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(STATIC.findall(source(name)))
    return seen


def test_the_tap_asks_for_every_module_the_first_result_needs_and_the_rest_after():
    first, later = listed("FIRST"), listed("LATER")
    assert first[0] == "list.js", f"search.js starts the search with the first module of FIRST: {first}"
    assert set(first) == static_closure("list.js"), "FIRST must be list.js and what it imports statically"
    text = source("list.js")
    dynamic = set(DYNAMIC.findall(text)) - set(STATIC.findall(text))
    assert set(later) == dynamic, "LATER must be what list.js imports when needed"
    for module in later:
        assert static_closure(module) <= set(first) | set(later), f"{module} imports a module search.js does not ask for"
    assert {p.name for p in MODULES.glob("*.js")} == set(first) | set(later), "a module in search/ nobody asks for"


def test_every_module_opens_with_a_short_comment_and_builds_no_html_from_strings():
    """The house rules: a comment of a line or two saying what the module guarantees; `const` and
    `let` only; text reaches the page as text nodes (no innerHTML and the like, even of constants)."""
    for path in sorted(MODULES.glob("*.js")):
        text = path.read_text(encoding="utf-8")
        opening = re.match(r"/\*.*?\*/", text, re.S)
        assert opening and 1 <= opening.group(0).count("\n") + 1 <= 2, f"{path.name}: no one- or two-line opening comment"
        assert not re.search(r"\bvar\s", text), f"{path.name}: var"
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment",
                             text), f"{path.name}: HTML from a string"
