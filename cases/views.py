"""The case's pages in the portal: its part of the request page, the sessions calendar, the case
inquiry, and the parties' acts (memos, remote attendance, representatives, the objection, enforcing,
the thread with one's lawyer). Who may see a case is the access module's answer; who may act is the
service functions'; these views only hide what the services would refuse."""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from enforcement.views import start_with_instrument
from identity.digits import latin_digits
from requests_tracker.access import request_and_viewer_or_404, visible_request_ids
from requests_tracker.errors import RequestError
from requests_tracker.models import PartyRole, Request, Status

from .client_threads import MESSAGE_MAX_LENGTH, case_people, client_message_post, client_threads, thread_open
from .forms import CaseLookupForm, MemoForm, ObjectionForm, RepresentativeForm
from .models import Hearing, Lawsuit, Memo, Objection, RemoteAttendance
from .selectors import HEARINGS_SECTION, SERVICES
from .services import (
    DEFENDANT,
    HEARING_LASTS,
    LINK_SHOWN_BEFORE,
    PLAINTIFF,
    losing_sides,
    may_enforce,
    may_object,
    memo_file,
    objection_file,
    principal_for,
    remote_attendance_register,
    representative_add,
    side_of,
    video_link,
)

PAST_DAYS = 30
CLOSED = frozenset({Status.CANCELLED, Status.REJECTED, Status.COMPLETED})


class ClientMessageForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _side(viewer) -> str | None:
    """``services.side_of`` read from the viewer the page already has, without asking again."""
    if viewer.applicant_side or viewer.is_party(PartyRole.PLAINTIFF):
        return PLAINTIFF
    if viewer.is_party(PartyRole.DEFENDANT):
        return DEFENDANT
    return None


def _lawsuit(request: Request) -> Lawsuit | None:
    # One objection at most is filed against a judgment: when, read with the case.
    objected_at = Objection.objects.filter(judgment__lawsuit=OuterRef("pk")).order_by("filed_at")
    lawsuit = (
        Lawsuit.objects.filter(request=request)
        .select_related("court", "category__parent", "judgment__document")
        .annotate(objected_at=Subquery(objected_at.values("filed_at")[:1]))
        .first()
    )
    if lawsuit is not None:
        # The services reach the case through ``request.lawsuit``: read once, here.
        request.lawsuit = lawsuit
    return lawsuit


def _hearing_rows(hearings, user, side, now) -> list[dict]:
    rows = []
    for hearing in hearings:
        video = hearing.mode == Hearing.Mode.VIDEO
        ended = now >= hearing.starts_at + HEARING_LASTS
        rows.append(
            {
                "hearing": hearing,
                "video": video,
                "registered": hearing.registered,
                "may_register": video and side is not None and not hearing.registered and not ended,
                # Only through the service's rule: registered, and from 15 minutes before.
                "link": video_link(hearing, user, now=now) if video and hearing.registered else "",
                "link_from": hearing.starts_at - LINK_SHOWN_BEFORE,
                "ended": ended,
            }
        )
    return rows


# The services' predicates answer whether the user may object or enforce; each costs the viewer's
# representations again. They are asked only where the answer can be yes: objecting needs a judgment
# not final and a side it went against; enforcing a final one and a side it favours.


def _may_ask_to_object(judgment, side) -> bool:
    return judgment.final_at is None and side in losing_sides(judgment)


def _may_ask_to_enforce(judgment, side) -> bool:
    return judgment.final_at is not None and side is not None


def _memo_form(side, hearings, now) -> MemoForm:
    form = MemoForm(auto_id="id_memo_%s")
    first = hearings[0] if hearings else None
    if side != DEFENDANT or (first is not None and first.starts_at <= now):
        form.fields["kind"].choices = [(Memo.Kind.MEMO, Memo.Kind.MEMO.label)]
    return form


