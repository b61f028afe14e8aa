"""A citizen files a statement of claim through the wizard, the claims-review clerk registers it with
its first hearing from the case file, and the citizen finds that hearing in his sessions and on the
case's page, in a real browser.

The pages are in Arabic, whose translations of the new strings come later: elements are found by
their names, ids, roles and addresses, and what is checked is numbers, dates and addresses.
"""

import datetime
import re

import pytest
from django.utils import timezone

from cases.models import CaseCategory, Court, Hearing
from identity.models import User
from requests_tracker.models import Request, Status

from ..cases.helpers import file_claim
from ..factories import PERSON_PASSWORD, PersonFactory, UserFactory
from .test_filing import _session_cookie
from .test_poa import add_party, press, sms_code, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLAIMS = ("إلزام المدعى عليه بسداد المبلغ", "إلزامه بأتعاب المحاماة")


def signed_in_page(browser, base_url: str, person, next_path: str, *, door: str = ""):
    """A fresh browser signed in as ``person`` through the mock national SSO (password, then the code
    sent to his mobile, then the terms if he has not accepted them), ending on ``next_path``."""
    page = browser.new_context(locale="ar-SA").new_page()
    page.set_default_timeout(10_000)
    page.goto(base_url + (door or "/accounts/national_sso/login/") + f"?next={next_path}")
    page.wait_for_url(re.compile(r"/accounts/national_sso/login/"))
    submit(page)  # on to the national SSO
    page.locator("input[name=national_id]").fill(person.national_id)
    page.locator("input[name=password]").fill(PERSON_PASSWORD)
    submit(page)
    page.wait_for_url(re.compile(r"/sso/signin/code/"))
    page.locator("input[name=code]").fill(sms_code(person.phone))
    submit(page)
    if re.search(r"/terms/", page.url):
        page.locator("main input[type=checkbox]").check()
        submit(page)
    page.wait_for_url(re.compile(re.escape(next_path) + "$"))
    return page


