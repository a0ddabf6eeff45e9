from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from gsef.cache import ContentQuerySet
from gsef.links import slug_url
from gsef.translation_status import TranslationTimestamps


class OrganisationKind(models.TextChoices):
    NETWORK = "network", _("Network")
    GOVERNMENT = "government", _("Government")
    UNIVERSITY = "university", _("University or research centre")
    ENTERPRISE = "enterprise", _("Enterprise")
    COOPERATIVE = "cooperative", _("Cooperative")
    FUNDER = "funder", _("Funder")
    INTERNATIONAL = "international", _("International organisation")
    NGO = "ngo", _("Non-governmental organisation")
    OTHER = "other", _("Other")


def has_related(queryset, **lookups):
    """A condition for `queryset.filter()`: the row has related rows matching all `lookups`
    (which may follow reverse relations declared by other apps). Unlike a join, it never
    repeats a row."""
    return Exists(queryset.model.objects.filter(pk=OuterRef("pk"), **lookups))


class OrganisationQuerySet(ContentQuerySet):
    def published(self):
        """Organisations that a visitor can reach: one of their people spoke at a published
        session, or one of their initiatives was presented at one."""
        published_speakers = Speaker.objects.published().filter(organisation=OuterRef("pk"))
        return self.filter(
            Exists(published_speakers)
            | has_related(self, initiatives__presentations__session__is_published=True)
        )


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=255, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    acronym = models.CharField(_("acronym"), max_length=32, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganisationKind, default=OrganisationKind.OTHER
    )
    country = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return slug_url("speakers:organisation-detail", self.slug)


class SpeakerQuerySet(ContentQuerySet):
    def published(self):
        """Speakers who presented at, moderated or closed a published session."""
        return self.filter(
            has_related(self, presentations__session__is_published=True)
            | has_related(self, moderated_sessions__is_published=True)
            | has_related(self, closing_remarks__session__is_published=True)
        )

    def with_organisation(self):
        return self.select_related("organisation")


class Speaker(TranslationTimestamps):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    role = models.CharField(_("role"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speakers",
    )
    country = CountryField(_("country"), blank=True)
    bio = models.TextField(_("short bio"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speaker",
        help_text=_("Set for moderators who log in to add closing remarks."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the emails sent to them (an invitation)."),
    )

    objects = SpeakerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        permissions = [("invite_moderator", _("Can invite a speaker as a moderator"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("speakers:speaker-detail", self.slug)