def page_section(request, viewer):
    """The case's part of the request page, as ``viewer`` may see it: number, court, circuit,
    hearings (and the video link when its time has come), minutes, memos, representatives, the
    judgment, and the forms of what the viewer may do."""
    if not viewer.sees(HEARINGS_SECTION):
        return None
    lawsuit = _lawsuit(request)
    if lawsuit is None:
        return None
    user = viewer.user
    now = timezone.now()
    side = _side(viewer)
    hearings = list(
        lawsuit.hearings.annotate(
            registered=Exists(RemoteAttendance.objects.filter(hearing=OuterRef("pk"), user=user))
        )
    )
    judgment = getattr(lawsuit, "judgment", None)
    people = case_people(request)
    representatives = list(lawsuit.representatives.select_related("principal", "lawyer"))
    in_progress = request.status == Status.IN_PROGRESS
    context = {
        "lawsuit": lawsuit,
        "hearings": _hearing_rows(hearings, user, side, now),
        "memos": list(lawsuit.memos.select_related("author")),
        "representatives": representatives,
        "judgment": judgment,
        "memo_form": _memo_form(side, hearings, now) if in_progress and side else None,
        # A party names his own representative (the service refuses anyone acting for another).
        "representative_form": RepresentativeForm(auto_id="id_representative_%s")
        if user.pk in people and request.status not in CLOSED
        else None,
        "objection_form": ObjectionForm(auto_id="id_objection_%s")
        if judgment and _may_ask_to_object(judgment, side) and may_object(request, user)
        else None,
        "may_enforce": bool(judgment and _may_ask_to_enforce(judgment, side) and may_enforce(request, user)),
        "threads": client_threads(request, lawsuit, user, people=people, representatives=representatives),
        "message_max_length": MESSAGE_MAX_LENGTH,
    }
    return "cases/section.html", context


# --- The parties' acts: each a POST from the request page, back to it -----------------------------------


def _case_or_404(user, pk) -> tuple[Request, Lawsuit]:
    filed, _viewer = request_and_viewer_or_404(user, pk, section=HEARINGS_SECTION)
    if filed.service not in SERVICES:
        raise Http404
    lawsuit = _lawsuit(filed)
    if lawsuit is None:
        raise Http404
    return filed, lawsuit


def _back(filed, anchor: str = "case"):
    return redirect(f"{reverse('request_detail', args=[filed.pk])}#{anchor}")


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@login_required
@require_POST
def remote_attendance(request, pk, hearing_pk):
    filed, lawsuit = _case_or_404(request.user, pk)
    hearing = get_object_or_404(Hearing, pk=hearing_pk, lawsuit=lawsuit)
    try:
        remote_attendance_register(hearing=hearing, actor=request.user)
    except RequestError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _(
                "You are registered to attend by video. The link shows on this page from 15 minutes before the hearing."
            ),
        )
    return _back(filed, f"hearing-{hearing.pk}")


