"""The help pages: how to sign in, submit and follow a request, and what each status means."""

from django.utils.translation import gettext_lazy as _

# (slug, title); each slug has a template at requests_tracker/help/<slug>.html.
HELP_TOPICS = (
    ("sign-in", _("How to sign in")),
    ("submit", _("How to submit a request")),
    ("follow", _("How to follow a request")),
    ("statuses", _("What each status means")),
)
