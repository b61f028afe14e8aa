"""What filing an enforcement request checks: the instrument's date (never in the future, in either
calendar), the creditor's own bank account, the debtors' particulars and a portal judgment's finality."""

import datetime
import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from enforcement.bank import InsufficientBalance, NoAccount, bank_registry
from enforcement.forms import CREDITOR_KEY, CreditorAccountForm
from enforcement.models import BankAccount, ExecutionRequest
from enforcement.services import execution_check, execution_save_account, execution_save_details
from identity.fields import HijriOrGregorianDateField
from requests_tracker.errors import NoteRequired
from requests_tracker.models import IdType, PartyRole, Request, Status
from requests_tracker.services import document_add, request_party_add, request_start, request_submit

from ..factories import UserFactory
from ..files import pdf_upload
from .helpers import DEBTOR_PARTICULARS, bank_account
from .test_digits import arabic_indic

pytestmark = pytest.mark.django_db

INSTRUMENT = {
    "request_type": "financial", "instrument_type": "cheque", "instrument_number": "778812",
    "instrument_issuer": "Al Rajhi Bank", "instrument_in_arabic": "on", "amount": "7500",
}  # fmt: skip


@pytest.fixture
def english_client(client, citizen):
    client.force_login(citizen)
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def enforcement_draft(citizen):
    return request_start(service="enforcement", applicant=citizen, start_token=uuid.uuid4())


def post_instrument(client, draft, **date):
    return client.post(reverse("wizard_step", args=[draft.pk, "instrument"]), {**INSTRUMENT, **date})


def ready_to_submit(creditor, *, applicant=None, iban=None, debtor_particulars=DEBTOR_PARTICULARS):
    """A draft with every step answered, filed by ``applicant`` (a lawyer) for ``creditor`` or by the
    creditor himself, paid into ``iban`` (by default the creditor's own account)."""
    applicant = applicant or creditor
    filed = request_start(
        service="enforcement",
        applicant=applicant,
        represented=creditor if applicant != creditor else None,
        start_token=uuid.uuid4(),
    )
    execution_save_details(
        request=filed,
        data={
            "request_type": "financial", "instrument_type": "cheque", "instrument_number": "778812",
            "instrument_date": timezone.localdate() - timedelta(days=3), "instrument_issuer": "Al Rajhi Bank",
            "instrument_in_arabic": True, "amount": Decimal("7500.00"), "title_deeds": "",
        },
        actor=applicant,
    )  # fmt: skip
    execution_save_account(
        request=filed, data={"creditor_iban": iban or bank_account(creditor).iban}, actor=applicant
    )
    request_party_add(
        request=filed, actor=applicant, role=PartyRole.DEBTOR, id_type=IdType.NATIONAL_ID,
        id_number=UserFactory().national_id, **debtor_particulars,
    )  # fmt: skip
    document_add(request=filed, actor=applicant, upload=pdf_upload("cheque.pdf"), kind="instrument")
    return filed


# --- The instrument's date --------------------------------------------------------------------------


def test_an_instrument_dated_in_the_future_is_refused_beside_the_date(english_client, enforcement_draft):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = post_instrument(english_client, enforcement_draft, instrument_date=tomorrow.isoformat())
    assert response.status_code == 200
    assert "The instrument&#x27;s date cannot be in the future" in response.text
    assert 'href="#id_instrument_date_0"' in response.text, "the error summary leads to the date box"
    assert not ExecutionRequest.objects.filter(request=enforcement_draft).exists()

    post_instrument(english_client, enforcement_draft, instrument_date=timezone.localdate().isoformat())
    assert ExecutionRequest.objects.get(request=enforcement_draft).instrument_date == timezone.localdate()


