"""The case's pages through the Django test client: its part of the request page and the parties'
acts posted from it, My sessions, the case inquiry, and the private thread between a party and his
lawyer. Asserts on addresses, status codes, numbers and rows, or on English text."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models import ClientMessage, Hearing, Lawsuit, Memo, Objection, Representative
from cases.services import OBJECTION_WINDOW, hearing_schedule, objection_window_closed
from enforcement.models import PickedInstrument
from poa.services import poa_revoke
from requests_tracker.models import Deadline, Request, Status

from ..clients import english_client as browser
from ..factories import UserFactory
from ..poa.helpers import issue_poa, lawyer
from .helpers import decide, file_claim, judge, register

pytestmark = pytest.mark.django_db


def page(user, claim) -> str:
    response = browser(user).get(reverse("request_detail", args=[claim.pk]))
    assert response.status_code == 200
    return response.content.decode()


def flash(response) -> str:
    """The page a POST redirected to, with its messages."""
    assert response.status_code == 302
    return browser_follow(response)


def browser_follow(response) -> str:
    return response.client.get(response["Location"]).content.decode()


def hearing_of(claim) -> Hearing:
    return Hearing.objects.filter(lawsuit__request=claim).order_by("starts_at").first()


def move(hearing, *, minutes: float) -> None:
    Hearing.objects.filter(pk=hearing.pk).update(starts_at=timezone.now() + timedelta(minutes=minutes))


def case_number(claim) -> str:
    return Lawsuit.objects.get(request=claim).case_number


def made_final(claim) -> None:
    """The 30 days pass without an objection: the deadline's handler makes the judgment final."""
    objection_window_closed(deadline=Deadline.objects.get(request=claim, kind=OBJECTION_WINDOW))


def posts(claim, hearing=None, other=None) -> list[str]:
    urls = [
        reverse("cases:memo", args=[claim.pk]),
        reverse("cases:representative", args=[claim.pk]),
        reverse("cases:objection", args=[claim.pk]),
        reverse("cases:enforce", args=[claim.pk]),
    ]
    if hearing is not None:
        urls.append(reverse("cases:remote_attendance", args=[claim.pk, hearing.pk]))
    if other is not None:
        urls.append(reverse("cases:client_message", args=[claim.pk, other.pk]))
    return urls


@pytest.fixture
def case():
    """A registered case: its plaintiff and defendant, first hearing by video in a week."""
    plaintiff, defendant = UserFactory(), UserFactory()
    claim = register(file_claim(plaintiff, [defendant]))
    return claim, plaintiff, defendant


# --- Who sees the case ------------------------------------------------------------------------------------


def test_a_stranger_gets_404_on_the_case_page_and_every_act(case):
    claim, plaintiff, _defendant = case
    stranger = browser(UserFactory())
    assert stranger.get(reverse("request_detail", args=[claim.pk])).status_code == 404
    for url in posts(claim, hearing_of(claim), other=plaintiff):
        assert stranger.post(url, {"text": "x", "grounds": "x", "body": "x"}).status_code == 404, url
    assert not Memo.objects.exists() and not ClientMessage.objects.exists()
    # A hearing of another case, through this one's address, is not found either.
    other_claim = register(file_claim(UserFactory(), [UserFactory()]))
    wrong = reverse("cases:remote_attendance", args=[claim.pk, hearing_of(other_claim).pk])
    assert browser(plaintiff).post(wrong).status_code == 404


def test_the_acts_need_the_csrf_token(case):
    claim, plaintiff, _defendant = case
    client = Client(enforce_csrf_checks=True)
    client.force_login(plaintiff)
    assert (
        client.post(reverse("cases:memo", args=[claim.pk]), {"kind": "memo", "text": "x"}).status_code == 403
    )
    assert not Memo.objects.exists()


