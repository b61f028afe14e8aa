"""A creditor files an enforcement request and the debtor pays it, in a real browser."""

import re
import uuid

import pytest

from requests_tracker.models import Request, Status
from requests_tracker.services import request_transition

from ..enforcement.helpers import DEBTOR_PARTICULARS, bank_account
from ..factories import UserFactory
from ..files import pdf_bytes
from .test_filing import _session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IBAN = "SA0380000000608010167519"


def test_a_creditor_files_and_the_debtor_pays_after_the_execution_order(browser, live_server, tmp_path):
    creditor, debtor = UserFactory(), UserFactory(name_ar="ماجد بن سالم المري")
    bank_account(creditor, iban=IBAN)
    creditor_page = browser.new_context(locale="ar-SA").new_page()
    creditor_page.context.add_cookies([_session_cookie(live_server, creditor)])

    creditor_page.goto(live_server.url + "/services/enforcement/")
    creditor_page.get_by_role("button", name="ابدأ الآن").click()
    creditor_page.get_by_label("رقم الهوية").fill(debtor.national_id)
    # A Saudi's national ID gives his nationality; his national address is asked for.
    creditor_page.get_by_label("العنوان الوطني").fill(DEBTOR_PARTICULARS["national_address"])
    creditor_page.get_by_role("button", name="إضافة هذا الطرف").click()
    # A registered debtor is shown to the creditor by first and last name only.
    assert creditor_page.get_by_text("ماجد … المري").is_visible()
    creditor_page.get_by_role("button", name="متابعة").click()

    creditor_page.get_by_role("radio", name="تنفيذ مالي").check()
    creditor_page.get_by_label("السند التنفيذي").select_option("cheque")
    creditor_page.get_by_label("رقم السند").fill("778812")
    creditor_page.get_by_label("تاريخ السند").fill("2026-10-01")
    creditor_page.get_by_label("جهة الإصدار").fill("مصرف الراجحي")
    creditor_page.get_by_label("المبلغ (ريال)").fill("7500")
    creditor_page.get_by_role("button", name="حفظ ومتابعة").click()
    creditor_page.get_by_label("الآيبان").fill(IBAN)
    creditor_page.get_by_role("button", name="حفظ ومتابعة").click()

    cheque = tmp_path / "cheque.pdf"
    cheque.write_bytes(pdf_bytes())
    creditor_page.get_by_label("الملف").set_input_files(str(cheque))
    creditor_page.get_by_role("button", name="رفع").click()
    creditor_page.get_by_role("link", name="cheque.pdf").wait_for()
    creditor_page.get_by_role("button", name="المتابعة إلى المراجعة").click()
    creditor_page.get_by_role("button", name="تقديم الطلب").click()
    creditor_page.wait_for_url(re.compile(r"/submitted/$"))

    filed = Request.objects.get(applicant=creditor)
    clerk, judge = UserFactory(roles=["enforcement_clerk"]), UserFactory(roles=["enforcement_judge"])
    request_transition(request=filed, to=Status.UNDER_REVIEW, actor=clerk)
    request_transition(request=filed, to=Status.IN_PROGRESS, actor=clerk)
    request_transition(
        request=filed, to=Status.IN_EXECUTION, actor=judge, decision=f"أمر تنفيذ {uuid.uuid4().hex[:6]}"
    )

    debtor_page = browser.new_context(locale="ar-SA").new_page()
    debtor_page.context.add_cookies([_session_cookie(live_server, debtor)])
    debtor_page.goto(live_server.url + "/requests/")
    debtor_page.get_by_role("link", name=filed.reference).click()
    debtor_page.get_by_role("link", name="سداد").click()
    debtor_page.get_by_role("button", name="ادفع الآن").click()
    debtor_page.wait_for_url(re.compile(rf"/requests/{filed.pk}/$"))

    filed.refresh_from_db()
    assert filed.status == Status.COMPLETED
    assert debtor_page.get_by_text("منفذ").first.is_visible()
