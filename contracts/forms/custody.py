from django import forms
from django.utils.translation import gettext_lazy as _

from identity.fields import ChildrenField


class CustodyDetailsForm(forms.Form):
    """The children whose custody is agreed, why, and how the other parent sees them."""

    children = ChildrenField(
        help_text=_("One child per line: name, ID number, birth date (YYYY-MM-DD)."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the custody is agreed so (a divorce, a journey …)."),
    )
    visitation = forms.CharField(
        label=_("Visits"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("When and where the other parent sees the children."),
    )
