from django import forms

from identity.fields import DigitsField

from ..models import CertifiedCopy


class CertifiedCopyDetailsForm(forms.ModelForm):
    class Meta:
        model = CertifiedCopy
        fields = ("source", "source_number", "purpose", "delivery")
        field_classes = {"source_number": DigitsField}
        # A deed or judgment number may hold a slash or a dash: a text keyboard, which has them.
        widgets = {
            "source": forms.RadioSelect,
            "source_number": forms.TextInput(attrs={"dir": "ltr"}),
            "delivery": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radio buttons need no empty "select" choice: nothing is chosen until the person chooses.
        self.fields["source"].choices = CertifiedCopy.Source.choices
        self.fields["delivery"].choices = CertifiedCopy.Delivery.choices

    def clean_source_number(self):
        value = self.cleaned_data["source_number"].strip()
        if not value.replace("/", "").replace("-", "").isalnum():
            raise forms.ValidationError(self.fields["source_number"].help_text)
        return value
