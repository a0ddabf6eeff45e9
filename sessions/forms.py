from django import forms
from django.db import transaction
from django.db.models import F
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from sessions.importer import MAX_BYTES
from sessions.models import ClosingRemark, Session
from speakers.models import Speaker

MODERATOR_PAGE = "moderator page"  # the change reason of what a moderator writes there


class ClosingRemarkForm(forms.ModelForm):
    """One closing remark, as a moderator enters it. The order is a position the moderator
    types; the formset turns positions into 1, 2, 3... when it saves."""

    position = forms.IntegerField(label=_("Position"), min_value=1, max_value=999)

    class Meta:
        model = ClosingRemark
        fields = ["speaker", "text_en", "text_fr"]
        labels = {"text_en": _("Remark in English"), "text_fr": _("Remark in French")}
        help_texts = {"text_fr": _("Optional: English is shown where French is missing.")}

    def __init__(self, *args, speakers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speaker"].queryset = speakers
        self.fields["text_en"].required = True
        if self.instance.pk:
            self.fields["position"].initial = self.instance.order


class BaseClosingRemarkFormSet(BaseInlineFormSet):
    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "speakers": self.speakers}

    def __init__(self, *args, **kwargs):
        session = kwargs["instance"]
        # The moderator, or on their behalf any speaker of the session.
        self.speakers = Speaker.objects.filter(
            pk__in=[session.moderator_id, *session.presentations.values_list("speaker", flat=True)]
        )
        super().__init__(*args, **kwargs)
        for number, form in enumerate(self.extra_forms, start=len(self.initial_forms) + 1):
            form.fields["position"].initial = number

    @transaction.atomic
    def save_in_order(self, user):
        """Delete, add and edit remarks, then number the rest 1, 2, 3... by position.

        Remarks that change place are first moved out of the way, so that the database's
        "one order per session" constraint holds at every step.
        """
        for form in self.deleted_forms:
            if form.instance.pk:
                form.instance._change_reason = MODERATOR_PAGE
                form.instance.delete()
        kept = [
            form
            for form in self.forms
            if form not in self.deleted_forms and (form.instance.pk or form.has_changed())
        ]
        kept.sort(key=lambda form: (form.cleaned_data["position"], form.instance.order or 0))
        moving = [
            form.instance.pk
            for number, form in enumerate(kept, start=1)
            if form.instance.pk and form.instance.order != number
        ]
        ClosingRemark.objects.filter(pk__in=moving).update(order=F("order") + 10_000)
        for number, form in enumerate(kept, start=1):
            remark = form.save(commit=False)
            if remark.pk is None:
                remark.created_by = user
            if remark.pk is None or form.has_changed() or remark.pk in moving:
                remark.session = self.instance
                remark.order = number
                remark._change_reason = MODERATOR_PAGE
                remark.save()


ClosingRemarkFormSet = inlineformset_factory(
    Session,
    ClosingRemark,
    form=ClosingRemarkForm,
    formset=BaseClosingRemarkFormSet,
    extra=1,
    can_delete=True,
)


class ReportUploadForm(forms.Form):
    report = forms.FileField(
        label=_("Report file"),
        help_text=_(
            "A rapporteur's report: a Word document (.docx), Markdown or plain text, in "
            "English or French. You will see what it holds before anything is saved."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.md,.markdown,.txt"}),
    )

    def clean_report(self):
        report = self.cleaned_data["report"]
        if report.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s MB; a report is at most %(limit)d MB.")
                % {
                    "size": number_format(report.size / 1024 / 1024, 1),
                    "limit": MAX_BYTES // 1024 // 1024,
                }
            )
        return report
