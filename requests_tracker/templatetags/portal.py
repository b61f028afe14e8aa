from django import template
from django.utils import timezone
from django.utils.translation import get_language
from hijridate import Gregorian

from identity.digits import format_money

register = template.Library()


@register.filter
def hijri(value) -> str:
    """A date or time as its Umm al-Qura Hijri date, month named in the page's language."""
    if not value:
        return ""
    day = timezone.localtime(value).date() if hasattr(value, "hour") else value
    converted = Gregorian(day.year, day.month, day.day).to_hijri()
    language = "ar" if (get_language() or "ar").startswith("ar") else "en"
    suffix = "هـ" if language == "ar" else "AH"
    return f"{converted.day} {converted.month_name(language)} {converted.year} {suffix}"


@register.filter
def money(value) -> str:
    """An amount in riyals as every page shows it: "12,500.00 ر.س" in Arabic, "SAR 12,500.00" in English."""
    return format_money(value)