def test_a_citizen_files_a_claim_the_clerk_registers_it_and_the_citizen_sees_the_first_hearing(
    browser, live_server
):
    base = live_server.url
    plaintiff_person = PersonFactory(name_ar="سلمان بن فهد الدوسري")
    defendant = UserFactory(name_ar="ماجد بن سالم المري")
    clerk_person = PersonFactory(name_ar="خالد بن فهد الشهري")
    UserFactory(national_id=clerk_person.national_id, roles=["claims_clerk"])
    court = Court.objects.get(court_type="general", city_en="Riyadh")
    category = CaseCategory.objects.get(code="loan_repayment")

    # The citizen signs in and files the claim through the wizard.
    citizen_page = signed_in_page(browser, base, plaintiff_person, "/services/lawsuit/")
    submit(citizen_page)  # start
    citizen_page.wait_for_url(re.compile(r"/file/parties/$"))
    add_party(citizen_page, "defendant", defendant.national_id)
    press(citizen_page, "action", "continue")

    citizen_page.wait_for_url(re.compile(r"/file/court/$"))
    citizen_page.locator("select[name=court]").select_option(str(court.pk))
    citizen_page.locator("select[name=category]").select_option(str(category.pk))
    submit(citizen_page)

    citizen_page.wait_for_url(re.compile(r"/file/claim/$"))
    citizen_page.locator("input[name=national_address]").fill("RRRD2929، حي العليا، الرياض")
    citizen_page.locator("input[name=subject]").fill("مطالبة بسداد قرض")
    citizen_page.locator("textarea[name=facts]").fill("أقرضت المدعى عليه مبلغًا ولم يسدده في موعده.")
    citizen_page.locator("textarea[name=claims]").fill("\n".join(CLAIMS))
    citizen_page.locator("input[name=amount]").fill("45000")
    submit(citizen_page)

    citizen_page.wait_for_url(re.compile(r"/file/documents/$"))
    press(citizen_page, "action", "continue")  # the evidence is optional
    citizen_page.wait_for_url(re.compile(r"/file/review/$"))
    assert citizen_page.get_by_text(defendant.national_id).first.is_visible()
    submit(citizen_page)
    citizen_page.wait_for_url(re.compile(r"/submitted/$"))

    plaintiff = User.objects.get(national_id=plaintiff_person.national_id)
    claim = Request.objects.get(service="lawsuit", applicant=plaintiff)
    lawsuit = claim.lawsuit
    assert claim.status == Status.SUBMITTED
    assert (lawsuit.court, lawsuit.category, lawsuit.amount) == (court, category, 45000)
    assert lawsuit.claims == list(CLAIMS)
    assert lawsuit.case_number is None

    # The defendant is not shown the claim before it is registered.
    defendant_page = browser.new_context(locale="ar-SA").new_page()
    defendant_page.set_default_timeout(10_000)
    defendant_page.context.add_cookies([_session_cookie(live_server, defendant)])
    assert defendant_page.goto(base + f"/requests/{claim.pk}/").status == 404

    # The claims-review clerk signs in at the staff door, finds the claim in his queue and opens it.
    queue = "/admin/cases/claimsreviewqueue/"
    clerk_page = signed_in_page(browser, base, clerk_person, queue, door="/admin/login/")
    with clerk_page.expect_navigation():
        clerk_page.get_by_role("link", name=claim.reference).first.click()
    clerk_page.wait_for_url(re.compile(rf"{queue}{claim.pk}/change/$"))

    # He registers it with its circuit and first hearing, in the court room.
    first_at = timezone.localtime() + datetime.timedelta(days=10)
    first_at = first_at.replace(hour=10, minute=30, second=0, microsecond=0)
    clerk_page.locator("#id_register_circuit").fill("الدائرة العامة الثالثة")
    clerk_page.locator("#id_register_starts_at").fill(first_at.strftime("%Y-%m-%dT%H:%M"))
    clerk_page.locator("#id_register_mode").select_option("in_person")
    clerk_page.locator("#id_register_room").fill("7")
    with clerk_page.expect_navigation():
        clerk_page.locator("form:has(input[name=action][value=register]) button[type=submit]").click()
    # The registered claim has left the claims-review queue: the clerk is back at the queue, told
    # the case number.
    clerk_page.wait_for_url(re.compile(rf"{queue}$"))

    claim.refresh_from_db()
    lawsuit.refresh_from_db()
    assert clerk_page.get_by_text(lawsuit.case_number).first.is_visible()
    assert claim.status == Status.IN_PROGRESS
    assert lawsuit.case_number and lawsuit.circuit == "الدائرة العامة الثالثة"
    hearing = Hearing.objects.get(lawsuit=lawsuit)
    assert (timezone.localtime(hearing.starts_at), hearing.mode, hearing.room) == (
        first_at,
        Hearing.Mode.IN_PERSON,
        "7",
    )

    # The citizen finds the first hearing in his sessions, linked to the case's page ...
    citizen_page.goto(base + "/cases/sessions/")
    upcoming = citizen_page.locator("#upcoming")
    link = upcoming.locator(f'a[href="/requests/{claim.pk}/#hearing-{hearing.pk}"]')
    assert link.is_visible()
    assert lawsuit.case_number in link.inner_text()
    day = upcoming.locator(f'time[datetime="{first_at:%Y-%m-%d}"]')
    assert day.is_visible()
    assert upcoming.get_by_text(first_at.strftime("%H:%M")).first.is_visible()

    # ... and on that page, under the case, with its number and time.
    with citizen_page.expect_navigation():
        link.click()
    citizen_page.wait_for_url(re.compile(rf"/requests/{claim.pk}/#hearing-{hearing.pk}$"))
    case = citizen_page.locator("#case")
    assert case.get_by_text(lawsuit.case_number).is_visible()
    entry = case.locator(f"#hearing-{hearing.pk}")
    assert entry.is_visible()
    assert f"{first_at:%Y-%m-%d %H:%M}" in entry.locator("time").inner_text()
    assert entry.locator("bdi", has_text="7").is_visible()  # the court room

    # The defendant, who could not see the claim before, now sees the case and the same hearing.
    assert defendant_page.reload().status == 200
    assert defendant_page.locator("#case").get_by_text(lawsuit.case_number).is_visible()
    defendant_page.goto(base + "/cases/sessions/")
    assert defendant_page.locator(
        f'#upcoming a[href="/requests/{claim.pk}/#hearing-{hearing.pk}"]'
    ).is_visible()
    for page in (citizen_page, clerk_page, defendant_page):
        page.context.close()


def test_after_registering_the_clerk_lands_on_a_page_that_shows_the_case(browser, live_server):
    claim = file_claim(UserFactory(), [UserFactory()])
    clerk = UserFactory(roles=["claims_clerk"])
    page = browser.new_context(locale="ar-SA").new_page()
    page.set_default_timeout(10_000)
    page.context.add_cookies([_session_cookie(live_server, clerk)])
    page.goto(f"{live_server.url}/admin/cases/claimsreviewqueue/{claim.pk}/change/")
    first_at = timezone.localtime() + datetime.timedelta(days=3)
    page.locator("#id_register_circuit").fill("الدائرة العامة الثالثة")
    page.locator("#id_register_starts_at").fill(first_at.strftime("%Y-%m-%dT%H:%M"))
    with page.expect_navigation() as landed:
        page.locator("form:has(input[name=action][value=register]) button[type=submit]").click()
    claim.refresh_from_db()
    assert claim.status == Status.IN_PROGRESS
    assert landed.value.status == 200
    assert page.get_by_text(claim.lawsuit.case_number).first.is_visible()
    page.context.close()
