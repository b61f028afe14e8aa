"""(to be written)"""


def seed() -> str:
    return ""
