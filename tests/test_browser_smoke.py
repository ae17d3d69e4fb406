"""The built site opens in a real browser and asks nothing of any other host."""

import pytest

pytestmark = pytest.mark.browser


def test_home_loads_in_chromium_with_no_foreign_requests(visit):
    v = visit()
    response = v.goto("")
    assert response.status == 200
    assert v.page.locator("h1").first.inner_text().rstrip("¶") == "Becoming an infant mental health specialist"
    v.page.wait_for_load_state("networkidle")
    assert v.foreign == [], f"requests to other hosts: {v.foreign}"
    assert len(v.requests) > 3
