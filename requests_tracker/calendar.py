"""The Saudi working calendar: which days the ministry works, and periods counted in working days.

The week: Sunday to Thursday are working days; Friday and Saturday are the weekend.

The official holidays are those of Article 24, paragraph 2, of the Executive Regulations of the
Labour Law, which the Ministry of Human Resources and Social Development applies to the public,
private and non-profit sectors and announces each year on the same rule:

- Eid al-Fitr: four days, beginning the day after 29 Ramadan (that is 30 Ramadan, or 1 Shawwal
  when Ramadan has 29 days).
- Eid al-Adha: four days, beginning on the day of Arafat, 9 Dhu al-Hijjah.
- Founding Day, 22 February, and National Day, 23 September: one day each. When one falls on the
  weekend, the Thursday before (for a Friday) or the Sunday after (for a Saturday) is off instead,
  unless that day is already a holiday (the ministry's circular of February 2023).

The four Eid days are consecutive calendar days: those that fall on a Friday or Saturday are not
made up. Hijri dates are those of the Umm al-Qura calendar, the Kingdom's calendar of record, as
computed by ``hijridate``; a promise made on that calendar is not moved by a later moon sighting.
Outside the years ``hijridate`` covers (1343 to 1500 AH) only the weekend and the fixed Gregorian
holidays are known.

Periods the law sets in days (the five days of Article 46 of the Enforcement Law, the thirty days of
an objection) are calendar days, as the law counts them: a ``Period`` says which kind it is, and
the pages say it to the reader.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from hijridate import Gregorian, Hijri

RIYADH = ZoneInfo("Asia/Riyadh")
FRIDAY, SATURDAY = 4, 5
WEEKEND = frozenset({FRIDAY, SATURDAY})

EID_AL_FITR = _("Eid al-Fitr holiday")
EID_AL_ADHA = _("Eid al-Adha holiday")
FOUNDING_DAY = _("Founding Day")
NATIONAL_DAY = _("National Day")
EID_DAYS = 4
RAMADAN, DHU_AL_HIJJAH = 9, 12


def _gregorian(hijri_year: int, month: int, day: int) -> date | None:
    try:
        return date(*Hijri(hijri_year, month, day).to_gregorian().datetuple())
    except OverflowError:  # outside the Umm al-Qura table
        return None


def _hijri_years_of(year: int) -> range:
    """The Hijri years with days in the Gregorian ``year`` (a Gregorian year touches two or three)."""
    years = []
    for day in (date(year, 1, 1), date(year, 12, 31)):
        try:
            years.append(Gregorian.fromdate(day).to_hijri().year)
        except OverflowError:  # outside the Umm al-Qura table
            continue
    return range(min(years), max(years) + 1) if years else range(0)


def _fixed_holiday(day: date, taken: dict) -> date:
    """Founding Day and National Day: a Friday is made up on the Thursday before, a Saturday on
    the Sunday after, unless that day is a holiday already."""
    if day.weekday() == FRIDAY:
        instead = day - timedelta(days=1)
    elif day.weekday() == SATURDAY:
        instead = day + timedelta(days=1)
    else:
        return day
    return day if instead in taken else instead


@lru_cache(maxsize=64)
def official_holidays(year: int) -> MappingProxyType:
    """The official holidays of Gregorian ``year``: {day: name}, weekends not included."""
    holidays: dict[date, object] = {}
    for hijri_year in _hijri_years_of(year):
        for first, name in (
            (_gregorian(hijri_year, RAMADAN, 29), EID_AL_FITR),
            (_gregorian(hijri_year, DHU_AL_HIJJAH, 9), EID_AL_ADHA),
        ):
            if first is None:
                continue
            # Eid al-Fitr begins the day after 29 Ramadan; Eid al-Adha on Arafat itself.
            start = first + timedelta(days=1) if name is EID_AL_FITR else first
            for offset in range(EID_DAYS):
                day = start + timedelta(days=offset)
                if day.year == year:
                    holidays[day] = name
    for month, day_of_month, name in ((2, 22, FOUNDING_DAY), (9, 23, NATIONAL_DAY)):
        holidays.setdefault(_fixed_holiday(date(year, month, day_of_month), holidays), name)
    return MappingProxyType(dict(sorted(holidays.items())))


def holiday_name(day: date):
    """The name of the official holiday on ``day``, or None (a weekend is not a holiday)."""
    return official_holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() not in WEEKEND and holiday_name(day) is None


def next_working_day(day: date) -> date:
    """The first working day after ``day``."""
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def _in_riyadh(start: datetime | date) -> datetime:
    if isinstance(start, datetime):
        return timezone.localtime(start, RIYADH) if timezone.is_aware(start) else start.replace(tzinfo=RIYADH)
    return datetime.combine(start, time.min, tzinfo=RIYADH)


def add_working_days(start: datetime | date, days: int) -> datetime:
    """The moment ``days`` working days after ``start``, in Riyadh time: the same time of day on the
    ``days``-th working day after the day of ``start`` (a date counts from its midnight).

    A request filed on a Thursday and promised "within 2 working days" is due on the Monday: Sunday
    is the first working day, Monday the second. Filed on a Friday, it is due on the Monday too.
    """
    if days < 0:
        raise ValueError("A period in working days is not negative.")
    moment = _in_riyadh(start)
    day = moment.date()
    for _counted in range(days):
        day = next_working_day(day)
    return datetime.combine(day, moment.timetz())


def working_days_between(start: datetime | date, end: datetime | date) -> int:
    """How many working days come after the day of ``start`` up to and including the day of ``end``
    (negative when ``end`` is earlier): ``working_days_between(s, add_working_days(s, n)) == n``."""
    first, last = _in_riyadh(start).date(), _in_riyadh(end).date()
    if last < first:
        return -working_days_between(end, start)
    return sum(is_working_day(first + timedelta(days=n)) for n in range(1, (last - first).days + 1))


@dataclass(frozen=True)
class Period:
    """A number of days, counted as working days (a service's own promise) or as calendar days (a
    period the law sets)."""

    days: int
    working: bool

    @classmethod
    def working_days(cls, days: int) -> "Period":
        return cls(days, working=True)

    @classmethod
    def calendar_days(cls, days: int) -> "Period":
        return cls(days, working=False)

    def end(self, start: datetime) -> datetime:
        """When the period that starts at ``start`` ends, in Riyadh time."""
        if self.working:
            return add_working_days(start, self.days)
        return _in_riyadh(start) + timedelta(days=self.days)

    def within(self) -> str:
        """The period in words ("within 2 working days", "within 5 calendar days"), in the active language."""
        if self.working:
            text = ngettext("within %(count)d working day", "within %(count)d working days", self.days)
        else:
            text = ngettext("within %(count)d calendar day", "within %(count)d calendar days", self.days)
        return text % {"count": self.days}
