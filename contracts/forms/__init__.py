"""The wizard's and the staff's forms of notarization and documents, one module per service."""
