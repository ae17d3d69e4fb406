"""Import the content tree into a real Plone 6.2 site and report what Plone holds, as JSON.

Run by tests/test_plone_import.py with .venv-plone's Python (Plone's packages live there, not in
the site's .venv), never by pytest itself:

    .venv-plone/bin/python tests/plone_probe.py REQUEST.json REPORT.json

REQUEST.json says what to import and ask: `tree` (an export folder holding content/), `broken`
(a damaged copy, to prove the importer's silent failures are seen), `package_path` (a folder
holding the installed distribution, imh_pathways_plone) and `searches` (words for the catalog's
full-text search). The probe only reports; the test decides what is right.

Sites are plone.app.testing's: an in-memory database, Plone's ZCML, plone.restapi,
plone.exportimport and plone.distribution loaded, the workflow a new Plone site has.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path

# The importer would commit after its work; the test's site keeps everything in one transaction.
os.environ["IMPORTER_COMMIT_DISABLE"] = "1"

STARTED = time.monotonic()
REQUEST = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
sys.path.insert(0, REQUEST["package_path"])

from plone.testing import Layer  # noqa: E402
from plone.app.testing import (  # noqa: E402
    PLONE_FIXTURE, TEST_USER_ID, TEST_USER_NAME, IntegrationTesting, PloneSandboxLayer, login, setRoles,
)


class Warnings(logging.Handler):
    """The importer's warnings and errors (a dropped item is only logged), kept for the report."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        if record.name.startswith("plone.exportimport"):
            self.lines.append(f"{record.levelname}: {record.getMessage()}")


DISTRIBUTION_SITE = {"site_id": "from-distribution", "title": "Infant Mental Health Pathways",
                     "description": "A site made from the imh-pathways distribution", "default_language": "en",
                     "portal_timezone": "UTC", "setup_content": True}
CREATED: dict = {}  # how the distribution's site creation went


