"""English as the portal writes it in the Kingdom: the Arabic page's formats (day, month name, year:
"27 November 2026"; the 24-hour clock; the week from Sunday; the same numbers), with a Latin comma
between the date and the time. Never the American month first."""

from najiz.formats.ar.formats import *  # noqa: F403 - a format module is read by its names

DATETIME_FORMAT = "j F Y, H:i"
