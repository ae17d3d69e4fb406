"""Facts from `data/` for prose pages and templates, so that no count, fee or title is typed twice.

A page says "{{ counted("courses", "course") }}" rather than "five courses": after a sixth
course is added it reads "six courses", and with one left "one course". The same helpers are
filters in the site's templates (`{{ course.modules | counted("module") }}`).
"""

from __future__ import annotations

from collections.abc import Sized

from ..data.index import data_at
from .render import text

_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def number(n: int) -> str:
    """A count as a reader expects it in running text: words up to twelve, digits above."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def plural(noun: str, n: int, many: str | None = None) -> str:
    """`noun` for one, else its plural (`many`, or the noun with -s / -es / -ies)."""
    if n == 1:
        return noun
    if many:
        return many
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


def counted(n: int | Sized, noun: str, many: str | None = None, digits: bool = False) -> str:
    """`five courses`, `one course`, `24 hours`: a count and its noun that agree for any number."""
    n = n if isinstance(n, int) else len(n)
    return f"{n if digits else number(n)} {plural(noun, n, many)}"


def register(env, site, renderer=None) -> None:
    """Add the fact macros to mkdocs-macros' `env` (prose pages) and, given the site's
    renderer, the same helpers as filters to its templates."""

    def collection(what) -> int:
        """A number, or the size of a collection named by its path in `data/`
        (`"courses"`, `"endorsement.categories"`)."""
        return what if not isinstance(what, str) else len(data_at(site, what))

    @env.phrase
    def counted_of(what, noun: str, many: str | None = None) -> str:
        """`counted_of("courses", "course")` -> `five courses`; `counted_of(3, "step")` -> `three steps`."""
        return counted(collection(what), noun, many)

    @env.phrase
    def number_of(what) -> str:
        """`number_of("courses")` -> `five`."""
        return number(collection(what))

    @env.phrase
    def fee() -> str:
        """The credential's application fee, as `data/credential.yaml` states it."""
        return text(site.credential.fee)

    @env.phrase
    def category_name(number: str) -> str:
        """The name of the Endorsement category numbered `number` (`"III"`), from `data/endorsement.yaml`."""
        for category in site.endorsement.categories:
            if category.number == number:
                return text(category.name)
        raise KeyError(f"no Endorsement category numbered {number!r} in data/endorsement.yaml")

    @env.phrase
    def months() -> int:
        """How many months the leadership learning collaborative runs."""
        return site.leadership.collaborative.months

    if renderer is not None:
        @env.macro
        def endorsement_path() -> str:
            """Pathway step 3: the Endorsement categories in brief and which one is the specialist's."""
            return renderer.render("pathway_endorsement.md.j2", e=site.endorsement, p=site.pathway)

        renderer.env.filters["counted"] = counted
        renderer.env.filters["number"] = number
        renderer.env.filters["plural"] = lambda noun, n, many=None: plural(noun, n if isinstance(n, int) else len(n), many)
