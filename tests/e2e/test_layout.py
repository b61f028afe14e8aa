import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_reads_right_to_left_in_arabic_and_left_to_right_in_english(page, live_server):
    page.goto(live_server.url + "/")

    html = page.locator("html")
    assert html.get_attribute("lang") == "ar"
    assert html.get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    brand = page.locator(".brand").bounding_box()
    viewport = page.viewport_size
    assert brand["x"] > viewport["width"] / 2, "in Arabic the brand sits on the right"

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()

    assert html.get_attribute("lang") == "en"
    assert html.get_attribute("dir") == "ltr"
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"
    assert page.locator(".brand").bounding_box()["x"] < viewport["width"] / 2
    assert page.get_by_role("heading", level=1).inner_text() == "Ministry of Justice e-services"


def test_skip_link_is_the_first_stop_and_shows_focus(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0, "the focused skip link is on screen"
