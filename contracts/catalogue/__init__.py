"""The services of this app as the portal's catalogue, wizard and registry see them, one module per
service. Each module gives ``SERVICES``, ``DOCUMENTS``, ``EVENTS`` and ``DEADLINES`` (kind → handler),
which ``ContractsConfig.ready`` registers."""

MODULES = ("certified_copy", "realty", "marriage", "acknowledgment", "custody")
