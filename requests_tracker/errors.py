"""Domain errors: each carries a message fit to show the user, in their language."""


class RequestError(Exception):
    """Base of the errors a service function raises for a refusal the user should read."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


class TransitionNotDeclared(RequestError):
    """The service's workflow has no step from the current status to the one asked for."""


class TransitionForbidden(RequestError):
    """The step exists, but not for the role of the person asking."""


class NoteRequired(RequestError):
    """The step needs a written reason (returning or rejecting a request)."""


class DecisionRequired(RequestError):
    """The step carries a legal text (an order, the reasons of a return or rejection) and it is empty."""


class UploadRejected(RequestError):
    """The file broke an upload rule: type, size or count."""


class AmountOutOfRange(RequestError):
    """A number outside what the step allows: a payment beyond the balance, a grace period too long."""