def test_a_hijri_date_is_stored_as_its_gregorian_day_and_shown_in_both(english_client, enforcement_draft):
    page = english_client.get(reverse("wizard_step", args=[enforcement_draft.pk, "instrument"])).text
    assert '<label for="id_instrument_date_0">' in page
    assert (
        'name="instrument_date_calendar" value="hijri"' in page
        and "<legend>Calendar of the date</legend>" in page
    )

    # Typed on an Arabic keyboard, day first, as Hijri dates are often written.
    post_instrument(
        english_client,
        enforcement_draft,
        instrument_date=arabic_indic("01/01/1447"),
        instrument_date_calendar="hijri",
    )
    execution = ExecutionRequest.objects.get(request=enforcement_draft)
    assert execution.instrument_date == datetime.date(2025, 6, 26)

    review = english_client.get(reverse("wizard_step", args=[enforcement_draft.pk, "review"])).text
    assert "26 June 2025 (1 Muharram 1447 AH)" in review


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1447-13-01", "A Hijri month is from 1 to 12; 13 is not."),
        ("1447-02-30", "Safar 1447 AH has 29 days: there is no day 30."),
        ("2026-01-01", "A Hijri year is from 1343 to 1500; 2026 is not. Is this a Gregorian date?"),
    ],
)
def test_a_hijri_date_that_does_not_exist_is_refused_by_name(
    english_client, enforcement_draft, typed, message
):
    response = post_instrument(
        english_client, enforcement_draft, instrument_date=typed, instrument_date_calendar="hijri"
    )
    assert message in response.text
    assert not ExecutionRequest.objects.filter(request=enforcement_draft).exists()


def test_a_hijri_year_given_as_gregorian_is_caught_rather_than_stored_as_the_year_1447():
    with translation.override("en"):
        field = HijriOrGregorianDateField()
        with pytest.raises(Exception, match="1447 is a Hijri year"):
            field.clean(["1447-01-01", "gregorian"])
        assert field.clean(["2025-06-26", ""]) == datetime.date(2025, 6, 26)
        assert field.clean(["1447/1/1", "hijri"]) == datetime.date(2025, 6, 26)


# --- The creditor's account -------------------------------------------------------------------------


def test_someone_elses_iban_is_refused_at_the_account_step_naming_the_creditor(english_client, citizen):
    draft = request_start(service="enforcement", applicant=citizen, start_token=uuid.uuid4())
    post_instrument(english_client, draft, instrument_date="2026-10-01")
    someone_else = bank_account(UserFactory())
    response = english_client.post(
        reverse("wizard_step", args=[draft.pk, "account"]), {"creditor_iban": someone_else.iban}
    )
    assert response.status_code == 200
    assert f"is not registered to the ID of {escape(citizen.name_en)} at any bank" in response.text
    assert ExecutionRequest.objects.get(request=draft).creditor_iban == ""

    unknown = "SA0380000000608010167519"
    response = english_client.post(
        reverse("wizard_step", args=[draft.pk, "account"]), {"creditor_iban": unknown}
    )
    assert "No bank holds an active account with the IBAN" in response.text

    own = bank_account(citizen)
    english_client.post(reverse("wizard_step", args=[draft.pk, "account"]), {"creditor_iban": own.iban})
    assert ExecutionRequest.objects.get(request=draft).creditor_iban == own.iban


def test_the_account_form_checks_the_creditor_it_was_loaded_with_not_one_posted():
    creditor, other = UserFactory(), UserFactory()
    others = bank_account(other)
    form = CreditorAccountForm(
        data={"creditor_iban": others.iban, CREDITOR_KEY: other.national_id},
        initial={CREDITOR_KEY: creditor.national_id},
    )
    assert not form.is_valid() and "creditor_iban" in form.errors
    assert CreditorAccountForm(
        data={"creditor_iban": bank_account(creditor).iban, CREDITOR_KEY: creditor.national_id}
    ).is_valid()


def test_the_creditors_own_iban_is_accepted_and_the_request_submitted():
    creditor = UserFactory()
    filed = ready_to_submit(creditor)
    assert execution_check(filed) == []
    request_submit(request=filed, actor=creditor)
    filed.refresh_from_db()
    assert filed.status == Status.SUBMITTED


def test_someone_elses_iban_or_a_closed_account_is_refused_at_submission():
    creditor = UserFactory()
    filed = ready_to_submit(creditor, iban=bank_account(UserFactory()).iban)
    with translation.override("en"), pytest.raises(NoteRequired) as refused:
        request_submit(request=filed, actor=creditor)
    assert "is not registered to the ID of" in refused.value.message

    # Returned for amendment and resubmitted: the account was closed in between.
    own = bank_account(creditor)
    execution_save_account(request=filed, data={"creditor_iban": own.iban}, actor=creditor)
    filed = Request.objects.get(pk=filed.pk)
    assert execution_check(filed) == []
    BankAccount.objects.filter(pk=own.pk).update(active=False)
    with translation.override("en"), pytest.raises(NoteRequired, match="No bank holds an active account"):
        request_submit(request=filed, actor=creditor)
    filed.refresh_from_db()
    assert filed.status == Status.DRAFT


