"""Earlier synthetic runs (slugs "syn<run>-..."): which run comes next, and deleting them all."""

import re
from collections import Counter

from django.db.models import CASCADE

from sessions.models import (
    AudienceQuestion,
    ClosingRemark,
    Forum,
    Initiative,
    Presentation,
    Session,
)
from speakers.models import Organisation, Speaker

SYNTHETIC_SLUG = r"^syn[0-9]+-"


def clear_synthetic():
    """Delete every synthetic row (slugs "syn<run>-..."), children and links first.

    Plain DELETE statements: Django's delete() would load each row and send signals, and
    django-simple-history would write a history row for every deleted one."""
    synthetic = {"slug__regex": SYNTHETIC_SLUG}
    sessions = Session.objects.filter(forum__slug__regex=SYNTHETIC_SLUG)
    speakers = Speaker.objects.filter(**synthetic)
    organisations = Organisation.objects.filter(**synthetic)
    # Real rows that point at synthetic ones through a nullable key lose the link.
    Session.objects.filter(moderator__in=speakers).exclude(pk__in=sessions).update(moderator=None)
    AudienceQuestion.objects.filter(answered_by__in=speakers).exclude(session__in=sessions).update(
        answered_by=None
    )
    Speaker.objects.filter(organisation__in=organisations).exclude(**synthetic).update(
        organisation=None
    )
    Initiative.objects.filter(organisation__in=organisations).exclude(**synthetic).update(
        organisation=None
    )
    links = Presentation.initiatives.through.objects
    steps = [
        links.filter(presentation__session__in=sessions),
        links.filter(initiative__slug__regex=SYNTHETIC_SLUG),
        Presentation.objects.filter(session__in=sessions),
        AudienceQuestion.objects.filter(session__in=sessions),
        ClosingRemark.objects.filter(session__in=sessions),
        Session.themes.through.objects.filter(session__in=sessions),
        Session.languages.through.objects.filter(session__in=sessions),
        sessions,
        Forum.objects.filter(**synthetic),
        Initiative.themes.through.objects.filter(initiative__slug__regex=SYNTHETIC_SLUG),
        Initiative.objects.filter(**synthetic),
        speakers,
        organisations,
    ]
    handled = {queryset.model for queryset in steps}
    deleted = Counter()
    for queryset in steps:
        for dependent in _other_dependents(queryset, handled):
            deleted[dependent.model] += dependent._raw_delete(dependent.db)
        deleted[queryset.model] += queryset._raw_delete(queryset.db)
    return deleted


def _other_dependents(queryset, handled):
    """Rows of other models that cascade from these rows (the search index's entries, for
    one): deleted with them, as Django's delete() would."""
    for relation in queryset.model._meta.get_fields(include_hidden=True):
        if (
            relation.one_to_many
            and relation.auto_created
            and relation.related_model not in handled
            and relation.on_delete is CASCADE
        ):
            yield relation.related_model._base_manager.filter(
                **{f"{relation.field.name}__in": queryset}
            )


def next_run():
    runs = [
        int(match.group(1))
        for slug in Forum.objects.filter(slug__regex=SYNTHETIC_SLUG).values_list("slug", flat=True)
        if (match := re.match(r"syn(\d+)-", slug))
    ]
    return max(runs, default=0) + 1
