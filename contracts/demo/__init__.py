"""Demo data of notarization and documents, one module per service, each with ``seed() -> str``
saying what it made."""

from importlib import import_module

MODULES = ("certified_copy", "realty", "marriage", "acknowledgment", "custody")


def seed() -> str:
    return "; ".join(import_module(f"{__name__}.{name}").seed() for name in MODULES)