def test_a_lawyer_filing_for_a_client_gives_the_clients_iban_not_his_own(representation):
    client_user, lawyer = UserFactory(), UserFactory(roles=["lawyer"])
    representation(lawyer, client_user, services=["enforcement"])
    filed = ready_to_submit(client_user, applicant=lawyer, iban=bank_account(lawyer).iban)
    with translation.override("en"):
        assert any(
            f"registered to the ID of {client_user.name_en}" in problem for problem in execution_check(filed)
        )
    execution_save_account(
        request=filed, data={"creditor_iban": bank_account(client_user).iban}, actor=lawyer
    )
    assert execution_check(Request.objects.get(pk=filed.pk)) == []


# --- The debtors' particulars -----------------------------------------------------------------------


def test_a_debtor_without_nationality_and_national_address_blocks_the_submission():
    creditor = UserFactory()
    filed = ready_to_submit(creditor, debtor_particulars={})
    request_party_add(
        request=filed, actor=creditor, role=PartyRole.DEBTOR, id_type=IdType.IQAMA, id_number="2000000008",
        name="Resident Debtor", phone="0501234567",
    )  # fmt: skip
    with translation.override("en"):
        problems = execution_check(filed)
    # A Saudi national ID gives the nationality; the address is still needed.
    saudi = filed.parties.get(role=PartyRole.DEBTOR, id_type=IdType.NATIONAL_ID)
    assert any(problem.endswith(": give the national address.") for problem in problems), problems
    assert "Debtor Resident Debtor: give the nationality and the national address." in problems
    with pytest.raises(NoteRequired):
        request_submit(request=filed, actor=creditor)

    filed.parties.filter(pk=saudi.pk).update(national_address=DEBTOR_PARTICULARS["national_address"])
    filed.parties.filter(id_number="2000000008").update(**DEBTOR_PARTICULARS)
    assert execution_check(filed) == []


# --- A judgment the portal issued -------------------------------------------------------------------


def test_a_portal_judgment_not_final_yet_is_refused_and_taken_once_final():
    from ..cases.helpers import thirty_days_pass
    from ..cases.test_judgments import decided_case, enforcement_with_number

    _claim, judgment, plaintiff, defendant = decided_case()
    filed = enforcement_with_number(plaintiff, defendant, judgment.document.number)
    with translation.override("en"):
        assert execution_check(filed) == [
            f"Judgment {judgment.document.number} is not final yet: it can be enforced once the objection "
            "period ends."
        ]
    thirty_days_pass()
    assert execution_check(filed) == []


# --- The banks' registry ----------------------------------------------------------------------------


def test_a_transfer_moves_money_between_accounts_and_is_refused_without_account_or_balance():
    debtor, creditor = UserFactory(), UserFactory()
    into = bank_account(creditor, balance="0")
    registry = bank_registry()
    with pytest.raises(NoAccount):
        registry.order_transfer(
            from_national_id=debtor.national_id, to_iban=into.iban, amount=Decimal("1500"), reference="M-1"
        )
    source = bank_account(debtor, balance="1000.00")
    with pytest.raises(InsufficientBalance):
        registry.order_transfer(
            from_national_id=debtor.national_id, to_iban=into.iban, amount=Decimal("1500"), reference="M-1"
        )
    order = registry.order_transfer(
        from_national_id=debtor.national_id, to_iban=into.iban, amount=Decimal("400.00"), reference="M-1"
    )
    assert order
    source.refresh_from_db()
    into.refresh_from_db()
    assert (source.balance, into.balance) == (Decimal("600.00"), Decimal("400.00"))
    assert [account.iban for account in registry.accounts_of(debtor.national_id)] == [source.iban]
    assert registry.owner_of(into.iban.lower()) == creditor.national_id
