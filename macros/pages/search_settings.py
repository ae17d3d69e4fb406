"""What a page's front matter tells the site's search: `search:` with `audience:` (whom the page is
for; the search lists the readers' pages first) and `suggest: true` (offered when a search finds
little). The build reads it (macros/outputs/search_titles.py, partials/search-page.html) and the
docs/ gate reports a mistake in it at its line (prose/source.py), with the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

READERS = "readers"  # whom a page is for unless its front matter says otherwise


@dataclass(frozen=True)
class SearchSettings:
    """What a page's front matter tells the search (`search:`)."""

    audience: str = READERS  # whom the page is for: the search lists the reader's own audience's pages first
    suggest: bool = False    # offered when a search finds little or nothing

    @property
    def for_readers(self) -> bool:
        """Whether the page is for the site's readers (every page unless it says otherwise)."""
        return self.audience == READERS


class SearchSettingsError(ValueError):
    """A page's `search:` front matter the site cannot use: what is wrong (`message`) and what to write (`fix`)."""

    def __init__(self, message: str, fix: str):
        super().__init__(f"{message} — {fix}")
        self.message, self.fix = message, fix


def search_settings(meta: dict) -> SearchSettings:
    """The page's `search:` front matter, e.g. `search: {audience: editors}` or `search: {suggest: true}`."""
    value = meta.get("search")
    if value is None:
        return SearchSettings()
    example = "write 'search:' and under it, indented, 'audience: editors' or 'suggest: true'"
    if not isinstance(value, dict):
        raise SearchSettingsError("'search:' should hold settings on indented lines", example)
    unknown = sorted(str(key) for key in value if key not in ("audience", "suggest"))
    if unknown:
        raise SearchSettingsError(f"'search:' has {', '.join(map(repr, unknown))}, which the site's search does not use",
                                  f"it understands 'audience' and 'suggest': {example}")
    audience = value.get("audience", READERS)
    if not (isinstance(audience, str) and re.fullmatch(r"[a-z]{1,20}", audience)):
        raise SearchSettingsError(f"'audience: {audience}' should be one word in lower case",
                                  f"write whom the page is for: '{READERS}' (every page unless it says otherwise), "
                                  "'editors', 'partners'…")
    suggest = value.get("suggest", False)
    if not isinstance(suggest, bool):
        raise SearchSettingsError(f"'suggest: {suggest}' should be true or false",
                                  "write 'suggest: true' to offer this page when a search finds little, or delete the line")
    return SearchSettings(audience=audience, suggest=suggest)
