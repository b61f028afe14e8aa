"""Imported by the worker processes of the fault tests (``celery worker --include``): their sweep
knows the recording deadline kinds."""

from .recording import register_recording_deadlines

register_recording_deadlines()
