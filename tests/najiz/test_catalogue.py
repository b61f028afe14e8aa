"""The Arabic catalogue is complete and the committed .mo says what the .po says."""

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "ar" / "LC_MESSAGES"
KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) (\".*\")$")


@dataclass
class Entry:
    fields: dict = field(default_factory=dict)
    fuzzy: bool = False

    @property
    def translations(self) -> list[str]:
        return [value for name, value in self.fields.items() if name.startswith("msgstr")]


def read_po(path: Path) -> list[Entry]:
    """Every entry but the header; enough of the PO format for the files makemessages writes."""
    entries, entry, last = [], Entry(), None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        match = KEYWORD.match(line)
        if line.startswith("#,") and "fuzzy" in line:
            entry.fuzzy = True
        elif match:
            last = match.group(1)
            entry.fields[last] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and last:
            entry.fields[last] += ast.literal_eval(line)
        elif not line.strip():
            if entry.fields.get("msgid"):
                entries.append(entry)
            entry, last = Entry(), None
    return entries


def test_every_arabic_message_is_translated_and_none_is_fuzzy():
    entries = read_po(LOCALE / "django.po")
    assert len(entries) > 100
    missing = [e.fields["msgid"] for e in entries if e.fuzzy or not all(e.translations)]
    assert missing == [], f"untranslated or fuzzy: {missing}"


def test_the_compiled_catalogue_matches_its_source():
    with (LOCALE / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = []
    for entry in read_po(LOCALE / "django.po"):
        msgid, context = entry.fields["msgid"], entry.fields.get("msgctxt")
        if "msgid_plural" in entry.fields:
            found = (
                catalogue.npgettext(context, msgid, entry.fields["msgid_plural"], 1)
                if context
                else (catalogue.ngettext(msgid, entry.fields["msgid_plural"], 1))
            )
            expected = entry.fields["msgstr[1]"]
        else:
            found = catalogue.pgettext(context, msgid) if context else catalogue.gettext(msgid)
            expected = entry.fields["msgstr"]
        if found != expected:
            stale.append(msgid)
    assert stale == [], f"run `make messages`: django.mo is out of date for {stale[:5]}"
