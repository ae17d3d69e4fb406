"""The distribution's site-creation step: Plone's own, after making sure the content is there."""

from __future__ import annotations

from plone.distribution.handler import default_handler

CONTENT_ROOT = "imh-pathways"  # the folder holding the whole content (macros/outputs/plone.py)
TREE_MISSING = (
    "{folder} holds no content tree: in the project, run `make plone` (it writes the tree there from "
    "data/ and docs/), then install or build this package again"
)


def handler(distribution, site, answers: dict):
    """Create the site as plone.distribution does (profiles, then the content import), but refuse
    to make an empty site when the package was built without its content."""
    if answers.get("setup_content", False):
        folder = distribution.directory / "content"
        if not (folder / "content" / "__metadata__.json").is_file():
            raise FileNotFoundError(TREE_MISSING.format(folder=folder))
    site = default_handler(distribution, site, answers)
    if answers.get("setup_content", False) and CONTENT_ROOT in site:
        site.setDefaultPage(CONTENT_ROOT)  # the site opens on the content's home page
    return site
