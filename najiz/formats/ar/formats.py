"""Arabic: day, month name, year ("27 نوفمبر 2026"), the 24-hour clock, the week from Sunday.

Digits stay Latin, as everywhere in the portal, so the separators are the ones written with Latin
digits in the Kingdom (12,500.50), not the Arabic thousands and decimal signs that go with
Arabic-Indic digits.
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
# The Arabic comma between the date and the time.
DATETIME_FORMAT = "j F Y، H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 0  # Sunday: the Saudi working week runs Sunday to Thursday.

# The first format is also the one a date field is filled with: it stays ISO, because the portal's
# date pickers (<input type="date">) accept only that and the admin's calendar writes it.
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2026-11-27
    "%d/%m/%Y",  # 27/11/2026
    "%Y/%m/%d",  # 2026/11/27
]
TIME_INPUT_FORMATS = [
    "%H:%M:%S",  # 14:30:59
    "%H:%M:%S.%f",  # 14:30:59.000200
    "%H:%M",  # 14:30
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",  # 2026-11-27 14:30:59
    "%Y-%m-%d %H:%M:%S.%f",  # 2026-11-27 14:30:59.000200
    "%Y-%m-%d %H:%M",  # 2026-11-27 14:30
    "%d/%m/%Y %H:%M:%S",  # 27/11/2026 14:30:59
    "%d/%m/%Y %H:%M",  # 27/11/2026 14:30
]

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
