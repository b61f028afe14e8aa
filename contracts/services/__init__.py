"""The writes of notarization and documents, one module per service; nothing else lives here."""
