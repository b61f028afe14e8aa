from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoaConfig(AppConfig):
    name = "poa"
    verbose_name = _("Powers of attorney")
