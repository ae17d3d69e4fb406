"""Find your association: every association in data/associations.yaml reaches the page, in state
order, with its website and its sources, and machines get the same list.

Expected rows are read from the data files themselves (names from data/organizations.yaml where
an association names its organization), never typed here; the order is worked out here from the
raw data (U.S. states A to Z, then other countries), not by the site's own code.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import ROOT

PAGE = "associations/"


def raw(name: str):
    return yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def expected() -> list[dict]:
    """Each association as readers should see it, in the page's order."""
    orgs = {o["id"]: o for o in raw("organizations.yaml")}
    rows = []
    for a in raw("associations.yaml")["associations"]:
        org = orgs.get(a.get("organization"))
        country = a.get("country", "United States")
        rows.append({
            "id": a["id"], "place": a["place"], "country": country,
            "name": org["name"] if org else a["name"],
            "short": (org.get("abbreviation") if org else a.get("short_name")) or None,
            "website": org["url"] if org else a["website"],
            "sources": a["sources"], "endorsement": a["offers_endorsement"], "record": a,
        })
    return sorted(rows, key=lambda r: (r["country"] != "United States", r["country"].casefold(), r["place"].casefold(), r["name"].casefold()))


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def test_every_association_has_an_https_website_sources_and_evidence(expected):
    sources = {s["id"]: s for s in raw("sources.yaml")}
    assert expected, "data/associations.yaml lists no association"
    for row in expected:
        a = row["record"]
        assert urlsplit(row["website"]).scheme == "https", f"{row['id']}: {row['website']} is not https://"
        assert row["sources"] and all(sources[s]["url"].startswith("https://") for s in row["sources"]), row["id"]
        evidence = a.get("evidence") or {}
        # What lists it (the page that shows it belongs to the Alliance), from one of its own sources.
        assert "alliance" in evidence and evidence["alliance"]["source"] in row["sources"], f"{row['id']}: no evidence for 'alliance'"
        assert evidence["alliance"]["locator"] and evidence["alliance"]["checked"], row["id"]
        if a["offers_endorsement"]:
            assert "offers_endorsement" in evidence, f"{row['id']}: no evidence that it offers the Endorsement"


def test_the_table_lists_every_association_in_state_order(site, expected):
    table = site.article(PAGE).select_one("[data-imh-finder] table")
    rows = table.select("tbody tr")
    shown = [(words(tr.select_one("th a").get_text()), tr.select("td")[0].select_one("a")["href"],
              words(tr.select("td")[0].select_one("a").get_text())) for tr in rows]
    assert shown == [(r["place"], r["website"], r["short"] or r["name"]) for r in expected]
    assert [tr["data-imh-association"] for tr in rows] == [r["id"] for r in expected]
    # The table says how many it holds, and each row's full name is there when a short name leads.
    assert str(len(expected)) in table.select_one("caption").get_text()
    for tr, r in zip(rows, expected):
        assert r["name"] in words(tr.get_text(" ")), r["id"]
        said = words(tr.select("td")[1].get_text())
        assert said.startswith("Offers it") if r["endorsement"] else said == "Its pages do not say", (r["id"], said)


def test_each_state_leads_to_its_section_with_its_sources(site, expected):
    article = site.article(PAGE)
    sources = {s["id"]: s for s in raw("sources.yaml")}
    headings = article.select("h3[id]")
    assert [h["id"] for h in headings] == [r["id"] for r in expected], "one section per association, in the table's order"
    for tr, r in zip(article.select("tbody tr"), expected):
        assert tr.select_one("th a")["href"] == f"#{r['id']}"
        section = []
        for el in article.find(id=r["id"]).find_next_siblings():
            if el.name in ("h2", "h3"):
                break
            section.append(el)
        links = {a["href"] for el in section for a in el.find_all("a", href=True)}
        assert r["website"] in links, f"{r['id']}: its section does not link its website"
        for source in r["sources"]:
            assert sources[source]["url"] in links, f"{r['id']}: its section does not link its source {source}"


def test_the_page_says_how_many_it_lists_and_how_many_the_alliance_counts(site, expected):
    alliance = raw("associations.yaml")["alliance"]
    sources = {s["id"]: s for s in raw("sources.yaml")}
    text = words(site.article(PAGE).get_text(" "))
    abroad = sum(r["country"] != "United States" for r in expected)
    assert f"This page lists {len(expected)} associations: {len(expected) - abroad} in U.S. states" in text
    assert f"counts {alliance['associations']} member associations: {alliance['us_states']} in U.S. states" in text
    links = {a["href"] for a in site.article(PAGE).find_all("a", href=True)}
    for source in alliance["sources"]:  # the Alliance's own pages, linked as the authority
        assert sources[source]["url"] in links


def test_without_javascript_the_controls_are_hidden_and_the_table_complete(site, expected):
    finder = site.article(PAGE).select_one("[data-imh-finder]")
    assert finder.select_one(".imh-finder__tools").has_attr("hidden")
    assert all(badge.has_attr("hidden") for badge in finder.select(".imh-finder__badge"))
    assert len(finder.select("tbody tr")) == len(expected)
    options = [o["value"] for o in finder.select("select option") if o["value"]]
    assert options == [r["id"] for r in expected]


def test_the_endorsement_page_the_pathway_and_home_lead_here(site):
    for url in ("", "endorsement/", "pathway/"):
        hrefs = [a["href"] for a in site.article(url).find_all("a", href=True)]
        assert any(h.rstrip("/").endswith("associations") or h.endswith("associations/") for h in hrefs), \
            f"/{url} has no link to Find your association"


def test_machines_get_one_organization_per_association(site, expected):
    html = site.html(PAGE)
    graphs = [json.loads(s) for s in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    items = [n for g in graphs for n in g["@graph"] if n["@type"] == "ItemList"]
    assert len(items) == 1 and items[0]["numberOfItems"] == len(expected)
    orgs = [element["item"] for element in items[0]["itemListElement"]]
    assert [(o["@type"], o["name"], o["url"]) for o in orgs] == [("Organization", r["name"], r["website"]) for r in expected]
    assert all(o["areaServed"][0]["name"] == r["place"] for o, r in zip(orgs, expected))
    alliance = next(o for o in raw("organizations.yaml") if o["id"] == raw("associations.yaml")["alliance"]["organization"])
    assert {(o["memberOf"]["name"], o["memberOf"]["url"]) for o in orgs} == {(alliance["name"], alliance["url"])}


def test_api_lists_the_same_associations(site, expected):
    data = json.loads((site.path / "api" / "associations.json").read_text(encoding="utf-8"))
    assert data["listed"] == len(expected)
    assert [(a["id"], a["place"], a["name"], a["website"]) for a in data["associations"]] == [
        (r["id"], r["place"], r["name"], r["website"]) for r in expected]
    assert [[s["id"] for s in a["sources"]] for a in data["associations"]] == [r["sources"] for r in expected]
    alliance = raw("associations.yaml")["alliance"]
    assert (data["alliance"]["associations"], data["alliance"]["us_states"]) == (alliance["associations"], alliance["us_states"])
    catalog = json.loads((site.path / "api" / "catalog.json").read_text(encoding="utf-8"))
    assert catalog["associations"].endswith("api/associations.json")
