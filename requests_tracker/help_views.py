"""Public help pages: open to everyone, signed in or not."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .help import HELP_TOPICS, service_status_names
from .uploads import upload_rules_text


def _topic_context(slug: str) -> dict:
    if slug == "submit":
        # The same sentence shown beside every upload field, built from the limits that are enforced.
        return {"upload_rules": upload_rules_text()}
    if slug == "statuses":
        # The names a service gives a status of its own (an enforcement request "Under enforcement").
        return {"service_names": service_status_names()}
    return {}


@require_safe
def help_index(request):
    return render(request, "requests_tracker/help/index.html", {"topics": HELP_TOPICS})


@require_safe
def help_topic(request, slug: str):
    titles = dict(HELP_TOPICS)
    if slug not in titles:
        raise Http404
    context = {"topics": HELP_TOPICS, "slug": slug, "topic_title": titles[slug], **_topic_context(slug)}
    return render(request, f"requests_tracker/help/{slug}.html", context)