def _act_with_form(request, pk, form_class, anchor: str, act):
    """A party's act on the case from a form of the case page: the form's errors, or the service's
    refusal, as messages; ``act(filed, data)`` returns what to tell the person when it is done."""
    filed, _lawsuit = _case_or_404(request.user, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(filed, anchor)
    try:
        done = act(filed, form.cleaned_data)
    except RequestError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return _back(filed, anchor)


@login_required
@require_POST
def memo(request, pk):
    def file(filed, data):
        memo_file(request=filed, actor=request.user, **data)
        return _("Filed. The circuit and the other side can read it on the case.")

    return _act_with_form(request, pk, MemoForm, "memos", file)


@login_required
@require_POST
def representative(request, pk):
    def name(filed, data):
        national_id = latin_digits(data["lawyer_national_id"]).strip()
        # An unknown ID gets the service's answer for someone without a licence: nothing tells
        # whether the number belongs to anyone.
        lawyer = get_user_model().objects.filter(national_id=national_id).first()
        added = representative_add(request=filed, actor=request.user, lawyer=lawyer)
        return _("%(name)s represents you on this case.") % {"name": added.lawyer.display_name}

    return _act_with_form(request, pk, RepresentativeForm, "representatives", name)


@login_required
@require_POST
def objection(request, pk):
    def object_(filed, data):
        objection_file(request=filed, actor=request.user, grounds=data["grounds"])
        return _("Your objection was filed. The parties have been told.")

    return _act_with_form(request, pk, ObjectionForm, "judgment", object_)


@login_required
@require_POST
def enforce(request, pk):
    """File an enforcement request with the final judgment: a draft with it as the instrument, for
    the party the user speaks for, then the wizard's parties step."""
    filed, lawsuit = _case_or_404(request.user, pk)
    judgment = getattr(lawsuit, "judgment", None)
    if judgment is None or not may_enforce(filed, request.user):
        raise Http404
    user = request.user
    represented = None
    if user.pk not in case_people(filed):
        principal = principal_for(filed, user, side_of(filed, user))
        represented = principal if principal is not None and principal.pk != user.pk else None
    return start_with_instrument(
        request,
        document=judgment.document,
        represented=represented,
        back=_back(filed, "judgment").url,
        success=_("An enforcement request was started with the judgment. Name the debtors."),
    )


@login_required
@require_POST
def client_message(request, pk, with_pk):
    """A message in the thread between a party and his lawyer; 404 to anyone outside that thread."""
    filed, _lawsuit = _case_or_404(request.user, pk)
    other = get_object_or_404(get_user_model(), pk=with_pk)
    people = case_people(filed)
    if not (
        thread_open(filed, client=other, lawyer=request.user, people=people)
        or thread_open(filed, client=request.user, lawyer=other, people=people)
    ):
        raise Http404
    form = ClientMessageForm(request.POST)
    anchor = f"client-thread-{other.pk}"
    if not form.is_valid():
        _form_errors(request, form)
        return _back(filed, anchor)
    try:
        client_message_post(request=filed, actor=request.user, other=other, body=form.cleaned_data["body"])
    except RequestError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Message sent."))
    return _back(filed, anchor)


# --- My sessions and the case inquiry ----------------------------------------------------------------------


@login_required
@require_safe
def sessions(request):
    """Every upcoming hearing of the cases the user may open, by day in Riyadh time; and the last
    30 days' hearings. The same few queries however many cases."""
    now = timezone.now()
    # Whoever may open a case sees its hearings: its applicant's side whole, its plaintiffs and
    # defendants through party views that all name the hearings section.
    cases = Request.objects.filter(pk__in=visible_request_ids(request.user), service__in=SERVICES)
    hearings = (
        Hearing.objects.filter(lawsuit__request__in=cases, starts_at__gte=now - timedelta(days=PAST_DAYS))
        .select_related("lawsuit__court", "lawsuit__request")
        .order_by("starts_at", "pk")
    )
    days: dict = {}
    past = []
    for hearing in hearings:
        # Still listed as upcoming while it may be under way.
        if hearing.starts_at + HEARING_LASTS > now:
            days.setdefault(timezone.localtime(hearing.starts_at).date(), []).append(hearing)
        else:
            past.append(hearing)
    past.reverse()
    context = {"days": list(days.items()), "past": past, "past_days": PAST_DAYS}
    return render(request, "cases/sessions.html", context)


@login_required
@require_safe
def inquiry(request):
    """A case by its number, only among the cases the user may open; any other number, existing or
    not, gets the same answer."""
    form = CaseLookupForm(request.GET or None)
    found = next_hearing = None
    if form.is_valid():
        number = latin_digits(form.cleaned_data["case_number"]).strip()
        found = (
            Request.objects.filter(
                pk__in=visible_request_ids(request.user), service__in=SERVICES, lawsuit__case_number=number
            )
            .select_related("lawsuit__court")
            .first()
        )
        if found is None:
            form.add_error("case_number", _("No case found that you are a party to."))
        else:
            next_hearing = (
                Hearing.objects.filter(lawsuit=found.lawsuit, starts_at__gt=timezone.now() - HEARING_LASTS)
                .order_by("starts_at")
                .first()
            )
    return render(request, "cases/inquiry.html", {"form": form, "found": found, "next_hearing": next_hearing})