class Content(PloneSandboxLayer):
    defaultBases = (PLONE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        import imh_pathways_plone
        import plone.exportimport
        import plone.restapi

        self.loadZCML(package=plone.restapi)
        self.loadZCML(package=plone.exportimport)
        self.loadZCML(package=imh_pathways_plone)  # the distribution (includes plone.distribution)

    def setUpPloneSite(self, portal):
        # plone.app.testing switches workflow off; a new Plone site publishes with this one.
        portal.portal_workflow.setDefaultChain("simple_publication_workflow")


CONTENT = Content()


class DistributionSite(Layer):
    """A second site, made by the distribution as Plone's "Create a Plone site" form makes it
    (creating a site commits, so a layer does it, as plone.distribution's own test fixture)."""

    defaultBases = (CONTENT,)

    def setUp(self):
        from plone.app.testing import SITE_OWNER_NAME
        from plone.distribution.api import site as site_api
        from plone.testing import zope
        from zope.globalrequest import setRequest

        with zope.zopeApp() as app:
            setRequest(app.REQUEST)  # the importer reads the request, as in a real "add site" request
            zope.login(app["acl_users"], SITE_OWNER_NAME)  # the Zope manager, who adds sites
            warnings = Warnings()
            logging.getLogger("plone.exportimport").addHandler(warnings)
            started = time.monotonic()
            try:
                site_api.create(app, "imh-pathways", dict(DISTRIBUTION_SITE))
            finally:
                logging.getLogger("plone.exportimport").removeHandler(warnings)
            CREATED.update(seconds=round(time.monotonic() - started, 2), warnings=warnings.lines)
            zope.logout()
            setRequest(None)


LAYER = IntegrationTesting(bases=(DistributionSite(),), name="ImhContent:Integration")


def set_up(layer, done: list) -> None:
    """What a test runner does before a layer's tests: set up its bases, then the layer."""
    for base in layer.__bases__:
        set_up(base, done)
    if layer not in done:
        layer.setUp()
        done.append(layer)


def items(container) -> list[dict]:
    """Every content item under `container`, parents before children, in each folder's order."""
    from Acquisition import aq_base

    found = []
    for position, child in enumerate(container.contentValues()):
        text = getattr(aq_base(child), "text", None)
        found.append({
            "path": "/" + "/".join(child.getPhysicalPath()[2:]),  # inside the site, e.g. /imh-pathways/faq
            "url": child.absolute_url(),
            "type": child.portal_type,
            "id": child.getId(),
            "UID": child.UID(),
            "title": child.Title(),
            "description": child.Description(),
            "subjects": list(child.Subject()),
            "language": child.Language(),
            "review_state": child.portal_workflow.getInfoFor(child, "review_state", None),
            "position": position,
            "default_page": child.getDefaultPage() if hasattr(aq_base(child), "getDefaultPage") else None,
            "text": text.raw if text is not None else None,
            # What a visitor gets: Plone's output filters applied (resolveuid links made addresses).
            "shown": text.output_relative_to(child) if text is not None else None,
        })
        if child.isPrincipiaFolderish:
            found += items(child)
    return found


def import_tree(portal, tree: Path) -> dict:
    from plone.exportimport.importers import get_importer

    warnings = Warnings()
    logging.getLogger("plone.exportimport").addHandler(warnings)
    try:
        started = time.monotonic()
        importer = get_importer(portal)
        messages = importer.import_site(tree)
        content = importer.importers["plone.importer.content"]
        return {"messages": messages, "dropped": sorted(content.dropped), "incomplete": importer.incomplete,
                "warnings": warnings.lines, "seconds": round(time.monotonic() - started, 2)}
    finally:
        logging.getLogger("plone.exportimport").removeHandler(warnings)


def search(portal, words: list[str]) -> dict:
    """The catalog's full-text search (SearchableText), as Plone's search page asks it."""
    catalog = portal.portal_catalog
    return {word: ["/" + "/".join(b.getPath().split("/")[2:]) for b in catalog(SearchableText=word)] for word in words}


def in_test(run):
    """`run(app, portal)` inside one test's transaction, rolled back afterwards."""
    LAYER.testSetUp()
    try:
        portal = LAYER["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        login(portal, TEST_USER_NAME)  # a site manager runs the import
        return run(LAYER["app"], portal)
    finally:
        LAYER.testTearDown()


def broken(app, portal) -> dict:
    return {"import": import_tree(portal, Path(REQUEST["broken"]))}


def imported(app, portal) -> dict:
    report = {"import": import_tree(portal, Path(REQUEST["tree"])), "items": items(portal),
              "search": search(portal, REQUEST["searches"])}
    again = import_tree(portal, Path(REQUEST["tree"]))  # a re-import updates, never duplicates
    report["reimport"] = {"import": again, "items": [(i["path"], i["UID"]) for i in items(portal)]}
    return report


def from_distribution(app, portal) -> dict:
    """The site the layer made with the distribution (a site's creation commits, so the layer does it)."""
    from zope.component.hooks import setSite

    site = app[DISTRIBUTION_SITE["site_id"]]
    setSite(site)
    try:
        front = site.text.output_relative_to(site) if site.text else None
        return {"items": items(site), "front_page": front, "search": search(site, REQUEST["searches"]), **CREATED}
    finally:
        setSite(portal)


def main() -> None:
    logging.basicConfig(level=logging.ERROR)  # Zope's start-up chatter stays out of the test's output
    logging.getLogger("plone.exportimport").setLevel(logging.WARNING)  # but the importer's warnings are kept
    set_up(LAYER, [])
    ready = time.monotonic()
    report = {"setup_seconds": round(ready - STARTED, 2)}
    report["broken"] = in_test(broken)
    report["imported"] = in_test(imported)
    report["distribution"] = in_test(from_distribution)
    report["seconds"] = round(time.monotonic() - STARTED, 2)
    Path(sys.argv[2]).write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
