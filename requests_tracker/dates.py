"""Dates as the portal shows them: Gregorian and Hijri (Umm al-Qura), in Riyadh time."""

import datetime

from hijridate import Gregorian


def hijri_year(day: datetime.date) -> int:
    return Gregorian(day.year, day.month, day.day).to_hijri().year
