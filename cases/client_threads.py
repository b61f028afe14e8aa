"""The thread between a party and the lawyer acting for him on a case: apart from the thread with
the circuit (the core's messages), read and written only by those two, and only while the lawyer
still acts for the client on the case's service (a revoked or expired POA closes it at once)."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _

from requests_tracker.access import acts_for, representations
from requests_tracker.errors import RequestError, TransitionForbidden
from requests_tracker.models import PartyRole, Request
from requests_tracker.notifications import notify_event

from .models import ClientMessage, Lawsuit

MESSAGE_MAX_LENGTH = 4000
CASE_ROLES = (PartyRole.PLAINTIFF, PartyRole.DEFENDANT)


class MessageInvalid(RequestError):
    """The message is empty or longer than the thread takes."""


@dataclass
class ClientThread:
    """One thread as ``user`` sees it: the other person, whether ``user`` is the lawyer in it, and
    its messages in order."""

    client_id: int
    lawyer_id: int
    other: object = None
    as_lawyer: bool = False
    messages: list = field(default_factory=list)


def case_people(request: Request) -> set[int]:
    """The users who stand on the case in person: the plaintiff who filed (or was filed for), the
    other plaintiffs and the defendants who are portal users."""
    own = request.represented_id or request.applicant_id
    named = request.parties.filter(role__in=CASE_ROLES, user__isnull=False).values_list("user_id", flat=True)
    return {own, *named}


def thread_open(request: Request, *, client, lawyer, people: set[int] | None = None) -> bool:
    """Whether ``client`` and ``lawyer`` have a thread on this case: the client stands on it, and the
    lawyer acts for him on its service now."""
    people = case_people(request) if people is None else people
    return client.pk != lawyer.pk and client.pk in people and acts_for(lawyer, client, request.service)


def client_threads(
    request: Request, lawsuit: Lawsuit, user, *, people: set[int] | None = None, representatives=None
) -> list[ClientThread]:
    """The threads ``user`` has on the case: as a lawyer, one per client he acts for there; as a
    party, one per lawyer he named as representative, who filed for him, or who wrote to him on the
    case, while that lawyer still acts for him. ``representatives``: the case's, when already read
    (with their lawyers)."""
    people = case_people(request) if people is None else people
    if representatives is None:
        representatives = lawsuit.representatives.select_related("lawyer")
    # Every message the user wrote or received on the case, with both people: one query, which
    # also tells which lawyers wrote to him.
    messages = list(
        ClientMessage.objects.filter(Q(client=user) | Q(lawyer=user), lawsuit=lawsuit).select_related(
            "client", "lawyer"
        )
    )
    acting = {r.principal_id for r in representations(user) if r.covers(request.service)} - {user.pk}
    users = {message.client_id: message.client for message in messages}
    users |= {message.lawyer_id: message.lawyer for message in messages}
    pairs = [(client_id, user.pk) for client_id in sorted(people & acting)]
    if user.pk in people:
        lawyers = {r.lawyer_id: r.lawyer for r in representatives if r.principal_id == user.pk}
        lawyers |= {m.lawyer_id: m.lawyer for m in messages if m.client_id == user.pk}
        if request.represented_id == user.pk:
            lawyers[request.applicant_id] = request.applicant
        lawyers.pop(user.pk, None)
        users |= lawyers
        for lawyer_id in sorted(lawyers):
            if acts_for(lawyers[lawyer_id], user, request.service):
                pairs.append((user.pk, lawyer_id))
    if not pairs:
        return []
    missing = {pk for pair in pairs for pk in pair} - set(users) - {user.pk}
    users |= {person.pk: person for person in get_user_model().objects.filter(pk__in=missing)}
    threads = {pair: ClientThread(client_id=pair[0], lawyer_id=pair[1]) for pair in pairs}
    for thread in threads.values():
        thread.as_lawyer = thread.lawyer_id == user.pk
        thread.other = users[thread.client_id if thread.as_lawyer else thread.lawyer_id]
    for message in messages:
        thread = threads.get((message.client_id, message.lawyer_id))
        if thread is not None:
            thread.messages.append(message)
    return list(threads.values())


def client_message_post(*, request: Request, actor, other, body: str) -> ClientMessage:
    """``actor`` writes to ``other`` on the case: a client to his lawyer, or a lawyer to his client."""
    body = body.strip()
    if not body:
        raise MessageInvalid(_("Write the message."))
    if len(body) > MESSAGE_MAX_LENGTH:
        raise MessageInvalid(_("A message is at most %(count)s characters.") % {"count": MESSAGE_MAX_LENGTH})
    lawsuit = Lawsuit.objects.filter(request=request).first()
    people = case_people(request)
    if lawsuit is not None and thread_open(request, client=other, lawyer=actor, people=people):
        client, lawyer = other, actor
    elif lawsuit is not None and thread_open(request, client=actor, lawyer=other, people=people):
        client, lawyer = actor, other
    else:
        raise TransitionForbidden(_("Only a party and the lawyer acting for him on the case write here."))
    message = ClientMessage.objects.create(
        lawsuit=lawsuit, client=client, lawyer=lawyer, author=actor, body=body
    )
    notify_event(
        event="client_message",
        request=request,
        recipients=[other],
        params={"case": lawsuit.case_number or request.reference},
    )
    return message
