"""Upload rules (DESIGN §2.5): PDF, JPEG or PNG judged by their whole content, and stated size limits.

What a file must be to be stored:

* Its kind is told by its first bytes, at offset 0, never by its name or declared type.
* A PDF parses with pypdf, has at least one page, opens without a password, and holds nothing a
  viewer would run, open or unpack: no JavaScript anywhere (a ``/JS`` or ``/JavaScript`` key or
  action, document-level or in an ``/OpenAction`` or ``/AA``), no action that leaves the document
  (``/Launch``, ``/GoToR``, ``/GoToE``, ``/ImportData``, ``/SubmitForm``, ``/RichMediaExecute``),
  no embedded file, no XFA form, no rich media. Every object its cross-reference tables declare is
  examined, not only those reachable from its catalogue, and the raw bytes too, for objects a
  viewer that repairs a broken file could find but the tables do not list.
* An image decodes completely with Pillow as the kind its first bytes claim, within Pillow's pixel
  limit (``Image.MAX_IMAGE_PIXELS``: beyond it Pillow only warns; here it is a refusal).
* No polyglot: nothing follows the end of the file's own format (a PNG's IEND chunk, a JPEG's EOI
  marker, a PDF's last ``%%EOF``) but padding; an image holds no PDF header anywhere; and no file
  has an HTML marker in its first or last KiB, where browsers sniff and readers look for a header.
"""

import io
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image
from pypdf import PasswordType, PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from identity.digits import file_size_text

from .errors import UploadRejected


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extension: str  # the one given to stored and served names
    magic: bytes
    label: str
    other_extensions: tuple[str, ...] = ()

    @property
    def extensions(self) -> tuple[str, ...]:
        return (self.extension, *self.other_extensions)


PDF = FileKind("application/pdf", ".pdf", b"%PDF-", "PDF")
JPEG = FileKind("image/jpeg", ".jpg", b"\xff\xd8\xff", "JPEG", other_extensions=(".jpeg",))
PNG = FileKind("image/png", ".png", b"\x89PNG\r\n\x1a\n", "PNG")
ACCEPTED_KINDS = (PDF, JPEG, PNG)

# Browsers sniff the first 512 bytes and PDF readers look for a header in the first 1024; the tail
# is where a second format is appended. A marker there makes the file something else as well.
EDGE_BYTES = 1024
HTML_MARKERS = re.compile(rb"<(?:html|script|!doctype\s+html|body|iframe|svg)\b", re.IGNORECASE)
# Names that start or carry active content, also looked for in the raw bytes outside stream data, a
# second net under the parsed objects for objects no table lists. (A name written with #xx escapes
# is only caught by the parsed walk; stream data is binary, where short names occur by chance.)
PDF_ACTIVE_NAMES = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFiles?|XFA|RichMedia)(?![A-Za-z0-9])")
PDF_STREAM_DATA = re.compile(rb"stream\r?\n.*?endstream", re.DOTALL)
PDF_REFUSED_KEYS = {"/JS", "/JavaScript", "/EmbeddedFiles", "/EF", "/XFA", "/RichMediaContent"}
PDF_REFUSED_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/GoToR",
    "/GoToE",
    "/ImportData",
    "/SubmitForm",
    "/RichMediaExecute",
}
PDF_REFUSED_TYPES = {"/EmbeddedFile", "/FileAttachment", "/RichMedia"}
# A bound on the objects examined, so that a crafted file cannot keep a web worker busy.
PDF_MAX_OBJECTS = 200_000


def upload_rules_text() -> str:
    """The limits as a sentence, shown beside every upload field (the same numbers are enforced)."""
    count = settings.DOCUMENT_MAX_PER_REQUEST
    return ngettext(
        "PDF, JPEG or PNG; at most %(size)s a file and %(count)d file a request.",
        "PDF, JPEG or PNG; at most %(size)s a file and %(count)d files a request.",
        count,
    ) % {"size": file_size_text(settings.DOCUMENT_MAX_BYTES), "count": count}


