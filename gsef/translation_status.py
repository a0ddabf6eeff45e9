"""Whether a record's texts exist, and are current, in both languages.

The translated fields of a model are the ones registered with modeltranslation: each has an
`_en` and an `_fr` column. A record is complete, lacks French or English text (some field has
text in one language only; blank and NULL are both missing), or has one language older than the
other: its text in the other language changed after it was last written.

To know "older", `TranslationTimestamps` keeps, per record, when its English texts and its
French texts last changed, stamped by save() after comparing the translated fields with what
the database holds. The rules, for a save that changes the text of one language only:
- the other language has no text: nothing to compare, the changed language is stamped now;
- the changed language was missing, older or not known: it is being brought up to date, and
  takes the other language's time, if known (both match: the record is current);
- otherwise it is stamped now, and the other language becomes older than it.
A save that changes both languages stamps both now: the record is current. Rows written by
bulk_create (the importer's) have no stamps, and update() changes none: a NULL stamp means
not known, never "older".
"""

from django.db import models, router
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from modeltranslation.utils import get_language as active_translation_language

# Each language and the field holding when its texts last changed.
STAMPS = {"en": "english_changed_at", "fr": "french_changed_at"}
OTHER = {"en": "fr", "fr": "en"}


class TranslationStatus(models.TextChoices):
    COMPLETE = "complete", _("Complete")
    FRENCH_MISSING = "french_missing", _("French missing")
    ENGLISH_MISSING = "english_missing", _("English missing")
    FRENCH_OLDER = "french_older", _("French older than English")
    ENGLISH_OLDER = "english_older", _("English older than French")


