import datetime

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
    birth_date = models.DateField(
        _("birth date"), null=True, blank=True, help_text=_("As registered in the national SSO.")
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        default="ar",
        help_text=_("Language of the notices this person receives."),
    )
    email_notifications = models.BooleanField(
        _("notices by email"), default=True, help_text=_("Legal notices by SMS are always sent.")
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

    def age_on(self, day: datetime.date) -> int | None:
        """Full years of age on ``day``, from the registry's birth date; None when it is unknown."""
        if self.birth_date is None:
            return None
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

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


class LawyerLicence(models.Model):
    """The lawyers' registry: a licence lets a member of the lawyer group act as a lawyer until it expires."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="lawyer_licence")
    number = models.CharField(_("licence number"), max_length=32, unique=True)
    expires_on = models.DateField(
        _("expires on"), help_text=_("After this day the lawyer acts as a citizen.")
    )

    class Meta:
        verbose_name = _("lawyer licence")
        verbose_name_plural = _("lawyer licences")

    def __str__(self) -> str:
        return self.number

    def is_valid(self, today=None) -> bool:
        return self.expires_on >= (today or timezone.localdate())


class TermsAcceptance(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="terms_acceptances")
    version = models.CharField(_("terms version"), max_length=20)
    accepted_at = models.DateTimeField(_("accepted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("terms acceptance")
        verbose_name_plural = _("terms acceptances")
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="terms_accepted_once_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.version}"


class OutboxMessage(models.Model):
    """A message the development gateways kept instead of sending (listed at /dev/outbox/)."""

    class Channel(models.TextChoices):
        SMS = "sms", _("SMS")
        EMAIL = "email", _("Email")

    channel = models.CharField(max_length=8, choices=Channel.choices)
    key = models.CharField(max_length=64, unique=True, null=True, blank=True, help_text="Idempotency key")
    recipient = models.CharField(max_length=254)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.channel} → {self.recipient}"


# --- The mock national single sign-on (its own registry, kept apart from the portal's users) -----


class Person(models.Model):
    """A person in the national identity registry that the mock single sign-on stands for."""

    class IdType(models.TextChoices):
        CITIZEN = "national_id", _("National ID")
        RESIDENT = "iqama", _("Residency (iqama)")

    national_id = models.CharField(
        _("national ID"), max_length=10, unique=True, validators=[validate_national_id]
    )
    id_type = models.CharField(_("ID type"), max_length=12, choices=IdType.choices)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    birth_date = models.DateField(_("birth date"))
    phone = models.CharField(_("mobile phone"), max_length=20)
    phone_verified = models.BooleanField(_("phone verified"), default=False)
    email = models.EmailField(_("email"), blank=True)
    is_active = models.BooleanField(_("account active"), default=True)
    password = models.CharField(_("password"), max_length=128)

    class Meta:
        verbose_name = _("person (national SSO)")
        verbose_name_plural = _("people (national SSO)")

    def __str__(self) -> str:
        return self.national_id


class SignInAttempt(models.Model):
    """One sign-in at the national SSO: the portal's request, then the one-time code sent for it.

    The code is bound to this attempt; the browser holds only the attempt's signed identifier.
    """

    id = models.UUIDField(primary_key=True)
    client_id = models.CharField(max_length=64)
    redirect_uri = models.URLField(max_length=500)
    nonce = models.CharField(max_length=128)
    state = models.CharField(max_length=128)
    ui_locale = models.CharField(max_length=8, blank=True)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, null=True, related_name="+")
    code_hash = models.CharField(max_length=64, blank=True)
    code_sent_at = models.DateTimeField(null=True)
    code_expires_at = models.DateTimeField(null=True)
    wrong_codes = models.PositiveSmallIntegerField(default=0)
    resends = models.PositiveSmallIntegerField(default=0)
    completed_at = models.DateTimeField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The Nafath app alternative: a two-digit number shown here, picked among three in the app.
    nafath_number = models.PositiveSmallIntegerField(null=True)
    nafath_choices = models.CharField(max_length=20, blank=True)
    nafath_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    nafath_status = models.CharField(max_length=10, blank=True)
    nafath_expires_at = models.DateTimeField(null=True)

    class Meta:
        # The purge deletes by age (identity.purge_sign_in_attempts).
        indexes = [models.Index(fields=["created_at"], name="identity_attempt_created_idx")]

    def __str__(self) -> str:
        return str(self.id)


class SigningKey(models.Model):
    """The mock SSO's RSA key for id_tokens, made on first use (a real IdP keeps its own)."""

    kid = models.CharField(max_length=64, unique=True)
    private_pem = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.kid


class ConfirmationCode(models.Model):
    """A one-time code sent to a person's registered mobile to confirm one act in the portal
    (issuing a power of attorney, accepting one as a co-principal): bound to that act by ``purpose``."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(max_length=100)
    code_hash = models.CharField(max_length=64)
    sent_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    wrong_entries = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "purpose"], name="confirmation_code_per_act")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.purpose}"
