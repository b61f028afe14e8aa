"""django-allauth adapters: the national SSO is the only way in, and it is the source of who you are."""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base import AuthProcess

from .models import User
from .sso_client.refusals import LINKED_TO_ANOTHER_ID, NOT_LINKED, SIGNED_IN_AS_SOMEONE_ELSE, refuse_sign_in

logger = logging.getLogger(__name__)

# What a field holds when the SSO says nothing of it: a date is unknown, a text empty.
_EMPTY = {"birth_date": None}
PROFILE_FIELDS = ("name_ar", "name_en", "phone", "email", "birth_date")


class PortalAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False  # local sign-up: never; accounts come from the national SSO

    def is_safe_url(self, url) -> bool:
        # A "next" that is not even a URL (a broken IPv6 host) is simply not a safe place to go.
        try:
            return super().is_safe_url(url)
        except ValueError:
            return False


class PortalSocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        return True

    def is_auto_signup_allowed(self, request, sociallogin) -> bool:
        # Who signs in is the SSO's word, national ID first: there is no sign-up form to fill instead.
        return True

    def populate_user(self, request, sociallogin, data):
        user = sociallogin.user
        user.national_id = data["national_id"]
        for field in PROFILE_FIELDS:
            setattr(user, field, data.get(field) or _EMPTY.get(field, ""))
        user.set_unusable_password()
        return user

    def pre_social_login(self, request, sociallogin) -> None:
        """One national ID, one account: refuse a sign-in that would link an identity to an account
        of another ID. Then link a person the portal already knows (staff provisioned by national
        ID) on first sign-in, and refresh names, phone and email from the SSO at every sign-in."""
        common = sociallogin.account.get_provider().extract_common_fields(sociallogin.account.extra_data)
        national_id = common["national_id"]
        if sociallogin.state.get("process", AuthProcess.LOGIN) != AuthProcess.LOGIN:
            raise ImmediateHttpResponse(refuse_sign_in(request, reason=NOT_LINKED))
        if request.user.is_authenticated and request.user.national_id != national_id:
            raise ImmediateHttpResponse(refuse_sign_in(request, reason=SIGNED_IN_AS_SOMEONE_ELSE))
        if sociallogin.is_existing:
            user = sociallogin.user
            if user.national_id != national_id:
                # A link that should never have been made (such as by the "connect" of old): it must
                # not let this person into someone else's account. Staff need to untangle it.
                logger.warning(
                    "Refused a national SSO sign-in: social account %s belongs to user %s of another national ID.",
                    sociallogin.account.pk,
                    user.pk,
                )
                raise ImmediateHttpResponse(refuse_sign_in(request, reason=LINKED_TO_ANOTHER_ID))
        else:
            user = User.objects.filter(national_id=common["national_id"]).first()
            if user is None:
                return
            sociallogin.connect(request, user)
        changed = [
            field
            for field in PROFILE_FIELDS
            if getattr(user, field) != (common.get(field) or _EMPTY.get(field, ""))
        ]
        for field in changed:
            setattr(user, field, common.get(field) or _EMPTY.get(field, ""))
        if changed:
            user.save(update_fields=changed)


def user_display(user) -> str:
    """How allauth names a person in its messages: by name, not by national ID."""
    return user.display_name
