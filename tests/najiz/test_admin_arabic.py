"""The staff queues read in Arabic: no English left from Django's admin, dates day first with
Arabic month names, and sizes and numbers written as the Kingdom writes them."""

import re
from datetime import date
from html.parser import HTMLParser

import pytest
from django import forms
from django.utils import timezone, translation
from django.utils.formats import date_format

from identity.digits import file_size_text

from ..enforcement.test_enforcement import execution_order
from ..factories import UserFactory

QUEUE = "/admin/enforcement/enforcementqueue/"
ARABIC_MONTHS = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)  # fmt: skip

# What Django's admin writes in English unless a catalogue translates it: the action bar, the
# filter and search tools, the paging and the buttons. The first ones were in English in Arabic.
ENGLISH_ADMIN_WORDS = re.compile(
    r"\b(Run|Select an option|Filter by|Pagination|Search|Filter|Show counts|Hide counts|Go|Save|"
    r"Action|Home|Log out|Welcome|View site|History|Show all|results?|total|Clear all filters)\b"
)


class ReadText(HTMLParser):
    """What a person sees or hears on a page: its text and the attributes read out in its place."""

    SPOKEN = ("alt", "title", "placeholder", "aria-label", "value")

    def __init__(self):
        super().__init__()
        self.hidden = 0
        self.texts = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.hidden += 1
        attributes = dict(attrs)
        for name in self.SPOKEN:
            if name == "value" and attributes.get("type") not in ("submit", "button"):
                continue
            if attributes.get(name):
                self.texts.append(attributes[name])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.texts.append(" ".join(data.split()))


def english_left(html: str) -> list[str]:
    reader = ReadText()
    reader.feed(html)
    return [text for text in reader.texts if ENGLISH_ADMIN_WORDS.search(text)]


@pytest.fixture
def staff_client(client, db):
    """An enforcement clerk signed in, the page in Arabic (the portal's default language)."""
    client.force_login(UserFactory(roles=["enforcement_clerk"]))
    return client


@pytest.mark.django_db
def test_the_queue_speaks_arabic_from_the_index_to_the_request(staff_client):
    request, _creditor, _debtor = execution_order()
    pages = {
        "index": "/admin/",
        "queue": QUEUE,
        "queue filtered and searched": f"{QUEUE}?status=in_execution&q=nothing-matches",
        "request": f"{QUEUE}{request.pk}/change/",
    }
    for name, url in pages.items():
        response = staff_client.get(url)
        assert response.status_code == 200, name
        assert english_left(response.text) == [], f"English on the {name} page"

    queue = staff_client.get(QUEUE).text
    assert "- اختر -" in queue and ">نفّذ</button>" in queue, "the action bar in Arabic"
    assert 'id="changelist-filter"' in queue, "the queue has its filter sidebar"


@pytest.mark.django_db
def test_the_request_page_writes_dates_day_month_year_with_arabic_month_names(staff_client):
    request, _creditor, _debtor = execution_order()
    submitted = timezone.localtime(request.submitted_at)
    page = staff_client.get(f"{QUEUE}{request.pk}/change/").text

    written = f"{submitted.day} {ARABIC_MONTHS[submitted.month - 1]} {submitted.year}، {submitted:%H:%M}"
    assert written in page
    assert submitted.strftime("%B") not in page, "no English month name"


def test_dates_are_typed_and_read_day_first_in_both_languages():
    field = forms.DateField()
    for language in ("ar", "en"):
        with translation.override(language):
            assert field.clean("27/11/2026") == date(2026, 11, 27), "day first, never the American order"
            assert field.clean("2026-11-27") == date(2026, 11, 27), "the date pickers send ISO"
    with translation.override("en"):
        assert date_format(date(2026, 11, 27)) == "27 November 2026"
        assert date_format(date(2026, 11, 27), "SHORT_DATE_FORMAT") == "27/11/2026"


def test_file_sizes_keep_their_number_and_unit_together_in_either_direction():
    with translation.override("ar"):
        assert file_size_text(10 * 1024 * 1024) == "\u206810.0\xa0م.ب\u2069", "isolated in plain text"
        assert file_size_text(5) == "\u20685\xa0بايتات\u2069", "the Arabic plural of a few bytes"  # noqa: RUF001
    with translation.override("en"):
        assert file_size_text(1536) == "\u20681.5\xa0KB\u2069"
