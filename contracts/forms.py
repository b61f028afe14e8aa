from django import forms

from .models import CertifiedCopy


class CertifiedCopyDetailsForm(forms.ModelForm):
    class Meta:
        model = CertifiedCopy
        fields = ("source", "source_number", "purpose", "delivery")
        widgets = {"source": forms.RadioSelect, "delivery": forms.RadioSelect}

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
