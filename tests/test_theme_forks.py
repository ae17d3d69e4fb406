"""Every theme partial the site overrides is a copy of Material's with a small change; when a theme
upgrade changes the original, this fails so the copy is brought in step (then update the hash)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import material

ROOT = Path(__file__).resolve().parents[1]
THEME = Path(material.__file__).parent / "templates"

# Upstream file -> its sha256 in mkdocs-material 9.8.1 (pyproject.toml), and why the site keeps a copy.
FORKS = {
    "partials/actions.html": ("1bcd66d6f428194e9b9842764f0a5f7a5b3679d008e9d2e5b75b5ba344c39073",
                              "a second edit button for the page's text when the facts are in data/"),
    "partials/copyright.html": ("bc86bca3bf75070fe5d72e2a3463bdddf87c10f4d6459c945fe81c5d384e35ea",
                                "the credit link opens in the same tab"),
    "partials/header.html": ("8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
                             "the menu control is a real button"),
    "partials/nav-item.html": ("89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7",
                               "no empty tabindex on a section label (invalid HTML)"),
    "partials/palette.html": ("fb935107ae7d3d7475965019eec36c1ad72bf1d154254dab2474921fcd2710e3",
                              "the toggle without the theme's palette component (palette.js)"),
    "partials/search.html": ("bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
                             "search results as text"),
    "partials/source.html": ("6847616d67be4920d39c278c2799bf20222bbc02ee2a8393aca85e3eaa518752",
                             "no request to api.github.com"),
    "partials/tags.html": ("166225609857c8536fc2cd3da99ba1b7513df8b57d6613a0303bba44a11b9fba",
                           "tag names escaped"),
    "partials/toc.html": ("fde48f583563364b0e0e6865a5ab1e7060ec1826161f69f5cbee653e621b0f84",
                          "no label for a missing toggle"),
}


def test_the_theme_originals_of_the_site_copies_are_unchanged():
    changed = [f"{name} ({why})" for name, (digest, why) in FORKS.items()
               if hashlib.sha256((THEME / name).read_bytes()).hexdigest() != digest]
    assert not changed, ("the theme changed the original of: " + ", ".join(changed)
                         + " — compare with overrides/, carry the change over, then update FORKS")


def test_every_copy_of_a_theme_partial_is_listed():
    copies = {path.relative_to(ROOT / "overrides").as_posix() for path in (ROOT / "overrides" / "partials").glob("*.html")}
    upstream = {name for name in copies if (THEME / name).is_file()}
    assert upstream <= set(FORKS), f"theme partials copied but not listed in FORKS: {sorted(upstream - set(FORKS))}"
