"""Private storage for uploaded documents: outside every public tree, with no URL of its own.

Stored files follow the transaction that records them (DESIGN §2.5). A file is written before its
row commits, never after: a crash between the two leaves a file no row names, not a row whose file
is missing. When the transaction rolls back instead, the files written in it are deleted at once;
files of rows that are deleted go only once that deletion has committed.
"""

import threading
from contextlib import contextmanager
from functools import cached_property, partial

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.db import transaction


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, read from settings on use so that tests can move it."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return str(self.base_location)

    @cached_property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private documents have no public URL; serve them through an access-checked view.")


_private_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    return _private_storage


# One list of written files per open ``atomic_with_files`` block, innermost last. Database
# connections are per thread, and so are their transactions and these lists.
_blocks = threading.local()


def _open_blocks() -> list[list[tuple[Storage, str]]]:
    if not hasattr(_blocks, "stack"):
        _blocks.stack = []
    return _blocks.stack


@contextmanager
def atomic_with_files():
    """``transaction.atomic()`` whose stored files share its fate.

    Django runs code on commit but has no hook for a rollback, so the block that writes files keeps
    their names: if it ends with an exception (its savepoint or the whole transaction rolled back,
    or the commit itself failed) the files written inside it are deleted; if it succeeds inside an
    enclosing ``atomic_with_files`` block, they pass to that block, which deletes them if it fails
    in turn. Services that store files open one of these as their outermost transaction.
    """
    blocks = _open_blocks()
    blocks.append([])
    try:
        with transaction.atomic():
            yield
    except BaseException:
        for storage, name in blocks.pop():
            storage.delete(name)
        raise
    written = blocks.pop()
    if blocks:
        blocks[-1].extend(written)


def delete_on_rollback(file) -> None:
    """Tie a just-written ``FieldFile`` to the enclosing ``atomic_with_files`` block."""
    blocks = _open_blocks()
    if not blocks:
        raise RuntimeError("A stored file must be written inside atomic_with_files().")
    blocks[-1].append((file.storage, file.name))


def delete_after_commit(files) -> None:
    """Delete these ``FieldFile``s once the transaction that deleted their rows has committed; a
    rollback keeps them with their rows. A file that cannot be deleted then is logged, not raised:
    the person's action has already succeeded."""
    for file in files:
        transaction.on_commit(partial(file.storage.delete, file.name), robust=True)
