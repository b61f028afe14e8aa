from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from requests_tracker.models import IssuedDocument, Request


class CourtType(models.TextChoices):
    GENERAL = "general", _("General court")
    CRIMINAL = "criminal", _("Criminal court (private right)")
    PERSONAL_STATUS = "personal_status", _("Personal status court")
    COMMERCIAL = "commercial", _("Commercial court")
    LABOUR = "labour", _("Labour court")


class Named(models.Model):
    """A catalogue row with an Arabic and an English name, read in the reader's language."""

    name_ar = models.CharField(_("name (Arabic)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "ar").startswith("en") else self.name_ar


class Court(Named):
    """A court in a city (seeded): where a claim is filed and its circuits sit."""

    court_type = models.CharField(_("court type"), max_length=20, choices=CourtType.choices)
    city_ar = models.CharField(_("city (Arabic)"), max_length=100)
    city_en = models.CharField(_("city (English)"), max_length=100)

    class Meta:
        verbose_name = _("court")
        verbose_name_plural = _("courts")
        ordering = ["city_en", "court_type"]

    @property
    def city(self) -> str:
        return self.city_en if (get_language() or "ar").startswith("en") else self.city_ar


class CaseCategory(Named):
    """A case category of a court type, and its sub-categories (seeded)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    court_type = models.CharField(_("court type"), max_length=20, choices=CourtType.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    financial = models.BooleanField(_("financial"), default=False, help_text=_("The claim states an amount."))
    family = models.CharField(
        _("family claim"),
        max_length=20,
        blank=True,
        help_text=_("custody, visitation or guardianship: the claim names the children."),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("case category")
        verbose_name_plural = _("case categories")
        ordering = ["court_type", "position", "pk"]


class Lawsuit(models.Model):
    """A statement of claim, and once registered the case: its number, circuit, hearings, judgment."""

    request = models.OneToOneField(
        Request, on_delete=models.CASCADE, primary_key=True, related_name="lawsuit"
    )
    court = models.ForeignKey(Court, on_delete=models.PROTECT, verbose_name=_("court"))
    category = models.ForeignKey(CaseCategory, on_delete=models.PROTECT, verbose_name=_("case category"))
    national_address = models.CharField(
        _("your national address"),
        max_length=200,
        default="",
        help_text=_("Short address or building, street, district, city."),
    )
    subject = models.CharField(_("subject of the claim"), max_length=300, default="")
    facts = models.TextField(_("facts"), default="")
    claims = models.JSONField(
        _("claims"), default=list, help_text=_("What you ask the court to rule, one per line.")
    )
    amount = models.DecimalField(
        _("amount claimed (SAR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    children = models.JSONField(
        _("children"),
        default=list,
        blank=True,
        help_text=_("For custody, visitation and guardianship: name, ID, birth date."),
    )
    # Set when the claims-review clerk registers it.
    case_number = models.CharField(_("case number"), max_length=20, unique=True, null=True, blank=True)
    circuit = models.CharField(_("circuit"), max_length=100, blank=True)
    registered_at = models.DateTimeField(_("registered"), null=True, blank=True)

    class Meta:
        verbose_name = _("lawsuit")
        verbose_name_plural = _("lawsuits")

    def __str__(self) -> str:
        return self.case_number or self.request.reference


class Hearing(models.Model):
    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In the court room")
        VIDEO = "video", _("By video")

    lawsuit = models.ForeignKey(Lawsuit, on_delete=models.CASCADE, related_name="hearings")
    starts_at = models.DateTimeField(_("date and time"))
    mode = models.CharField(_("attendance"), max_length=10, choices=Mode.choices)
    room = models.CharField(_("court room"), max_length=60, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_at = models.DateTimeField(_("minutes recorded"), null=True, blank=True)
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"], name="hearing_starts")]

    def __str__(self) -> str:
        return f"{self.lawsuit} {self.starts_at:%Y-%m-%d %H:%M}"


class RemoteAttendance(models.Model):
    """A party's registration to attend a video hearing: the link shows only after it."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["hearing", "user"], name="remote_attendance_once")]

    def __str__(self) -> str:
        return f"{self.hearing_id} {self.user_id}"


class Memo(models.Model):
    class Kind(models.TextChoices):
        MEMO = "memo", _("Memo")
        DEFENCE = "defence", _("Statement of defence")

    lawsuit = models.ForeignKey(Lawsuit, on_delete=models.CASCADE, related_name="memos")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    side = models.CharField(_("side"), max_length=20)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("text"))
    filed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("memo")
        verbose_name_plural = _("memos")
        ordering = ["filed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.lawsuit_id}"


class Representative(models.Model):
    """A lawyer a party named on the case, holding that party's POA with the pleading clause."""

    lawsuit = models.ForeignKey(Lawsuit, on_delete=models.CASCADE, related_name="representatives")
    principal = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    lawyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["lawsuit", "principal", "lawyer"], name="representative_once")
        ]

    def __str__(self) -> str:
        return f"{self.lawyer_id} for {self.principal_id}"


class Judgment(models.Model):
    class Winner(models.TextChoices):
        PLAINTIFF = "plaintiff", _("For the plaintiff")
        DEFENDANT = "defendant", _("For the defendant")
        PARTLY = "partly", _("Partly for each")

    lawsuit = models.OneToOneField(
        Lawsuit, on_delete=models.CASCADE, primary_key=True, related_name="judgment"
    )
    reasoning = models.TextField(_("reasoning"))
    ruling = models.TextField(_("ruling"))
    judged_on = models.DateField(_("date of the judgment"))
    winner = models.CharField(_("in favour of"), max_length=10, choices=Winner.choices)
    amount = models.DecimalField(
        _("amount awarded (SAR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    document = models.OneToOneField(IssuedDocument, on_delete=models.PROTECT, related_name="judgment")
    objection_until = models.DateField(_("objection possible until"))
    final_at = models.DateTimeField(_("final since"), null=True, blank=True)

    class Meta:
        verbose_name = _("judgment")
        verbose_name_plural = _("judgments")

    def __str__(self) -> str:
        return self.document.number


class Objection(models.Model):
    """An objection (appeal) against a judgment, within 30 days, by the losing side."""

    judgment = models.ForeignKey(Judgment, on_delete=models.CASCADE, related_name="objections")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    on_behalf_of = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    grounds = models.TextField(_("grounds of the objection"))
    filed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self) -> str:
        return f"{self.judgment_id} {self.filed_at:%Y-%m-%d}"


class ClientMessage(models.Model):
    """The private thread between a party and the lawyer acting for him on the case: apart from the
    thread with the circuit, and read only by those two while the lawyer still acts for the client."""

    lawsuit = models.ForeignKey(Lawsuit, on_delete=models.CASCADE, related_name="client_messages")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    lawyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("message"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("message between a client and his lawyer")
        verbose_name_plural = _("messages between clients and their lawyers")
        ordering = ["sent_at", "pk"]
        indexes = [models.Index(fields=["lawsuit", "client", "lawyer"], name="client_message_thread")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(client=models.F("lawyer")), name="client_message_two_people"
            ),
            models.CheckConstraint(
                condition=models.Q(author=models.F("client")) | models.Q(author=models.F("lawyer")),
                name="client_message_author_in_thread",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lawsuit_id}: {self.body[:40]}"


class ClaimsReviewQueue(Request):
    class Meta:
        proxy = True
        verbose_name = _("statement of claim")
        verbose_name_plural = _("claims review")


class CircuitQueue(Request):
    class Meta:
        proxy = True
        verbose_name = _("case")
        verbose_name_plural = _("circuit cases")
