"""The distribution's site-creation step: Plone's own, after making sure the content is there."""

from __future__ import annotations

from plone.app.textfield.value import RichTextValue
from plone.distribution.handler import default_handler

CONTENT_ROOT = "imh-pathways"  # the folder holding the whole content (macros/outputs/plone.py)
TREE_MISSING = (
    "{folder} holds no content tree: in the project, run `make plone` (it writes the tree there from "
    "data/ and docs/), then install or build this package again"
)


def handler(distribution, site, answers: dict):
    """Create the site as plone.distribution does (profiles, then the content import), but refuse
    to make an empty site when the package was built without its content."""
    setup_content = answers.get("setup_content", False)
    if setup_content:
        folder = distribution.directory / "content"
        if not (folder / "content" / "__metadata__.json").is_file():
            raise FileNotFoundError(TREE_MISSING.format(folder=folder))
    site = default_handler(distribution, site, answers)
    if setup_content:
        show_home_page(site)
    return site


def show_home_page(site) -> None:
    """The site's front page says what the content's home page says: since Plone 6 the site root
    has a text of its own, and a folder cannot be a default page that opens on its own page."""
    content = site[CONTENT_ROOT]
    home = content[content.getDefaultPage()]
    site.text = RichTextValue(home.text.raw, home.text.mimeType, home.text.outputMimeType)
    site.reindexObject()
