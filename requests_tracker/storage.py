"""Private storage for uploaded documents: outside every public tree, with no URL of its own."""

from functools import cached_property

from django.conf import settings
from django.core.files.storage import FileSystemStorage


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
