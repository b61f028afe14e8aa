from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .validators import validate_national_id


class NationalIdUserManager(UserManager):
    use_in_migrations = True

    def _create_user(self, national_id, email, password, **extra_fields):
        user = self.model(national_id=national_id, email=self.normalize_email(email or ""), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, national_id, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(national_id, email, password, **extra_fields)

    def create_superuser(self, national_id, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(national_id, email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person of the portal, keyed by the national ID (or iqama number) from the national SSO."""

    national_id = models.CharField(
        _("national ID"),
        max_length=10,
        unique=True,
        validators=[validate_national_id],
        help_text=_("Ten digits: 1… for citizens, 2… for residents."),
    )
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    phone = models.CharField(
        _("mobile phone"), max_length=20, blank=True, help_text=_("As registered in the national SSO.")
    )
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=5,
        default="ar",
        help_text=_("Language of the notices this person receives."),
    )
    is_staff = models.BooleanField(
        _("staff"), default=False, help_text=_("May use the staff queues in the admin.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = NationalIdUserManager()

    USERNAME_FIELD = "national_id"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        preferred = self.name_en if (get_language() or "ar").startswith("en") else self.name_ar
        return preferred or self.name_ar or self.name_en or self.national_id

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name
