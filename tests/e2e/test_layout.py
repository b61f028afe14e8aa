import pytest

from ..factories import RequestFactory, UserFactory
from .test_filing import _session_cookie
from .tour import PHONE_WIDTHS, PORTAL_VISITORS, demo, new_page  # noqa: F401 - the demo fixture

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


@pytest.mark.usefixtures("demo")
def test_no_page_scrolls_sideways_on_a_phone(browser, live_server):
    """Every kind of page, for every kind of visitor, in both languages, at 390 and 320 pixels."""
    too_wide = []
    for visitor, (national_id, tour) in PORTAL_VISITORS.items():
        for language in ("ar", "en"):
            page = new_page(
                browser, live_server.url, language=language, national_id=national_id, width=PHONE_WIDTHS[0]
            )
            for stop in tour():
                page.set_viewport_size({"width": PHONE_WIDTHS[0], "height": 800})
                stop.visit(page, live_server.url)
                for width in PHONE_WIDTHS:
                    page.set_viewport_size({"width": width, "height": 800})
                    scroll_width = page.evaluate("document.documentElement.scrollWidth")
                    if scroll_width > page.evaluate("window.innerWidth"):
                        too_wide.append(
                            f"{visitor}, {language}, {stop.name} ({page.url}) at {width}px: {scroll_width}px"
                        )
            page.context.close()
    assert not too_wide, "pages wider than the phone:\n" + "\n".join(too_wide)


def test_the_header_folds_into_a_menu_on_a_phone_that_opens_without_javascript(browser, live_server):
    citizen = UserFactory()
    RequestFactory(applicant=citizen)
    context = browser.new_context(
        locale="ar-SA", java_script_enabled=False, viewport={"width": 390, "height": 800}
    )
    context.add_cookies([_session_cookie(live_server, citizen)])
    page = context.new_page()
    page.goto(live_server.url + "/")
    menu = page.locator(".site-menu-toggle")
    my_requests = page.get_by_role("link", name="طلباتي")
    assert menu.is_visible() and not my_requests.is_visible()
    assert page.locator(".brand-emblem").get_attribute("alt") == "", (
        "the emblem beside the name is decorative"
    )

    menu.focus()
    page.keyboard.press("Enter")
    assert my_requests.is_visible()
    assert page.get_by_role("button", name="English").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    my_requests.click()
    page.wait_for_url("**/requests/")

    # My requests is a card per request: the reference heads it and every fact is labelled beside it.
    card = page.locator("tbody tr").first
    reference, service = card.locator("td").nth(0).bounding_box(), card.locator("td").nth(1).bounding_box()
    assert service["y"] >= reference["y"] + reference["height"] - 1, "the cells stack as a card"
    assert card.get_by_text("الخدمة").is_visible()

    # On a wide screen the navigation is shown as it is, with no menu to open.
    page.set_viewport_size({"width": 1280, "height": 800})
    assert not menu.is_visible() and my_requests.is_visible()
    assert not page.locator("tbody tr").first.get_by_text("الخدمة").is_visible(), "a table has its headers"
    context.close()
