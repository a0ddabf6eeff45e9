from django.db.models import Prefetch
from django.utils.functional import SimpleLazyObject
from django.views.generic import DetailView

from gsef.prepared import NUMBER, TEXT, PreparedQuery, belonging_to
from gsef.views import FragmentDetailView
from speakers.models import Organisation, Speaker


def _related(accessor):
    """A reverse relation declared by the sessions app, which this app never imports."""
    return Speaker._meta.get_field(accessor)


PUBLISHED_SPEAKER = PreparedQuery(
    lambda slug: Speaker.objects.published().with_organisation().filter(slug=slug)[:2], TEXT
)
PRESENTATIONS = PreparedQuery(
    lambda pk: (
        _related("presentations")
        .related_model.objects.of_published_sessions("session__forum")
        .filter(speaker=pk)
        .order_by("-session__date", "order")
    ),
    NUMBER,
)
MODERATED = PreparedQuery(
    lambda pk: (
        _related("moderated_sessions")
        .related_model.objects.published()
        .select_related("forum")
        .filter(moderator=pk)
    ),
    NUMBER,
)


def _of_speaker(query, accessor, speaker):
    """The rows of a reverse relation, each knowing its speaker (as speaker.<accessor> does)."""
    return belonging_to(speaker, query.run(speaker.pk), _related(accessor).field.name)


def published_speaker(slug):
    found = PUBLISHED_SPEAKER.run(slug)
    return found[0] if found else None


class SpeakerDetailView(FragmentDetailView):
    template_name = "speakers/speaker_detail.html"
    context_object_name = "speaker"
    queryset = Speaker.objects.published()
    load = staticmethod(published_speaker)

    def get_context_data(self, **kwargs):
        # Read only if a fragment of the page must be rendered.
        speaker = self.object
        return super().get_context_data(
            presentations=SimpleLazyObject(
                lambda: _of_speaker(PRESENTATIONS, "presentations", speaker)
            ),
            moderated_sessions=SimpleLazyObject(
                lambda: _of_speaker(MODERATED, "moderated_sessions", speaker)
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
