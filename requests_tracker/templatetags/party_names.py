from django import template

from ..parties import partial_name

register = template.Library()


@register.filter
def party_name_for(party, viewer) -> str:
    """The party's name as ``viewer`` may read it. A registered person is shown to others by first
    and last name only: the ID they typed should not buy the rest. Staff, who need the full name,
    and the person themself see it whole; a name the filer typed is shown as typed."""
    name = party.name or party.id_number
    if party.user_id is None or party.user_id == viewer.pk or viewer.is_staff:
        return name
    return partial_name(name)