def test_the_defendant_sees_the_case_only_from_its_registration():
    plaintiff, defendant = UserFactory(), UserFactory()
    claim = file_claim(plaintiff, [defendant])
    assert browser(defendant).get(reverse("request_detail", args=[claim.pk])).status_code == 404
    assert browser(defendant).post(reverse("cases:memo", args=[claim.pk]), {"text": "x"}).status_code == 404
    assert 'id="case"' in page(plaintiff, claim), "the plaintiff sees his claim's part before registration"
    register(claim)
    html = page(defendant, claim)
    assert case_number(claim) in html
    assert reverse("cases:remote_attendance", args=[claim.pk, hearing_of(claim).pk]) in html
    assert 'id="hearing-' in html


# --- Hearings and the video link ----------------------------------------------------------------------------


def test_the_video_link_shows_only_once_registered_and_from_15_minutes_before(case):
    claim, plaintiff, defendant = case
    hearing = hearing_of(claim)
    secret = hearing.video_url
    assert secret
    assert secret not in page(plaintiff, claim)
    attend = reverse("cases:remote_attendance", args=[claim.pk, hearing.pk])
    registered = browser(plaintiff).post(attend)
    assert registered.status_code == 302
    assert registered["Location"] == f"{reverse('request_detail', args=[claim.pk])}#hearing-{hearing.pk}"
    html = browser_follow(registered)
    assert "You are registered to attend by video" in html
    assert secret not in html, "registered, but a week before the hearing"
    assert attend not in html, "no second registration button"
    move(hearing, minutes=20)
    assert secret not in page(plaintiff, claim), "20 minutes before: not yet"
    move(hearing, minutes=14)
    assert secret in page(plaintiff, claim)
    assert secret not in page(defendant, claim), "the defendant did not register"
    browser(defendant).post(attend)
    assert secret in page(defendant, claim)
    move(hearing, minutes=-4 * 60)
    assert secret not in page(plaintiff, claim), "the hearing is over"


def test_the_minutes_show_once_recorded(case):
    claim, _plaintiff, defendant = case
    hearing = hearing_of(claim)
    Hearing.objects.filter(pk=hearing.pk).update(
        starts_at=timezone.now() - timedelta(hours=1),
        minutes="Both sides attended; adjourned for the defendant's reply.",
        minutes_at=timezone.now(),
    )
    assert "adjourned for the defendant" in page(defendant, claim)


# --- Memos, the defence and representatives ------------------------------------------------------------------


def test_memos_and_the_defence_are_filed_from_the_case_page(case):
    claim, plaintiff, defendant = case
    url = reverse("cases:memo", args=[claim.pk])
    assert 'value="defence"' not in page(plaintiff, claim), "the defence is the defendant's"
    assert 'value="defence"' in page(defendant, claim)
    html = flash(browser(plaintiff).post(url, {"kind": "memo", "text": "The loan agreement is attached."}))
    assert "Filed." in html and "The loan agreement is attached." in html
    assert "The loan agreement is attached." in page(defendant, claim)
    flash(browser(defendant).post(url, {"kind": "defence", "text": "The money was a gift."}))
    assert Memo.objects.filter(kind="defence", side="defendant", author=defendant).count() == 1
    refused = flash(browser(plaintiff).post(url, {"kind": "defence", "text": "Not mine to file."}))
    assert "The statement of defence is the defendant&#x27;s." in refused
    empty = flash(browser(plaintiff).post(url, {"kind": "memo", "text": ""}))
    assert "This field is required." in empty
    move(hearing_of(claim), minutes=-60)
    assert 'value="defence"' not in page(defendant, claim), "after the first hearing: memos only"
    late = flash(browser(defendant).post(url, {"kind": "defence", "text": "Late."}))
    assert "filed before the first hearing" in late
    assert Memo.objects.count() == 2


