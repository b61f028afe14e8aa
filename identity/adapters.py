"""django-allauth adapters: the national SSO is the only way in, and it is the source of who you are."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

from .models import User

PROFILE_FIELDS = ("name_ar", "name_en", "phone", "email")


class PortalAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False  # local sign-up: never; accounts come from the national SSO


class PortalSocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        return True

    def populate_user(self, request, sociallogin, data):
        user = sociallogin.user
        user.national_id = data["national_id"]
        for field in PROFILE_FIELDS:
            setattr(user, field, data.get(field) or "")
        user.set_unusable_password()
        return user

    def pre_social_login(self, request, sociallogin) -> None:
        """Link a person the portal already knows (staff provisioned by national ID) on first sign-in,
        and refresh names, phone and email from the SSO at every sign-in."""
        common = sociallogin.account.get_provider().extract_common_fields(sociallogin.account.extra_data)
        if sociallogin.is_existing:
            user = sociallogin.user
        else:
            user = User.objects.filter(national_id=common["national_id"]).first()
            if user is None:
                return
            sociallogin.connect(request, user)
        changed = [field for field in PROFILE_FIELDS if getattr(user, field) != (common.get(field) or "")]
        for field in changed:
            setattr(user, field, common.get(field) or "")
        if changed:
            user.save(update_fields=changed)


def user_display(user) -> str:
    """How allauth names a person in its messages: by name, not by national ID."""
    return user.display_name
