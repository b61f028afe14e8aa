"""A citizen signs in through the national SSO in a real browser."""

import re

import pytest

from identity.models import OutboxMessage

from ..factories import PERSON_PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_signs_in_with_id_password_and_sms_code_accepts_the_terms_and_is_greeted(page, live_server):
    person = PersonFactory(name_ar="منيرة بنت خالد السبيعي")

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="تسجيل الدخول").click()
    page.get_by_role("button", name="المتابعة إلى النفاذ الوطني الموحد").click()

    # The SSO's own pages, visibly another service.
    assert page.locator("body.sso").count() == 1
    page.get_by_label("رقم الهوية الوطنية").fill(person.national_id)
    page.get_by_label("كلمة المرور").fill(PERSON_PASSWORD)
    page.get_by_role("button", name="تسجيل الدخول").click()

    code = re.search(r"\d{6}", OutboxMessage.objects.get(recipient=person.phone).body).group(0)
    page.get_by_label("رمز التحقق").fill(code)
    page.get_by_role("button", name="تأكيد").click()

    # The SSO posts the id_token back; the portal asks for the terms on the first sign-in.
    page.wait_for_url(re.compile(r"/terms/"))
    page.get_by_label("قرأت شروط الاستخدام وأوافق عليها").check()
    page.get_by_role("button", name="متابعة").click()
    page.wait_for_url(live_server.url + "/")
    assert page.locator(".signed-in-as").inner_text() == "منيرة بنت خالد السبيعي"

    page.get_by_role("button", name="تسجيل الخروج").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="تسجيل الدخول").is_visible()


def test_a_citizen_signs_in_by_picking_the_number_in_the_nafath_app(page, live_server):
    person = PersonFactory(name_ar="هيفاء بنت علي الزهراني")

    page.goto(live_server.url + "/accounts/national_sso/login/?next=/")
    page.get_by_role("button", name="المتابعة إلى النفاذ الوطني الموحد").click()
    page.get_by_role("link", name="تسجيل الدخول عبر تطبيق نفاذ بدلًا من ذلك").click()
    page.get_by_label("رقم الهوية الوطنية").fill(person.national_id)
    page.get_by_role("button", name="إرسال الطلب إلى التطبيق").click()
    number = page.locator(".nafath-number").inner_text()

    # The app, on the person's phone: the link stands for the app's notification.
    link = re.search(r"(/sso/app/[\w-]+/)", OutboxMessage.objects.get(recipient=person.phone).body).group(1)
    app = page.context.browser.new_page()
    app.goto(live_server.url + link)
    # The pick is a form posted to the SSO: closing the app before its answer arrives could abort it.
    with app.expect_navigation():
        app.get_by_role("button", name=number, exact=True).click()
    app.close()

    # The sign-in page notices by itself (htmx polling) and posts the id_token to the portal: a poll,
    # a reload, the SSO's answer, the portal's callback. On two cores busy with the other worker's
    # browser tours, that chain has taken over 15 seconds.
    page.wait_for_url(re.compile(r"/terms/"), timeout=30_000)
    page.get_by_label("قرأت شروط الاستخدام وأوافق عليها").check()
    page.get_by_role("button", name="متابعة").click()
    assert page.locator(".signed-in-as").inner_text() == "هيفاء بنت علي الزهراني"
