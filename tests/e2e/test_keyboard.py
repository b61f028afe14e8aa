"""A citizen who uses only the keyboard signs in through the national SSO and files a request.

No click: only Tab, Enter, Space, the arrow keys and typing, as a person without a mouse (or with a
switch or a screen reader) moves through the pages; every place the focus stops shows it.
"""

import re
from pathlib import Path

import pytest

from identity.models import OutboxMessage
from requests_tracker.models import Request, Status

from ..factories import PERSON_PASSWORD, PersonFactory
from ..files import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What a screen reader would call the focused element: its label, else its text or value.
FOCUSED_NAME = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return "";
    if (element.labels && element.labels.length) return element.labels[0].innerText.trim();
    return (element.getAttribute("aria-label") || element.innerText || element.value || "").trim();
}"""
# Whether the focused element is drawn differently because it has the focus: an outline or a ring.
FOCUS_SHOWN = """() => {
    const element = document.activeElement;
    if (!element.matches(":focus-visible")) return false;
    const style = getComputedStyle(element);
    return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none";
}"""


def tab_to(page, name: str, *, limit: int = 40) -> None:
    """Press Tab until the focus is on ``name`` (its label or text starts with it), checking on the
    way that every stop shows where the focus is."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_NAME)
        assert page.evaluate(FOCUS_SHOWN), f"the focus on {focused!r} ({page.url}) is not visible"
        if focused == name or focused.startswith(name):
            return
        passed.append(focused)
    raise AssertionError(f"{name!r} is not reached by Tab on {page.url}; the focus went {passed}")


def press_and_follow(page, key: str = "Enter") -> None:
    """Press a key that leaves the page (a link, a submit button), and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def choose_radio(page, group_first: str, choice: str) -> None:
    """Tab into a radio group (at its first option) and move with the arrow keys to ``choice``."""
    tab_to(page, group_first)
    for _ in range(10):
        if page.evaluate(FOCUSED_NAME) == choice:
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no option {choice!r} in the radio group")


def test_portal_css_draws_a_visible_focus_ring():
    stylesheet = (Path(__file__).resolve().parents[2] / "static/css/portal.css").read_text()
    assert re.search(r":focus-visible\s*\{[^}]*outline:\s*3px solid", stylesheet)


def test_a_citizen_signs_in_and_files_a_certified_copy_request_with_the_keyboard_alone(
    page, live_server, tmp_path
):
    person = PersonFactory(name_ar="عائشة بنت يوسف القرني")
    page.goto(live_server.url + "/")

    # Sign in: the portal's page, then the national SSO's password and code pages, then the terms.
    tab_to(page, "تسجيل الدخول")
    press_and_follow(page)
    tab_to(page, "المتابعة إلى النفاذ الوطني الموحد")
    press_and_follow(page)
    page.wait_for_url(re.compile(r"/sso/signin/"))
    tab_to(page, "رقم الهوية الوطنية")
    page.keyboard.type(person.national_id)
    tab_to(page, "كلمة المرور")
    page.keyboard.type(PERSON_PASSWORD)
    press_and_follow(page)
    page.wait_for_url(re.compile(r"/sso/signin/code/"))
    code = re.search(r"\d{6}", OutboxMessage.objects.get(recipient=person.phone).body).group(0)
    tab_to(page, "رمز التحقق")
    page.keyboard.type(code)
    press_and_follow(page)
    page.wait_for_url(re.compile(r"/terms/"))
    tab_to(page, "قرأت شروط الاستخدام وأوافق عليها")
    page.keyboard.press("Space")
    tab_to(page, "متابعة")
    press_and_follow(page)
    page.wait_for_url(live_server.url + "/")

    # File: the service from the catalogue, its details, a scanned deed, the review, submit.
    tab_to(page, "صورة مصدقة من صك أو حكم")
    press_and_follow(page)
    tab_to(page, "ابدأ الآن")
    press_and_follow(page)
    page.wait_for_url(re.compile(r"/file/details/"))
    choose_radio(page, "صك", "صك")
    tab_to(page, "رقم الصك أو الحكم")
    page.keyboard.type("4310256789")
    tab_to(page, "الغرض")
    page.keyboard.type("تقديمها إلى البنك")
    choose_radio(page, "التنزيل من البوابة", "التنزيل من البوابة")
    tab_to(page, "حفظ ومتابعة")
    press_and_follow(page)
    page.wait_for_url(re.compile(r"/file/documents/"))

    scan = tmp_path / "deed.pdf"
    scan.write_bytes(pdf_bytes())
    # The browser's file dialog is the operating system's; the test stands in for it. Listening
    # before the key is pressed lets the interception reach the browser first (it is sent without
    # waiting for an answer, so listening only around the key press can lose the race).
    choosers = []
    page.on("filechooser", lambda chooser: choosers.append(chooser))
    tab_to(page, "الملف")
    page.keyboard.press("Space")
    for _ in range(50):
        if choosers:
            break
        page.wait_for_timeout(100)
    assert choosers, "Space on the focused file field opened no file dialog"
    choosers[0].set_files(str(scan))
    # Continue uploads a chosen file as it leaves the step.
    tab_to(page, "المتابعة إلى المراجعة")
    press_and_follow(page)
    page.wait_for_url(re.compile(r"/file/review/"))
    assert page.get_by_text("deed.pdf", exact=True).is_visible()
    tab_to(page, "تقديم الطلب")
    press_and_follow(page)
    page.wait_for_url(re.compile(r"/submitted/$"))

    filed = Request.objects.get(applicant__national_id=person.national_id)
    assert filed.status == Status.SUBMITTED
    assert page.locator(".reference").inner_text() == filed.reference
