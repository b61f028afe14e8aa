"""The Arabic catalogue is complete and the committed .mo says what the .po says."""

import ast
import gettext
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "ar" / "LC_MESSAGES"


def read_po(path: Path) -> dict[str, tuple[str, bool]]:
    """msgid -> (msgstr, fuzzy) for every entry but the header; enough of the format for our files."""
    entries, current, fuzzy, field = {}, {}, False, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith(("msgid ", "msgstr ")):
            field, _, literal = line.partition(" ")
            current[field] = ast.literal_eval(literal)
        elif line.startswith('"') and field:
            current[field] += ast.literal_eval(line)
        elif not line.strip():
            if current.get("msgid"):
                entries[current["msgid"]] = (current.get("msgstr", ""), fuzzy)
            current, fuzzy, field = {}, False, None
    return entries


def test_every_arabic_message_is_translated_and_none_is_fuzzy():
    entries = read_po(LOCALE / "django.po")
    assert entries, "the catalogue has entries"
    missing = [msgid for msgid, (msgstr, fuzzy) in entries.items() if not msgstr or fuzzy]
    assert missing == [], f"untranslated or fuzzy: {missing}"


def test_the_compiled_catalogue_matches_its_source():
    with (LOCALE / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = [
        msgid
        for msgid, (msgstr, _) in read_po(LOCALE / "django.po").items()
        if catalogue.gettext(msgid) != msgstr
    ]
    assert stale == [], f"run `make messages`: django.mo is out of date for {stale[:5]}"