def test_a_party_names_his_lawyer_by_national_id(case):
    claim, plaintiff, _defendant = case
    counsel, unauthorised = lawyer(), lawyer()
    issue_poa(plaintiff, [counsel], clauses=("pleading",))
    url = reverse("cases:representative", args=[claim.pk])
    html = flash(browser(plaintiff).post(url, {"lawyer_national_id": counsel.national_id}))
    assert f"{counsel.name_en} represents you on this case." in html
    assert Representative.objects.filter(lawsuit__request=claim, principal=plaintiff, lawyer=counsel).exists()
    refused = flash(browser(plaintiff).post(url, {"lawyer_national_id": unauthorised.national_id}))
    assert "holds no power of attorney from you" in refused
    unknown = flash(browser(plaintiff).post(url, {"lawyer_national_id": "1999999999"}))
    assert "holds no active lawyer licence" in unknown
    # The lawyer sees the case but names no one himself.
    assert url not in page(counsel, claim)
    assert Representative.objects.count() == 1


# --- The judgment, the objection and enforcing -------------------------------------------------------------


def test_the_losing_side_objects_within_the_period(case):
    claim, plaintiff, defendant = case
    judgment = decide(claim, by=judge(), winner="plaintiff")
    url = reverse("cases:objection", args=[claim.pk])
    plaintiff_page = page(plaintiff, claim)
    assert judgment.document.number in plaintiff_page
    assert judgment.objection_until.isoformat() in plaintiff_page
    assert "Not yet: the objection period is running" in plaintiff_page
    assert url not in plaintiff_page, "the side the judgment favours does not object"
    assert reverse("cases:enforce", args=[claim.pk]) not in plaintiff_page, "not final yet"
    assert url in page(defendant, claim)
    refused = flash(browser(plaintiff).post(url, {"grounds": "I want more."}))
    assert "Only the side the judgment went against may object." in refused
    done = flash(browser(defendant).post(url, {"grounds": "The evidence was forged."}))
    assert "Your objection was filed." in done
    assert Objection.objects.filter(judgment=judgment, by=defendant).count() == 1
    html = page(defendant, claim)
    assert url not in html and "No: an objection was filed" in html


def test_the_winner_files_an_enforcement_request_once_the_judgment_is_final(case):
    claim, plaintiff, defendant = case
    judgment = decide(claim, by=judge(), winner="plaintiff")
    url = reverse("cases:enforce", args=[claim.pk])
    assert browser(plaintiff).post(url).status_code == 404, "not final: nothing to enforce"
    made_final(claim)
    assert url in page(plaintiff, claim)
    assert url not in page(defendant, claim)
    assert browser(defendant).post(url).status_code == 404
    started = browser(plaintiff).post(url)
    draft = Request.objects.get(service="enforcement", applicant=plaintiff)
    assert started["Location"] == reverse("wizard_step", kwargs={"pk": draft.pk, "step": "parties"})
    assert draft.status == Status.DRAFT and draft.represented is None
    assert PickedInstrument.objects.get(request=draft).document == judgment.document


def test_a_lawyer_files_the_enforcement_request_for_his_client(case):
    claim, plaintiff, _defendant = case
    counsel = lawyer()
    issue_poa(plaintiff, [counsel], clauses=("pleading", "enforcement_application"))
    decide(claim, by=judge(), winner="plaintiff")
    made_final(claim)
    started = browser(counsel).post(reverse("cases:enforce", args=[claim.pk]))
    draft = Request.objects.get(service="enforcement", applicant=counsel)
    assert started["Location"] == reverse("wizard_step", kwargs={"pk": draft.pk, "step": "parties"})
    assert draft.represented == plaintiff


# --- My sessions ---------------------------------------------------------------------------------------------


