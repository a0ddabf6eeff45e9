"""What each record looks like. Field names are stable: new fields may be added, none is
renamed or removed within /api/v1/. Texts are {"en": ..., "fr": ...}; `url` is the web page,
`api_url` the record here. Nested records are the published ones only: a speaker, session or
initiative reached from a published session is published by definition."""

from rest_framework import serializers

from sessions.api.fields import (
    ApiLinkField,
    CountryField,
    PageLinkField,
    TranslatedField,
)
from sessions.models import (
    AudienceQuestion,
    ClosingRemark,
    Forum,
    Initiative,
    Presentation,
    Session,
    Theme,
)
from speakers.models import Organisation, Speaker


class ThemeBriefSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    url = PageLinkField()
    api_url = ApiLinkField("theme-detail")

    class Meta:
        model = Theme
        fields = ["slug", "name", "url", "api_url"]


class ThemeSerializer(ThemeBriefSerializer):
    description = TranslatedField()
    session_count = serializers.IntegerField(help_text="Published sessions on this theme.")
    initiative_count = serializers.IntegerField(help_text="Published initiatives on it.")

    class Meta(ThemeBriefSerializer.Meta):
        fields = [*ThemeBriefSerializer.Meta.fields, "description"]
        fields += ["session_count", "initiative_count"]


class OrganisationBriefSerializer(serializers.ModelSerializer):
    country = CountryField()
    url = PageLinkField()
    api_url = ApiLinkField("organisation-detail")

    class Meta:
        model = Organisation
        fields = ["slug", "name", "acronym", "kind", "country", "website", "url", "api_url"]


class SpeakerBriefSerializer(serializers.ModelSerializer):
    role = TranslatedField()
    country = CountryField()
    organisation = OrganisationBriefSerializer(allow_null=True)
    url = PageLinkField()
    api_url = ApiLinkField("speaker-detail")

    class Meta:
        model = Speaker
        fields = ["slug", "name", "role", "organisation", "country", "url", "api_url"]


class ForumBriefSerializer(serializers.ModelSerializer):
    url = PageLinkField()
    api_url = ApiLinkField("forum-detail")

    class Meta:
        model = Forum
        fields = ["slug", "name", "year", "url", "api_url"]


class ForumSerializer(ForumBriefSerializer):
    country = CountryField()
    central_theme = TranslatedField()
    session_count = serializers.IntegerField(help_text="Its published sessions.")

    class Meta(ForumBriefSerializer.Meta):
        fields = [*ForumBriefSerializer.Meta.fields, "start_date", "end_date", "city"]
        fields += ["country", "is_virtual", "central_theme", "website", "session_count"]


class InitiativeBriefSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    country = CountryField()
    url = PageLinkField()
    api_url = ApiLinkField("initiative-detail")

    class Meta:
        model = Initiative
        fields = ["slug", "name", "country", "url", "api_url"]


class SessionBriefSerializer(serializers.ModelSerializer):
    title = TranslatedField()
    url = PageLinkField()
    api_url = ApiLinkField("session-detail")

    class Meta:
        model = Session
        fields = ["slug", "title", "date", "url", "api_url"]


class SessionSerializer(SessionBriefSerializer):
    """A session in a list."""

    summary = TranslatedField()
    type = serializers.CharField(source="session_type", help_text="The `type` filter's value.")
    type_label = serializers.CharField(
        source="get_session_type_display", help_text="In the answer's language."
    )
    forum = ForumBriefSerializer()
    themes = ThemeBriefSerializer(many=True)
    languages = serializers.SerializerMethodField(help_text="Codes of the languages held in.")

    class Meta(SessionBriefSerializer.Meta):
        fields = [*SessionBriefSerializer.Meta.fields, "summary", "type", "type_label"]
        fields += ["start_time", "duration_minutes", "forum", "themes", "languages"]

    def get_languages(self, session) -> list[str]:
        return [language.code for language in session.languages.all()]


class PresentationSerializer(serializers.ModelSerializer):
    title = TranslatedField()
    summary = TranslatedField()
    speaker = SpeakerBriefSerializer()
    initiatives = InitiativeBriefSerializer(many=True)

    class Meta:
        model = Presentation
        fields = ["order", "title", "summary", "speaker", "initiatives"]


