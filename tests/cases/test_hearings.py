"""Hearings as the parties live them: who schedules them, the minutes, remote attendance and its video
link, the statement of defence and memos."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import Hearing, Memo
from cases.services import (
    hearing_record_minutes,
    hearing_schedule,
    memo_file,
    remote_attendance_register,
    representative_add,
    video_link,
)
from requests_tracker.errors import TransitionForbidden

from ..factories import UserFactory
from .helpers import began, decide, file_claim, judge, pleading_lawyer, register, sms_to

pytestmark = pytest.mark.django_db


def registered_case(mode=Hearing.Mode.VIDEO):
    plaintiff, defendant = UserFactory(), UserFactory()
    claim = register(file_claim(plaintiff, [defendant]), mode=mode)
    return claim, plaintiff, defendant


# --- Scheduling and minutes ----------------------------------------------------------------------------------


def test_the_circuit_judge_schedules_a_hearing_and_the_parties_are_told():
    claim, plaintiff, defendant = registered_case()
    when = timezone.now() + timedelta(days=14)
    hearing = hearing_schedule(
        request=claim, actor=judge(), starts_at=when, mode=Hearing.Mode.IN_PERSON, room="3"
    )
    assert hearing.starts_at == when and hearing.video_url == ""
    assert sms_to("hearing_scheduled", claim) == {plaintiff.phone, defendant.phone}


@pytest.mark.parametrize("who", ["plaintiff", "defendant", "stranger", "clerk"])
def test_only_the_judge_schedules_hearings(who):
    claim, plaintiff, defendant = registered_case()
    actor = {
        "plaintiff": plaintiff,
        "defendant": defendant,
        "stranger": UserFactory(),
        "clerk": UserFactory(roles=["claims_clerk"]),
    }[who]
    with pytest.raises(TransitionForbidden):
        hearing_schedule(
            request=claim, actor=actor, starts_at=timezone.now() + timedelta(days=3), mode=Hearing.Mode.VIDEO
        )
    assert claim.lawsuit.hearings.count() == 1
    assert not sms_to("hearing_scheduled")


def test_no_hearing_in_the_past_nor_before_registration_nor_after_the_judgment():
    claim, _plaintiff, _defendant = registered_case()
    circuit_judge = judge()
    with pytest.raises(TransitionForbidden):
        hearing_schedule(
            request=claim, actor=circuit_judge, starts_at=timezone.now() - timedelta(minutes=1), mode="video"
        )
    unregistered = file_claim(UserFactory(), [UserFactory()])
    with pytest.raises(TransitionForbidden):
        hearing_schedule(
            request=unregistered,
            actor=circuit_judge,
            starts_at=timezone.now() + timedelta(days=2),
            mode="video",
        )
    decide(claim, by=circuit_judge)
    with pytest.raises(TransitionForbidden):
        hearing_schedule(
            request=claim, actor=circuit_judge, starts_at=timezone.now() + timedelta(days=2), mode="video"
        )


def test_minutes_are_recorded_by_the_judge_once_the_hearing_began():
    claim, plaintiff, _defendant = registered_case()
    hearing = claim.lawsuit.hearings.get()
    with pytest.raises(TransitionForbidden):
        hearing_record_minutes(hearing=hearing, actor=judge(), minutes="حضر الطرفان.")
    began(hearing)
    with pytest.raises(TransitionForbidden):
        hearing_record_minutes(hearing=hearing, actor=plaintiff, minutes="حضر الطرفان.")
    with pytest.raises(TransitionForbidden):
        hearing_record_minutes(hearing=hearing, actor=judge(), minutes="   ")
    hearing_record_minutes(hearing=hearing, actor=judge(), minutes="  حضر الطرفان.  ")
    hearing.refresh_from_db()
    assert hearing.minutes == "حضر الطرفان."


# --- Remote attendance and the video link ---------------------------------------------------------------------


def test_the_video_link_shows_only_to_a_registered_party_from_fifteen_minutes_before():
    claim, plaintiff, defendant = registered_case()
    hearing = claim.lawsuit.hearings.get()
    start = hearing.starts_at
    assert hearing.video_url

    assert video_link(hearing, plaintiff, now=start - timedelta(minutes=10)) == "", "not registered yet"
    remote_attendance_register(hearing=hearing, actor=plaintiff)
    assert video_link(hearing, plaintiff, now=start - timedelta(minutes=16)) == "", "too early"
    assert video_link(hearing, plaintiff, now=start - timedelta(minutes=15)) == hearing.video_url
    assert video_link(hearing, plaintiff, now=start + timedelta(minutes=30)) == hearing.video_url
    assert video_link(hearing, plaintiff, now=start + timedelta(hours=3)) == "", "the hearing is over"
    assert video_link(hearing, defendant, now=start - timedelta(minutes=5)) == "", "each party registers"


def test_the_video_link_with_the_real_clock():
    claim, plaintiff, _defendant = registered_case()
    hearing = claim.lawsuit.hearings.get()
    remote_attendance_register(hearing=hearing, actor=plaintiff)
    assert video_link(hearing, plaintiff) == "", "a week ahead"
    Hearing.objects.filter(pk=hearing.pk).update(starts_at=timezone.now() + timedelta(minutes=10))
    hearing.refresh_from_db()
    assert video_link(hearing, plaintiff) == hearing.video_url


def test_only_the_parties_register_and_only_for_a_video_hearing():
    claim, plaintiff, _defendant = registered_case()
    hearing = claim.lawsuit.hearings.get()
    with pytest.raises(TransitionForbidden):
        remote_attendance_register(hearing=hearing, actor=UserFactory())
    in_person = hearing_schedule(
        request=claim,
        actor=judge(),
        starts_at=timezone.now() + timedelta(days=3),
        mode=Hearing.Mode.IN_PERSON,
    )
    with pytest.raises(TransitionForbidden):
        remote_attendance_register(hearing=in_person, actor=plaintiff)
    assert video_link(in_person, plaintiff, now=in_person.starts_at) == ""


def test_registering_twice_is_one_registration():
    claim, plaintiff, _defendant = registered_case()
    hearing = claim.lawsuit.hearings.get()
    first = remote_attendance_register(hearing=hearing, actor=plaintiff)
    assert remote_attendance_register(hearing=hearing, actor=plaintiff) == first


def test_the_defendants_lawyer_attends_for_him():
    claim, _plaintiff, defendant = registered_case()
    agent = pleading_lawyer(defendant)
    hearing = claim.lawsuit.hearings.get()
    remote_attendance_register(hearing=hearing, actor=agent)
    assert video_link(hearing, agent, now=hearing.starts_at) == hearing.video_url


# --- The defence and memos --------------------------------------------------------------------------------------


def test_the_defendant_files_his_defence_before_the_first_hearing():
    claim, _plaintiff, defendant = registered_case()
    memo = memo_file(request=claim, actor=defendant, kind=Memo.Kind.DEFENCE, text="لم أقترض من المدعي شيئًا.")
    assert memo.side == "defendant" and memo.kind == Memo.Kind.DEFENCE


def test_no_defence_once_the_first_hearing_began():
    claim, _plaintiff, defendant = registered_case()
    began(claim.lawsuit.hearings.get())
    with pytest.raises(TransitionForbidden):
        memo_file(request=claim, actor=defendant, kind=Memo.Kind.DEFENCE, text="دفاع متأخر.")
    # A memo is still possible while the case is heard.
    memo_file(request=claim, actor=defendant, kind=Memo.Kind.MEMO, text="مذكرة تعقيب.")
    assert list(claim.lawsuit.memos.values_list("kind", flat=True)) == [Memo.Kind.MEMO]


def test_the_plaintiff_files_no_statement_of_defence():
    claim, plaintiff, _defendant = registered_case()
    with pytest.raises(TransitionForbidden):
        memo_file(request=claim, actor=plaintiff, kind=Memo.Kind.DEFENCE, text="دفاع.")
    memo = memo_file(request=claim, actor=plaintiff, kind=Memo.Kind.MEMO, text="مذكرة بالبينات.")
    assert memo.side == "plaintiff"


def test_memos_only_while_the_case_is_under_consideration():
    plaintiff, defendant = UserFactory(), UserFactory()
    claim = file_claim(plaintiff, [defendant])
    with pytest.raises(TransitionForbidden):
        memo_file(request=claim, actor=plaintiff, kind=Memo.Kind.MEMO, text="قبل القيد.")
    register(claim)
    memo_file(request=claim, actor=plaintiff, kind=Memo.Kind.MEMO, text="أثناء النظر.")
    decide(claim, by=judge())
    with pytest.raises(TransitionForbidden):
        memo_file(request=claim, actor=defendant, kind=Memo.Kind.MEMO, text="بعد الحكم.")
    assert claim.lawsuit.memos.count() == 1


def test_a_stranger_files_no_memo_and_an_empty_memo_is_refused():
    claim, plaintiff, _defendant = registered_case()
    with pytest.raises(TransitionForbidden):
        memo_file(request=claim, actor=UserFactory(), kind=Memo.Kind.MEMO, text="مذكرة.")
    with pytest.raises(TransitionForbidden):
        memo_file(request=claim, actor=plaintiff, kind=Memo.Kind.MEMO, text="  ")
    assert not claim.lawsuit.memos.exists()


# --- Representatives ------------------------------------------------------------------------------------------


def test_a_party_names_a_lawyer_holding_his_poa_with_the_pleading_clause():
    claim, _plaintiff, defendant = registered_case()
    agent = pleading_lawyer(defendant)
    representative = representative_add(request=claim, actor=defendant, lawyer=agent)
    assert representative.principal == defendant and representative.lawyer == agent
    memo = memo_file(request=claim, actor=agent, kind=Memo.Kind.DEFENCE, text="دفاع الوكيل.")
    assert memo.side == "defendant"


def test_a_lawyer_without_the_pleading_clause_is_not_named():
    claim, _plaintiff, defendant = registered_case()
    agent = pleading_lawyer(defendant, clauses=("enforcement_application",))
    with pytest.raises(TransitionForbidden):
        representative_add(request=claim, actor=defendant, lawyer=agent)
    with pytest.raises(TransitionForbidden):
        representative_add(request=claim, actor=defendant, lawyer=UserFactory())
    assert not claim.lawsuit.representatives.exists()
