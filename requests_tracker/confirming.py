"""The page on which a person confirms an act with a one-time code sent to their registered mobile
(submitting a request that asks for it, accepting a power of attorney as a co-principal).

The first visit offers to send the code; the code's page sends another one after a minute. Each
refusal (a wrong or expired code, too many tries) is said beside the field, and nothing is lost:
the request stays as it was until the right code arrives. Works the same without JavaScript.
"""

from collections.abc import Callable

from django.shortcuts import render

from identity.confirmations import ConfirmationRefused, confirmation_check, confirmation_send
from identity.forms import CodeForm

from .errors import RequestError

SEND = "send"


def send_code(request, *, purpose: str, act) -> str | None:
    """Send the code at once (the press of "Submit" asks for it); the refusal's words, or None."""
    try:
        confirmation_send(user=request.user, purpose=purpose, act=act)
    except ConfirmationRefused as refused:
        return refused.message
    return None


def confirm_with_code(request, *, purpose: str, act, on_confirmed: Callable, page: dict, actions=()):
    """Answer the confirmation page for ``purpose``: send a code (``action=send``), or check the
    code typed and then call ``on_confirmed()``, whose response is returned. ``page`` gives the
    template its title, its text and where the form posts; ``actions`` are the other buttons the
    form offers (an accept and a reject), one of which ``on_confirmed(action)`` is told of."""
    form = CodeForm()
    sent = request.method != "POST" and request.GET.get("sent") == "1"
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == SEND:
            try:
                confirmation_send(user=request.user, purpose=purpose, act=act)
            except ConfirmationRefused as refused:
                form.add_error("code", refused.message)
                status = 429
            else:
                sent = True
        else:
            form = CodeForm(request.POST)
            if form.is_valid():
                try:
                    confirmation_check(user=request.user, purpose=purpose, code=form.cleaned_data["code"])
                    return on_confirmed(action)
                except (ConfirmationRefused, RequestError) as refused:
                    form.add_error("code", refused.message)
            sent = True
            status = 400
    return render(
        request,
        "requests_tracker/confirm_code.html",
        {**page, "form": form, "sent": sent, "actions": actions, "phone": request.user.phone},
        status=status,
    )