def sniff(head: bytes) -> FileKind | None:
    """The accepted kind these first bytes show, whatever the file's name or declared type."""
    for kind in ACCEPTED_KINDS:
        if head.startswith(kind.magic):
            return kind
    return None


def with_detected_extension(name: str, kind: FileKind) -> str:
    """``name`` ending in an extension of the detected kind: "invoice.html" that is a PDF becomes
    "invoice.pdf", so that no program opens the file as anything else. At most 255 characters."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem = name
    extension = f".{suffix}" if dot and f".{suffix.lower()}" in kind.extensions else kind.extension
    stem = stem.strip() or "document"
    return stem[: 255 - len(extension)] + extension


def check_upload(upload: UploadedFile) -> FileKind:
    """The kind of ``upload`` once its whole content has passed the rules; raises UploadRejected
    with the reason, in the user's language."""
    name = upload.name
    if not upload.size:
        raise UploadRejected(_("The file %(name)s is empty.") % {"name": name})
    if upload.size > settings.DOCUMENT_MAX_BYTES:
        raise UploadRejected(
            _("The file %(name)s is %(size)s; the limit is %(limit)s a file.")
            % {
                "name": name,
                "size": file_size_text(upload.size),
                "limit": file_size_text(settings.DOCUMENT_MAX_BYTES),
            }
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    kind = sniff(data)
    if kind is None:
        raise UploadRejected(
            _("The file %(name)s is not a PDF, JPEG or PNG file. Only these types are accepted.")
            % {"name": name}
        )
    if kind is PDF:
        _check_pdf(data, name)
    else:
        _check_image(data, kind, name)
    if HTML_MARKERS.search(data[:EDGE_BYTES]) or HTML_MARKERS.search(data[-EDGE_BYTES:]):
        _refuse_polyglot(name, kind)
    return kind


def upload_problem(upload: UploadedFile) -> str | None:
    """Why this file may not be stored, in the user's language; None when it may."""
    try:
        check_upload(upload)
    except UploadRejected as refusal:
        return refusal.message
    return None


def _refuse_polyglot(name: str, kind: FileKind):
    raise UploadRejected(
        _(
            "The file %(name)s holds data of another kind besides the %(kind)s (for example a hidden "
            "document or web page). Save it again as a plain PDF, JPEG or PNG and upload the new file."
        )
        % {"name": name, "kind": kind.label}
    )


# --- PDF -------------------------------------------------------------------------------------------


def _check_pdf(data: bytes, name: str) -> None:
    end = data.rfind(b"%%EOF")
    if end == -1:
        _refuse_damaged_pdf(name)
    if data[end + len(b"%%EOF") :].strip(b"\x00\t\n\x0c\r "):
        _refuse_polyglot(name, PDF)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise UploadRejected(
                _("The PDF %(name)s is protected by a password. Upload a copy without the password.")
                % {"name": name}
            )
        if len(reader.pages) == 0:
            _refuse_damaged_pdf(name)
        active = _pdf_has_active_content(reader)
    except UploadRejected:
        raise
    except Exception:  # on hostile input pypdf raises its own errors and Python's alike
        _refuse_damaged_pdf(name)
    if active or PDF_ACTIVE_NAMES.search(PDF_STREAM_DATA.sub(b"", data)):
        raise UploadRejected(
            _(
                "The PDF %(name)s contains active content (JavaScript, an action that opens other files or "
                "programs, an interactive XFA form or an embedded file), which the portal does not accept. "
                "Print it to a new PDF or scan it, and upload that."
            )
            % {"name": name}
        )


def _refuse_damaged_pdf(name: str):
    raise UploadRejected(
        _(
            "The file %(name)s is damaged or is not a complete PDF. Save or scan it again and upload the new file."
        )
        % {"name": name}
    )


def _declared_objects(reader: PdfReader):
    """Every object the cross-reference tables list, compressed object streams included."""
    for generation, entries in reader.xref.items():
        for number in entries:
            yield IndirectObject(number, generation, reader)
    for number in reader.xref_objStm:
        yield IndirectObject(number, 0, reader)


def _pdf_has_active_content(reader: PdfReader) -> bool:
    pending = [reader.trailer, *_declared_objects(reader)]
    seen: set[tuple[int, int]] = set()
    examined = 0
    while pending:
        examined += 1
        if examined > PDF_MAX_OBJECTS:
            raise PdfReadError("too many objects")
        item = pending.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            if PDF_REFUSED_KEYS.intersection(item.keys()):
                return True
            if _name(item.get("/S")) in PDF_REFUSED_ACTIONS:
                return True
            if {_name(item.get("/Type")), _name(item.get("/Subtype"))} & PDF_REFUSED_TYPES:
                return True
            pending.extend(item.values())
        elif isinstance(item, ArrayObject):
            pending.extend(item)
    return False


def _name(value) -> str | None:
    if isinstance(value, IndirectObject):
        value = value.get_object()
    return str(value) if isinstance(value, NameObject) else None


# --- Images ----------------------------------------------------------------------------------------


def _check_image(data: bytes, kind: FileKind, name: str) -> None:
    pillow_format = "PNG" if kind is PNG else "JPEG"
    try:
        with Image.open(io.BytesIO(data), formats=[pillow_format]) as image:
            width, height = image.size
            if width * height > Image.MAX_IMAGE_PIXELS:
                _refuse_too_many_pixels(name)
            image.verify()
        # verify() checks the structure and leaves the image unusable; decoding every pixel needs
        # a fresh one.
        with Image.open(io.BytesIO(data), formats=[pillow_format]) as image:
            image.load()
    except Image.DecompressionBombError:
        _refuse_too_many_pixels(name)
    except UploadRejected:
        raise
    except Exception:  # on hostile input Pillow raises its own errors and Python's alike
        _refuse_damaged_image(name)
    end = _png_end(data) if kind is PNG else _jpeg_end(data)
    if end is None:
        _refuse_damaged_image(name)
    if data[end:].strip(b"\x00") or PDF.magic in data:
        _refuse_polyglot(name, kind)


def _refuse_damaged_image(name: str):
    raise UploadRejected(
        _(
            "The image %(name)s is damaged or incomplete and cannot be opened. "
            "Save or scan it again and upload the new file."
        )
        % {"name": name}
    )


def _refuse_too_many_pixels(name: str):
    # Pillow only warns past MAX_IMAGE_PIXELS (and refuses at twice as many); decoding that many
    # pixels of a hostile file in a web worker is the attack, so here the warning is a refusal.
    raise UploadRejected(
        _(
            "The image %(name)s has too many pixels (the limit is %(limit)s million). "
            "Reduce its resolution and upload it again."
        )
        % {"name": name, "limit": Image.MAX_IMAGE_PIXELS // 1_000_000}
    )


def _png_end(data: bytes) -> int | None:
    """The offset just past the IEND chunk, walking the chunks; None if the chunks run out first."""
    position = len(PNG.magic)
    while position + 12 <= len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        chunk_type = data[position + 4 : position + 8]
        position += 12 + length
        if chunk_type == b"IEND":
            return position if position <= len(data) else None
    return None


def _jpeg_end(data: bytes) -> int | None:
    """The offset just past the EOI marker that ends the image, walking its segments (a thumbnail's
    own markers sit inside an APP segment and are skipped with it); None if there is none."""
    position, size = 2, len(data)
    while position < size:
        if data[position] != 0xFF:
            return None
        while position < size and data[position] == 0xFF:  # fill bytes before a marker
            position += 1
        if position >= size:
            return None
        marker = data[position]
        position += 1
        if marker == 0xD9:  # EOI
            return position
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            continue
        if position + 2 > size:
            return None
        length = int.from_bytes(data[position : position + 2], "big")
        if length < 2:
            return None
        position += length
        if marker == 0xDA:  # SOS: entropy-coded data runs to the next marker that is not RSTn
            while True:
                position = data.find(b"\xff", position)
                if position == -1 or position + 1 >= size:
                    return None
                following = data[position + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    position += 2
                elif following == 0xFF:
                    position += 1
                else:
                    break
    return None
