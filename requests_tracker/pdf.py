"""PDFs of issued documents: WeasyPrint from an HTML template, Arabic and right to left, the
portal's own font, and a QR code to the public verification page (DESIGN §2.6).

A document is Arabic whatever the reader's interface language, so its template carries its Arabic
wording itself rather than going through the translation catalogue.
"""

import base64
import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import qrcode
import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from hijridate import Gregorian
from qrcode.image.svg import SvgPathImage


def _fonts_dir() -> Path:
    return (Path(settings.BASE_DIR) / "static" / "fonts").resolve()


def _emblem_path() -> Path:
    """The portal's emblem, drawn in every document's letterhead."""
    return (Path(settings.BASE_DIR) / "static" / "img" / "emblem.svg").resolve()


def _font_url(filename: str) -> str:
    return (_fonts_dir() / filename).as_uri()


def font_urls() -> dict:
    return {
        "arabic_400": _font_url("ibm-plex-sans-arabic-arabic-400-normal.woff2"),
        "arabic_700": _font_url("ibm-plex-sans-arabic-arabic-700-normal.woff2"),
        "latin_400": _font_url("ibm-plex-sans-arabic-latin-400-normal.woff2"),
        "latin_700": _font_url("ibm-plex-sans-arabic-latin-700-normal.woff2"),
    }


def qr_data_uri(text: str) -> str:
    """``text`` as a QR code: an SVG image in a data: URI (same text, same URI)."""
    image = qrcode.make(text, image_factory=SvgPathImage, box_size=10, border=2)
    svg = image.to_string(encoding="utf-8")
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def gregorian_date(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


def hijri_date(day: datetime.date) -> str:
    """The Umm al-Qura date as ``dd/mm/yyyy هـ``."""
    hijri = Gregorian(day.year, day.month, day.day).to_hijri()
    return f"{hijri.day:02d}/{hijri.month:02d}/{hijri.year:04d} هـ"


class LocalFetcher(weasyprint.URLFetcher):
    """Fetch only data: URIs, the portal's own font files and its emblem: never the network, never
    other files."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data", "file"})

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme.lower() == "file":
            path = Path(unquote(parts.path)).resolve()
            if not (path.is_relative_to(_fonts_dir()) or path == _emblem_path()):
                raise ValueError(f"File outside the fonts folder and not the emblem: {url}")
        return super().fetch(url, headers)


def render_html(template: str, context: dict) -> str:
    with translation.override("ar"):
        return render_to_string(template, {"fonts": font_urls(), **context})


def render_pdf(html: str) -> bytes:
    base_url = (Path(settings.BASE_DIR) / "static").as_uri() + "/"
    return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=LocalFetcher()).write_pdf()