def test_my_sessions_lists_the_first_hearing_of_a_registered_case(case):
    claim, plaintiff, defendant = case
    hearing = hearing_of(claim)
    pending = file_claim(plaintiff, [UserFactory()])
    others = register(file_claim(UserFactory(), [UserFactory()]))
    for person in (plaintiff, defendant):
        html = browser(person).get(reverse("cases:sessions")).content.decode()
        upcoming, past = html.split('id="past"')
        assert case_number(claim) in upcoming
        assert f"{reverse('request_detail', args=[claim.pk])}#hearing-{hearing.pk}" in upcoming
        assert timezone.localtime(hearing.starts_at).strftime("%Y-%m-%d") in upcoming
        assert case_number(others) not in html
    assert reverse("request_detail", args=[pending.pk]) not in html
    move(hearing, minutes=-2 * 24 * 60)
    html = browser(plaintiff).get(reverse("cases:sessions")).content.decode()
    upcoming, past = html.split('id="past"')
    assert case_number(claim) in past and case_number(claim) not in upcoming
    assert case_number(claim) not in browser(UserFactory()).get(reverse("cases:sessions")).content.decode()


def test_my_sessions_costs_the_same_queries_for_many_cases(case):
    _claim, plaintiff, _defendant = case
    client = browser(plaintiff)
    client.get(reverse("cases:sessions"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("cases:sessions"))
    for _ in range(3):
        register(file_claim(plaintiff, [UserFactory()]))
    client.get(reverse("cases:sessions"))  # the layout's cached counts (new notices) read again
    with CaptureQueriesContext(connection) as four:
        html = client.get(reverse("cases:sessions")).content.decode()
    assert html.count("#hearing-") == 4
    assert len(four) == len(one) <= 10


# --- The case inquiry --------------------------------------------------------------------------------------


def test_the_inquiry_answers_the_same_for_an_unknown_number_and_someone_elses_case(case):
    claim, plaintiff, defendant = case
    others = register(file_claim(UserFactory(), [UserFactory()]))
    url = reverse("cases:inquiry")
    mine = browser(defendant).get(url, {"case_number": case_number(claim)}).content.decode()
    assert reverse("request_detail", args=[claim.pk]) in mine and claim.reference in mine
    theirs = browser(plaintiff).get(url, {"case_number": case_number(others)})
    unknown = browser(plaintiff).get(url, {"case_number": "14489999999"})
    assert theirs.status_code == unknown.status_code == 200
    answer = "No case found that you are a party to."
    assert answer in theirs.content.decode() and answer in unknown.content.decode()
    assert others.reference not in theirs.content.decode()

    def answer_of(response, number):
        """The page's main part, less the number typed and the one-time tokens of forms."""
        main = re.search(r"<main.*</main>", response.content.decode(), re.DOTALL).group(0)
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main.replace(number, "N"))

    assert answer_of(theirs, case_number(others)) == answer_of(unknown, "14489999999")


def test_the_inquiry_reads_arabic_digits(case):
    claim, _plaintiff, defendant = case
    arabic = case_number(claim).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    html = browser(defendant).get(reverse("cases:inquiry"), {"case_number": arabic}).content.decode()
    assert reverse("request_detail", args=[claim.pk]) in html


# --- The thread between a party and his lawyer -------------------------------------------------------------


