"""(to be written)"""

SERVICES: tuple = ()
DOCUMENTS: tuple = ()
EVENTS: dict = {}
DEADLINES: dict = {}
