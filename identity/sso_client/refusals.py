"""Sign-ins the portal refuses although the SSO vouched for the person: one national ID is one
portal account (DESIGN §2.4), so nothing links a second identity to an account."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

NOT_LINKED = _("The portal links no other identity to an account: one national ID is one account.")
SIGNED_IN_AS_SOMEONE_ELSE = _(
    "You are signed in to the portal as someone else. Sign out first, then sign in with your own national ID."
)
LINKED_TO_ANOTHER_ID = _(
    "This sign-in does not match the portal account it is linked to. Nothing was changed; "
    "contact the portal's support."
)


def refuse_sign_in(request, *, reason) -> HttpResponse:
    return render(request, "identity/sign_in_refused.html", {"reason": reason}, status=403)