class AudienceQuestionSerializer(serializers.ModelSerializer):
    question = TranslatedField()
    answer = TranslatedField()
    asker_country = CountryField()
    answered_by = serializers.CharField(
        source="answered_by.name", allow_null=True, help_text="The name of who answered."
    )

    class Meta:
        model = AudienceQuestion
        fields = ["order", "asker_name", "asker_country", "question", "answer", "answered_by"]


class ClosingRemarkSerializer(serializers.ModelSerializer):
    text = TranslatedField()
    speaker = SpeakerBriefSerializer()

    class Meta:
        model = ClosingRemark
        fields = ["order", "speaker", "text"]


class SessionDetailSerializer(SessionSerializer):
    guiding_question = TranslatedField()
    guiding_synthesis = TranslatedField()
    moderator = SpeakerBriefSerializer(allow_null=True)
    presentations = PresentationSerializer(many=True)
    questions = AudienceQuestionSerializer(many=True)
    closing_remarks = ClosingRemarkSerializer(many=True)

    class Meta(SessionSerializer.Meta):
        fields = [*SessionSerializer.Meta.fields, "participant_count", "participation_channel"]
        fields += ["moderator", "guiding_question", "guiding_synthesis", "presentations"]
        fields += ["questions", "closing_remarks"]


class InitiativeSerializer(InitiativeBriefSerializer):
    """An initiative in a list."""

    summary = TranslatedField()
    organisation = OrganisationBriefSerializer(allow_null=True)
    themes = ThemeBriefSerializer(many=True)

    class Meta(InitiativeBriefSerializer.Meta):
        fields = [*InitiativeBriefSerializer.Meta.fields, "summary", "region", "organisation"]
        fields += ["themes", "website"]


class InitiativePresentationSerializer(serializers.ModelSerializer):
    """Where an initiative was presented: at a published session."""

    title = TranslatedField()
    session = SessionBriefSerializer()
    forum = ForumBriefSerializer(source="session.forum")
    speaker = SpeakerBriefSerializer()

    class Meta:
        model = Presentation
        fields = ["order", "title", "session", "forum", "speaker"]


class InitiativeDetailSerializer(InitiativeSerializer):
    steps = TranslatedField()
    results = TranslatedField()
    presentations = InitiativePresentationSerializer(many=True, source="published_presentations")

    class Meta(InitiativeSerializer.Meta):
        fields = [*InitiativeSerializer.Meta.fields, "steps", "results", "presentations"]


class SpeakerSerializer(SpeakerBriefSerializer):
    """A speaker in a list."""


class SpeakerPresentationSerializer(serializers.ModelSerializer):
    title = TranslatedField()
    session = SessionBriefSerializer()

    class Meta:
        model = Presentation
        fields = ["order", "title", "session"]


class SpeakerDetailSerializer(SpeakerSerializer):
    bio = TranslatedField()
    presentations = SpeakerPresentationSerializer(many=True, source="public_presentations")
    moderated_sessions = SessionBriefSerializer(many=True, source="public_moderated_sessions")

    class Meta(SpeakerSerializer.Meta):
        fields = [*SpeakerSerializer.Meta.fields, "bio", "presentations", "moderated_sessions"]


class OrganisationDetailSerializer(OrganisationBriefSerializer):
    speakers = SpeakerBriefSerializer(many=True, source="public_speakers")
    initiatives = InitiativeBriefSerializer(many=True, source="public_initiatives")

    class Meta(OrganisationBriefSerializer.Meta):
        fields = [*OrganisationBriefSerializer.Meta.fields, "speakers", "initiatives"]


class CountrySerializer(serializers.Serializer):
    """A country with published content. Not a model: built by the view."""

    code = serializers.CharField(help_text="ISO 3166-1 alpha-2 code.")
    name = serializers.CharField(help_text="In the answer's language.")
    names = serializers.DictField(child=serializers.CharField(), help_text="In each language.")
    initiative_count = serializers.IntegerField()
    speaker_count = serializers.IntegerField()
    url = serializers.URLField(help_text="Its web page, in the answer's language.")
    api_url = serializers.URLField()
    sessions = serializers.URLField(help_text="Its sessions in this API (a filtered list).")
    initiatives = serializers.URLField(help_text="Its initiatives in this API.")
    speakers = serializers.URLField(help_text="Its speakers in this API.")
