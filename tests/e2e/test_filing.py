"""A citizen files a certified-copy request in a real browser and finds it under My requests."""

import re

import pytest

from requests_tracker.models import Request, Status

from ..factories import UserFactory
from ..files import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_files_a_certified_copy_request_and_follows_it(page, live_server, tmp_path):
    citizen = UserFactory(name_ar="سعاد بنت محمد الحربي")
    page.context.add_cookies([_session_cookie(live_server, citizen)])

    page.goto(live_server.url + "/")
    page.get_by_label("البحث في الخدمات").fill("مصدقة")
    page.get_by_role("link", name="صورة مصدقة من صك أو حكم").click()
    page.get_by_role("button", name="ابدأ الآن").click()

    page.get_by_role("radio", name="صك", exact=True).check()
    page.get_by_label("رقم الصك أو الحكم").fill("4310256789")
    page.get_by_label("الغرض").fill("تقديمها إلى البنك")
    page.get_by_label("التنزيل من البوابة").check()
    page.get_by_role("button", name="حفظ ومتابعة").click()

    scan = tmp_path / "deed.pdf"
    scan.write_bytes(pdf_bytes())
    page.get_by_label("الملف").set_input_files(str(scan))
    page.get_by_role("button", name="رفع").click()
    page.get_by_role("link", name="deed.pdf").wait_for()
    page.get_by_role("button", name="المتابعة إلى المراجعة").click()

    assert page.get_by_text("4310256789").is_visible()
    page.get_by_role("button", name="تقديم الطلب").click()
    page.wait_for_url(re.compile(r"/submitted/$"))
    filed = Request.objects.get(applicant=citizen)
    assert filed.status == Status.SUBMITTED
    assert page.locator(".reference").inner_text() == filed.reference

    page.get_by_role("link", name="طلباتي").first.click()
    row = page.locator("tr", has_text=filed.reference)
    assert row.get_by_text("جديد").is_visible()


def _session_cookie(live_server, user):
    """Sign in as the SSO would leave the browser: a portal session for ``user``."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return {"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}
