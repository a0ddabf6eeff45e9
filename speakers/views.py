from django.db.models import Prefetch
from django.utils.functional import SimpleLazyObject
from django.views.generic import DetailView

from gsef.views import FragmentDetailView
from speakers.models import Organisation, Speaker


class SpeakerDetailView(FragmentDetailView):
    template_name = "speakers/speaker_detail.html"
    context_object_name = "speaker"
    queryset = Speaker.objects.published().with_organisation()

    def get_context_data(self, **kwargs):
        # Reverse relations declared by the sessions app; read through them so this app
        # never imports it. Read only if a fragment of the page must be rendered.
        speaker = self.object
        return super().get_context_data(
            presentations=SimpleLazyObject(
                lambda: list(
                    speaker.presentations.of_published_sessions("session__forum").order_by(
                        "-session__date", "order"
                    )
                )
            ),
            moderated_sessions=SimpleLazyObject(
                lambda: list(speaker.moderated_sessions.published().select_related("forum"))
            ),
            **kwargs,
        )


class OrganisationDetailView(DetailView):
    template_name = "speakers/organisation_detail.html"
    queryset = Organisation.objects.published().prefetch_related(
        Prefetch("speakers", Speaker.objects.published(), to_attr="public_speakers")
    )

    def get_context_data(self, **kwargs):
        return super().get_context_data(initiatives=self.object.initiatives.published(), **kwargs)