class TranslationTimestamps(models.Model):
    """For a model registered with modeltranslation: when its English and its French texts
    last changed (see the module's docstring), stamped on save."""

    english_changed_at = models.DateTimeField(_("English text changed"), null=True, editable=False)
    french_changed_at = models.DateTimeField(_("French text changed"), null=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        stamped = stamp_text_changes(self, update_fields, kwargs.get("using"))
        if stamped and update_fields is not None:
            kwargs["update_fields"] = [*update_fields, *stamped]
        super().save(*args, **kwargs)


def translated_fields(model):
    """The names of `model`'s translated fields: ["title", "summary"]."""
    return list(translator.get_options_for_model(model).all_fields)


def _column(field, language):
    return build_localized_fieldname(field, language)


def _same(a, b):
    """Equal texts for a person: NULL and blank alike, and a form's \\r\\n line ends."""
    return (a or "").replace("\r\n", "\n").strip() == (b or "").replace("\r\n", "\n").strip()


def _written_columns(fields, update_fields):
    """The translated columns that `save(update_fields=...)` writes. A bare name ("text")
    writes the active language's column."""
    named, active = set(update_fields), active_translation_language()
    return {
        _column(field, code)
        for field in fields
        for code in STAMPS
        if _column(field, code) in named or (field in named and code == active)
    }


def stamp_text_changes(record, update_fields=None, using=None):
    """Before `record` is saved: stamp each language whose texts the save changes (the rules
    are in the module's docstring). Returns the names of the stamps set."""
    model = type(record)
    fields = translated_fields(model)
    every = {_column(field, code) for field in fields for code in STAMPS}
    written = every if update_fields is None else _written_columns(fields, update_fields)
    if not written:
        return []
    if record._state.adding or record.pk is None:
        if any(getattr(record, stamp) is not None for stamp in STAMPS.values()):
            return []  # brought back with its stamps (a part restored from its history)
        before = None
    else:
        before = (
            model._base_manager.using(using or router.db_for_write(model, instance=record))
            .filter(pk=record.pk)
            .values(*every, *STAMPS.values())
            .first()
        )
    known = before or {}
    changed = {
        code
        for code in STAMPS
        if any(
            not _same(getattr(record, _column(field, code)), known.get(_column(field, code)))
            for field in fields
            if _column(field, code) in written
        )
    }
    now = timezone.now()
    for code, stamp in STAMPS.items():
        other = OTHER[code]
        if code not in changed:
            if before is not None:  # the stamps are this module's: the database's stand
                setattr(record, stamp, before[stamp])
        elif other in changed or not any(getattr(record, _column(f, other)) for f in fields):
            setattr(record, stamp, now)
        elif _behind(known, fields, code):
            setattr(record, stamp, known.get(STAMPS[other]) or now)
        else:
            setattr(record, stamp, now)
    return [STAMPS[code] for code in changed]


def _behind(before, fields, code):
    """Before the save, the record's `code` text was missing, older or not known."""
    other = OTHER[code]
    mine, theirs = before.get(STAMPS[code]), before.get(STAMPS[other])
    missing = any(
        before.get(_column(field, other)) and not before.get(_column(field, code))
        for field in fields
    )
    return missing or mine is None or (theirs is not None and mine < theirs)


# What a loaded record is: read from its fields, no query.


def _missing(record, fields, code):
    other = OTHER[code]
    return any(
        getattr(record, _column(field, other)) and not getattr(record, _column(field, code))
        for field in fields
    )


def is_older(record, code):
    """The record's text in language `code` was last written before its text in the other
    language changed (both times known, and some field has text in both languages)."""
    if code not in STAMPS:
        return False
    mine = getattr(record, STAMPS[code], None)
    theirs = getattr(record, STAMPS[OTHER[code]], None)
    if mine is None or theirs is None or mine >= theirs:
        return False
    return any(
        all(getattr(record, _column(field, language)) for language in STAMPS)
        # __class__, not type(): a detail page's record is a lazy object standing for it.
        for field in translated_fields(record.__class__)
    )


def status_of(record):
    """The first status that applies, in TranslationStatus's order: missing text before older
    text, French before English; complete if none does."""
    fields = translated_fields(type(record))
    if _missing(record, fields, "fr"):
        return TranslationStatus.FRENCH_MISSING
    if _missing(record, fields, "en"):
        return TranslationStatus.ENGLISH_MISSING
    if is_older(record, "fr"):
        return TranslationStatus.FRENCH_OLDER
    if is_older(record, "en"):
        return TranslationStatus.ENGLISH_OLDER
    return TranslationStatus.COMPLETE


def outdated(record):
    """(the language that may be out of date, when the other one changed), or None."""
    for code in STAMPS:
        if is_older(record, code):
            return code, getattr(record, STAMPS[OTHER[code]])
    return None


# The same in the database, as conditions for filter() and aggregate().


def _filled(column):
    return Q(**{f"{column}__isnull": False}) & ~Q(**{column: ""})


def _blank(column):
    return Q(**{f"{column}__isnull": True}) | Q(**{column: ""})


def _any(conditions):
    found = Q()
    for condition in conditions:
        found |= condition
    return found


def _missing_q(fields, code):
    other = OTHER[code]
    return _any(_filled(_column(f, other)) & _blank(_column(f, code)) for f in fields)


def _older_q(fields, code):
    mine, theirs = STAMPS[code], STAMPS[OTHER[code]]
    both_written = _any(_filled(_column(f, "en")) & _filled(_column(f, "fr")) for f in fields)
    return (
        Q(**{f"{mine}__isnull": False, f"{theirs}__isnull": False, f"{mine}__lt": F(theirs)})
        & both_written
    )


def status_conditions(model):
    """{status: a condition on `model`'s rows}: each row meets exactly one, the one
    status_of() says."""
    fields = translated_fields(model)
    checks = [
        (TranslationStatus.FRENCH_MISSING, _missing_q(fields, "fr")),
        (TranslationStatus.ENGLISH_MISSING, _missing_q(fields, "en")),
        (TranslationStatus.FRENCH_OLDER, _older_q(fields, "fr")),
        (TranslationStatus.ENGLISH_OLDER, _older_q(fields, "en")),
    ]
    conditions, earlier = {}, None
    for status, check in checks:
        conditions[status] = check if earlier is None else check & ~earlier
        earlier = check if earlier is None else earlier | check
    conditions[TranslationStatus.COMPLETE] = ~earlier
    return conditions


def status_counts(queryset):
    """{status: number of rows} for the statuses other than complete, in one query."""
    conditions = status_conditions(queryset.model)
    return queryset.aggregate(
        **{
            status.value: Count("pk", filter=condition)
            for status, condition in conditions.items()
            if status != TranslationStatus.COMPLETE
        }
    )
