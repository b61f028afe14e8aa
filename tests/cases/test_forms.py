"""The filing wizard's own steps for a claim: the court and its case category, and the claim itself
(claims one per line, the children of a family claim)."""

import pytest
from django.utils import translation

from cases.forms import ClaimForm, CourtForm, FamilyCourtForm
from cases.models import CaseCategory, Court, CourtType

pytestmark = pytest.mark.django_db


def court(court_type, city="Riyadh"):
    return Court.objects.get(court_type=court_type, city_en=city)


def category(code):
    return CaseCategory.objects.get(code=code)


def flat(choices):
    """A select's values, its groups (optgroups) opened."""
    values = set()
    for value, label in choices:
        if isinstance(label, list | tuple):
            values.update(inner for inner, _label in label)
        elif value:
            values.add(value)
    return values


CLAIM = {
    "national_address": "RRRD2929",
    "subject": "مطالبة مالية",
    "facts": "أقرضته ولم يسدد.",
    "claims": "إلزامه بالسداد",
    "amount": "",
    "children": "",
}


# --- The court and the category --------------------------------------------------------------------


def test_a_category_of_the_chosen_court_is_accepted():
    form = CourtForm({"court": court(CourtType.GENERAL).pk, "category": category("loan_repayment").pk})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["court"] == court(CourtType.GENERAL)
    assert form.cleaned_data["category"] == category("loan_repayment")


def test_a_category_another_court_hears_is_refused_with_a_clear_error():
    form = CourtForm({"court": court(CourtType.GENERAL).pk, "category": category("unpaid_wages").pk})
    assert not form.is_valid()
    with translation.override("en"):
        assert form.errors["category"] == [
            "This court does not hear this kind of claim: choose another court or category."
        ]


def test_only_sub_categories_are_offered_grouped_under_their_parent():
    form = CourtForm()
    offered = flat(form.fields["category"].choices)
    assert str(category("loan_repayment").pk) in offered
    assert str(category("general_financial").pk) not in offered, "a parent category is a heading"
    with translation.override("en"):
        groups = [
            label for _value, label in CourtForm().fields["category"].choices if isinstance(label, list)
        ]
        assert groups
        headings = [label for label, _options in CourtForm().fields["category"].choices[1:]]
        assert "Financial rights — General court" in headings


def test_courts_are_grouped_by_city():
    with translation.override("en"):
        cities = [label for label, _options in CourtForm().fields["court"].choices[1:]]
    assert {"Riyadh", "Jeddah", "Makkah", "Madinah", "Dammam"} <= set(cities)


def test_the_lawsuit_wizard_offers_no_custody_and_the_family_wizard_only_family_claims():
    lawsuit = flat(CourtForm().fields["category"].choices)
    family = flat(FamilyCourtForm().fields["category"].choices)
    custody = str(category("custody").pk)
    assert custody not in lawsuit and custody in family
    assert str(category("loan_repayment").pk) not in family
    family_courts = flat(FamilyCourtForm().fields["court"].choices)
    assert family_courts == {
        str(pk)
        for pk in Court.objects.filter(court_type=CourtType.PERSONAL_STATUS).values_list("pk", flat=True)
    }


def test_the_family_wizard_refuses_a_general_court_even_if_posted():
    form = FamilyCourtForm({"court": court(CourtType.GENERAL).pk, "category": category("custody").pk})
    assert not form.is_valid()
    assert "court" in form.errors


# --- The claim -----------------------------------------------------------------------------------------


def test_claims_are_one_per_line_blank_lines_dropped():
    form = ClaimForm({**CLAIM, "claims": "إلزامه بالسداد\n\n  تحميله أتعاب المحاماة  \r\n"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["claims"] == ["إلزامه بالسداد", "تحميله أتعاب المحاماة"]


def test_a_claim_made_of_blank_lines_only_is_refused():
    form = ClaimForm({**CLAIM, "claims": "\n   \n"})
    assert not form.is_valid()
    assert "claims" in form.errors


def test_the_amount_reads_separators_and_arabic_digits():
    form = ClaimForm({**CLAIM, "amount": "٥٠٬٠٠٠٫٥٠"})  # noqa: RUF001
    assert form.is_valid(), form.errors
    assert str(form.cleaned_data["amount"]) == "50000.50"


def test_children_are_read_one_per_line_with_either_comma_and_arabic_digits():
    form = ClaimForm(
        {
            **CLAIM,
            "children": "سارة محمد، ١١٢٣٤٥٦٧٨٩، ٢٠١٨-٠٥-٠١\nAhmed Mohammed, 1098765432, 2020-11-30\n\n",  # noqa: RUF001
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["children"] == [
        {"name": "سارة محمد", "id": "1123456789", "birth_date": "2018-05-01"},
        {"name": "Ahmed Mohammed", "id": "1098765432", "birth_date": "2020-11-30"},
    ]


@pytest.mark.parametrize(
    "line",
    [
        "سارة محمد 1123456789 2018-05-01",  # no separators
        "سارة محمد، 1123456789",  # no birth date
        "سارة محمد، 11234x6789، 2018-05-01",  # not an ID number
        "سارة محمد، 1123456789، 01/05/2018",  # not YYYY-MM-DD
        "، 1123456789، 2018-05-01",  # no name
        "سارة محمد، 1123456789، 2018-02-30",  # no such day
    ],
)
def test_a_bad_child_line_is_refused_naming_the_line(line):
    form = ClaimForm({**CLAIM, "children": f"أحمد محمد، 1098765432، 2020-11-30\n{line}"})
    assert not form.is_valid()
    [error] = form.errors["children"]
    assert line.strip() in error
    with translation.override("en"):
        assert (
            "name, ID number, birth date (YYYY-MM-DD)"
            in ClaimForm({**CLAIM, "children": line}).errors["children"][0]
        )
