"""A creditor on an Arabic keyboard files an enforcement request in a real browser: the debtor's ID
and the amount typed in Arabic-Indic digits are kept, in Latin digits, and shown back with separators."""

import re
from decimal import Decimal

import pytest

from enforcement.models import ExecutionRequest
from identity.validators import luhn_check_digit
from requests_tracker.models import Request

from ..enforcement.helpers import bank_account
from ..factories import UserFactory
from ..files import pdf_bytes
from .test_filing import _session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IBAN = "SA0380000000608010167519"


def arabic_indic(text: str) -> str:
    """As typed on an Arabic keyboard: Arabic-Indic digits, and the Arabic thousands and decimal
    separators (U+066C, U+066B) in place of the comma and the point."""
    return text.translate(str.maketrans("0123456789,.", "٠١٢٣٤٥٦٧٨٩\u066c\u066b"))


def test_a_creditor_types_the_debtors_id_and_the_amount_in_arabic_indic_digits(page, live_server, tmp_path):
    creditor = UserFactory()
    bank_account(creditor, iban=IBAN)
    debtor_id = "1" + "02030405"
    debtor_id += luhn_check_digit(debtor_id)
    page.context.add_cookies([_session_cookie(live_server, creditor)])

    page.goto(live_server.url + "/services/enforcement/")
    page.get_by_role("button", name="ابدأ الآن").click()
    # Typed key by key, as a keyboard does: a browser that refused these digits would drop them here.
    page.get_by_label("رقم الهوية").press_sequentially(arabic_indic(debtor_id))
    page.get_by_label("الاسم الكامل").fill("مدين غير مسجل")
    page.get_by_label("رقم الجوال").press_sequentially(arabic_indic("0501234567"))
    page.get_by_role("button", name="إضافة هذا الطرف").click()
    page.get_by_text(debtor_id).wait_for()
    page.get_by_role("button", name="متابعة").click()

    page.get_by_role("radio", name="تنفيذ مالي").check()
    page.get_by_label("السند التنفيذي").select_option("cheque")
    page.get_by_label("رقم السند").press_sequentially(arabic_indic("778812"))
    page.get_by_label("تاريخ السند").fill("2026-10-01")
    page.get_by_label("جهة الإصدار").fill("مصرف الراجحي")
    page.get_by_label("المبلغ (ريال)").press_sequentially(arabic_indic("12,500.50"))
    page.get_by_role("button", name="حفظ ومتابعة").click()
    page.get_by_label("الآيبان").fill(IBAN)
    page.get_by_role("button", name="حفظ ومتابعة").click()

    cheque = tmp_path / "cheque.pdf"
    cheque.write_bytes(pdf_bytes())
    page.get_by_label("الملف").set_input_files(str(cheque))
    page.get_by_role("button", name="رفع").click()
    page.get_by_role("link", name="cheque.pdf").wait_for()
    page.get_by_role("button", name="المتابعة إلى المراجعة").click()
    page.wait_for_url(re.compile(r"/review/$"))

    assert page.get_by_text("12,500.50\u00a0ر.س").is_visible()
    filed = Request.objects.get(applicant=creditor)
    execution = ExecutionRequest.objects.get(request=filed)
    assert (execution.amount, execution.instrument_number) == (Decimal("12500.50"), "778812")
    debtor = filed.parties.get(role="debtor")
    assert (debtor.id_number, debtor.phone) == (debtor_id, "+966501234567")
