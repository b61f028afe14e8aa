"""Upload rules (DESIGN §2.5): PDF, JPEG or PNG judged by content, and stated size limits."""

from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extension: str
    magic: bytes


ACCEPTED_KINDS = (
    FileKind("application/pdf", ".pdf", b"%PDF-"),
    FileKind("image/jpeg", ".jpg", b"\xff\xd8\xff"),
    FileKind("image/png", ".png", b"\x89PNG\r\n\x1a\n"),
)


def upload_rules_text() -> str:
    """The limits as a sentence, shown beside every upload field (the same numbers are enforced)."""
    return _("PDF, JPEG or PNG; at most %(size)s a file and %(count)s files a request.") % {
        "size": filesizeformat(settings.DOCUMENT_MAX_BYTES),
        "count": settings.DOCUMENT_MAX_PER_REQUEST,
    }


def sniff(upload: UploadedFile) -> FileKind | None:
    """The accepted kind this file's first bytes show, whatever its name or declared type."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for kind in ACCEPTED_KINDS:
        if head.startswith(kind.magic):
            return kind
    return None


def upload_problem(upload: UploadedFile) -> str | None:
    """Why this file may not be stored, in the user's language; None when it may."""
    if not upload.size:
        return _("The file %(name)s is empty.") % {"name": upload.name}
    if upload.size > settings.DOCUMENT_MAX_BYTES:
        return _("The file %(name)s is %(size)s; the limit is %(limit)s a file.") % {
            "name": upload.name,
            "size": filesizeformat(upload.size),
            "limit": filesizeformat(settings.DOCUMENT_MAX_BYTES),
        }
    if sniff(upload) is None:
        return _("The file %(name)s is not a PDF, JPEG or PNG file. Only these types are accepted.") % {
            "name": upload.name
        }
    return None