def test_the_thread_with_the_lawyer_is_private_to_its_two_people(case):
    claim, plaintiff, defendant = case
    counsel = lawyer()
    poa = issue_poa(plaintiff, [counsel], clauses=("pleading",))
    browser(plaintiff).post(
        reverse("cases:representative", args=[claim.pk]), {"lawyer_national_id": counsel.national_id}
    )
    to_client = reverse("cases:client_message", args=[claim.pk, plaintiff.pk])
    to_lawyer = reverse("cases:client_message", args=[claim.pk, counsel.pk])
    assert to_client in page(counsel, claim)
    assert to_lawyer in page(plaintiff, claim)
    sent = browser(counsel).post(to_client, {"body": "Bring the original contract on Sunday."})
    assert sent["Location"].endswith(f"#client-thread-{plaintiff.pk}")
    browser(plaintiff).post(to_lawyer, {"body": "I will."})
    assert "Bring the original contract on Sunday." in page(plaintiff, claim)
    assert "I will." in page(counsel, claim)
    defendant_page = page(defendant, claim)
    assert "Bring the original contract" not in defendant_page and "client-thread-" not in defendant_page
    assert (
        "Bring the original contract"
        not in browser(judge()).get(reverse("request_detail", args=[claim.pk])).content.decode()
    )
    # Nobody else writes in it, nor opens a thread with either of them.
    assert browser(defendant).post(to_client, {"body": "Hello"}).status_code == 404
    assert browser(defendant).post(to_lawyer, {"body": "Hello"}).status_code == 404
    assert browser(UserFactory()).post(to_client, {"body": "Hello"}).status_code == 404
    assert ClientMessage.objects.count() == 2
    # Empty or too long: refused with the reason, nothing written.
    assert "This field is required." in flash(browser(plaintiff).post(to_lawyer, {"body": "  "}))
    assert "at most 4000 characters" in flash(browser(plaintiff).post(to_lawyer, {"body": "x" * 4001}))
    assert ClientMessage.objects.count() == 2
    # The POA ends: the lawyer loses the case, and the client no longer sees the thread.
    poa_revoke(request=poa, actor=plaintiff)
    assert browser(counsel).get(reverse("request_detail", args=[claim.pk])).status_code == 404
    assert browser(counsel).post(to_client, {"body": "Still here?"}).status_code == 404
    html = page(plaintiff, claim)
    assert "I will." not in html and to_lawyer not in html
    assert browser(plaintiff).post(to_lawyer, {"body": "Hello?"}).status_code == 404


# --- Cost of the page --------------------------------------------------------------------------------------


def queries_for(user, claim) -> int:
    client = browser(user)
    client.get(reverse("request_detail", args=[claim.pk]))  # the layout's cached counts, read once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("request_detail", args=[claim.pk])).status_code == 200
    return len(queries)


def test_the_case_page_stays_within_25_queries_and_does_not_grow_with_the_case(case):
    claim, plaintiff, defendant = case
    memo_url = reverse("cases:memo", args=[claim.pk])
    browser(plaintiff).post(memo_url, {"kind": "memo", "text": "One."})
    browser(plaintiff).post(reverse("cases:remote_attendance", args=[claim.pk, hearing_of(claim).pk]))
    judge_user = judge()
    small = {person: queries_for(person, claim) for person in (plaintiff, defendant)}
    for day in range(2, 6):
        hearing_schedule(request=claim, actor=judge_user, starts_at=timezone.now() + timedelta(days=7 * day),
                         mode="video")  # fmt: skip
        browser(defendant).post(memo_url, {"kind": "memo", "text": f"Reply {day}."})
    for hearing in Hearing.objects.filter(lawsuit__request=claim):
        browser(defendant).post(reverse("cases:remote_attendance", args=[claim.pk, hearing.pk]))
    for person in (plaintiff, defendant):
        assert queries_for(person, claim) == small[person] <= 25
    decide(claim, by=judge_user, winner="plaintiff")
    assert queries_for(plaintiff, claim) <= 25 and queries_for(defendant, claim) <= 25
    made_final(claim)
    assert queries_for(plaintiff, claim) <= 25 and queries_for(defendant, claim) <= 25


def test_the_threads_cost_the_same_however_many_messages(case):
    claim, plaintiff, _defendant = case
    counsel = lawyer()
    issue_poa(plaintiff, [counsel], clauses=("pleading",))
    browser(plaintiff).post(
        reverse("cases:representative", args=[claim.pk]), {"lawyer_national_id": counsel.national_id}
    )
    to_client = reverse("cases:client_message", args=[claim.pk, plaintiff.pk])
    browser(counsel).post(to_client, {"body": "First."})
    before = {person: queries_for(person, claim) for person in (plaintiff, counsel)}
    # Above the parties' 25: the lawyer's representations are asked again to keep the thread to
    # the time his power of attorney lasts.
    assert max(before.values()) <= 30
    for number in range(5):
        browser(counsel).post(to_client, {"body": f"Message {number}."})
    assert {person: queries_for(person, claim) for person in (plaintiff, counsel)} == before
