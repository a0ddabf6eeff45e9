"""Make N synthetic sessions, with everything around them, for load tests and the search benchmark.

    manage.py generate_corpus --sessions 100000 [--seed 1] [--clear] [--batch-size 2000]
                              [--no-search-index]

What it makes: a handful of forums, organisations, speakers, initiatives (with themes and
countries), then the sessions with their presentations, audience questions and answers and
closing remarks, in English and French (most records in both, some in one only), most
published, some drafts. The words come from `sessions.corpus`; its docstring says which terms a
benchmark can count on (MARKER is in every searchable record).

How: rows go in with bulk_create, one transaction per batch of sessions and all they hold, the
many-to-many rows through their tables. bulk_create calls no save() and sends no signals, so
no history rows (django-simple-history) are written and nothing else runs per row; the search
index is rebuilt once at the end (rebuild_search_index, where the project has it), and the
page cache is invalidated.

Every slug starts with "syn<run>-": a second run without --clear adds a second corpus beside the
first (run 2) instead of failing on a slug; --clear deletes every earlier synthetic row first.
"""

import os
import random
import re
import time
from collections import Counter
from datetime import date, timedelta
from datetime import time as clock
from itertools import accumulate

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, transaction
from django.db.models import CASCADE
from django.db.models.base import ModelState
from django.utils import translation
from django.utils.text import slugify

from gsef.cache import invalidate as invalidate_page_cache
from sessions import corpus
from sessions.models import (
    AudienceQuestion,
    ClosingRemark,
    Forum,
    Initiative,
    Language,
    Presentation,
    Session,
    SessionType,
    Theme,
)
from speakers.models import Organisation, Speaker

MAX_SESSIONS = 1_000_000
SYNTHETIC_SLUG = r"^syn[0-9]+-"

# A handful of editions: (first day, number of days, host country, online).
EDITIONS = [
    (date(2013, 11, 6), 3, "KR", False),
    (date(2014, 11, 17), 3, "KR", False),
    (date(2016, 9, 7), 3, "CA", False),
    (date(2018, 10, 1), 3, "ES", False),
    (date(2020, 10, 19), 5, "", True),
    (date(2021, 10, 4), 3, "MX", True),
    (date(2023, 5, 1), 5, "SN", False),
    (date(2025, 10, 22), 3, "FR", False),
]
# Which languages a record is written in: both, English only, French only.
LANGUAGE_MODES = [frozenset({"en", "fr"}), frozenset({"en"}), frozenset({"fr"})]
LANGUAGE_WEIGHTS = [60, 25, 15]
SESSION_TYPES = [
    (SessionType.WORKSHOP, 40),
    (SessionType.SELF_ORGANISED, 25),
    (SessionType.ROUNDTABLE, 15),
    (SessionType.SIDE_EVENT, 12),
    (SessionType.PLENARY, 8),
]
START_TIMES = [clock(9), clock(10, 30), clock(11), clock(14), clock(15, 30), clock(16, 30)]
DURATIONS = [60, 75, 90, 90, 120]
PUBLISHED_SHARE = 0.88


def skip_disk_wait():
    """On PostgreSQL, let this transaction's commit return before its WAL reaches the disk: a
    crash may lose the last batches (run the command again with --clear), never half of one."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _cumulative_list(weights):
    return list(accumulate(weights))


_DEFAULTS = {}


def new_row(model, **values):
    """An unsaved instance for bulk_create, made without Model.__init__.

    Model(**values) costs about 30 µs a row here (modeltranslation rewrites every keyword, and
    the pre_init and post_init signals go out): most of a minute at 1.4 million rows. This
    sets the attributes directly, over every concrete field's default, so that bulk_create
    never meets a deferred field (which would load the row from the database)."""
    if model not in _DEFAULTS:
        _DEFAULTS[model] = {
            field.attname: field.get_default() for field in model._meta.concrete_fields
        }
    defaults = _DEFAULTS[model]
    unknown = values.keys() - defaults.keys()
    if unknown:
        raise TypeError(f"{model.__name__} has no column {', '.join(sorted(unknown))}")
    row = model.__new__(model)
    row.__dict__.update(defaults)
    row.__dict__.update(values)
    row._state = ModelState()
    return row


class Builder:
    """Draws every record in a fixed order from one random generator, so a seed gives the
    same corpus on any database; rows refer to each other by position until the database has
    given them keys."""

    def __init__(self, *, sessions, seed, run, batch_size, report):
        self.total = sessions
        self.rng = random.Random(seed)
        self.write = corpus.Writer(self.rng)
        self.run = run
        self.tag = f"syn{run}"
        self.batch_size = batch_size
        self.report = report
        self.counts = Counter()
        self.started = time.monotonic()

    # -- helpers -------------------------------------------------------------------------

    def elapsed(self):
        return time.monotonic() - self.started

    def slug(self, text, index, limit=60):
        return f"{self.tag}-{slugify(text)[:limit].strip('-')}-{index}"

    def insert(self, model, rows):
        model.objects.bulk_create(rows)
        self.counts[model] += len(rows)
        return rows

    def mode(self):
        return self.rng.choices(LANGUAGE_MODES, cum_weights=self.language_cum)[0]

    def country(self):
        return self.rng.choice(corpus.COUNTRIES)

    # -- the records ---------------------------------------------------------------------

    def build(self):
        self.language_cum = _cumulative_list(LANGUAGE_WEIGHTS)
        self.type_cum = _cumulative_list(weight for _, weight in SESSION_TYPES)
        n = self.total
        with transaction.atomic():
            self.theme_ids = self.themes()
            self.languages()
            self.forum_rows = self.forums(min(len(EDITIONS), n))
        self.organisation_ids = self.in_batches(
            "organisations", max(2, n // 25), self.organisations
        )
        self.speaker_ids = self.in_batches("speakers", max(6, n * 2 // 5), self.speakers)
        self.initiative_ids = self.in_batches("initiatives", max(3, n * 2 // 5), self.initiatives)
        # Some speakers and initiatives come up far more often than others.
        self.speaker_cum = _cumulative_list(
            1 / (i + 10) ** 0.8 for i in range(len(self.speaker_ids))
        )
        self.initiative_cum = _cumulative_list(
            1 / (i + 10) ** 0.6 for i in range(len(self.initiative_ids))
        )
        self.in_batches("sessions", n, self.sessions)

    def in_batches(self, label, count, make):
        """Call make(start, stop) for each batch, each in one transaction; print progress
        about twenty times at most. Returns the keys that make() hands back, in order."""
        keys = []
        batches = max(1, -(-count // self.batch_size))
        every = max(1, batches // 20)
        for number, start in enumerate(range(0, count, self.batch_size), start=1):
            stop = min(count, start + self.batch_size)
            with transaction.atomic():
                skip_disk_wait()
                keys.extend(make(start, stop))
            if number % every == 0 or stop == count:
                self.report(f"{label} {stop:,}/{count:,} ({self.elapsed():.0f} s)")
        return keys

    def themes(self):
        existing = dict(Theme.objects.values_list("slug", "pk"))
        missing = [
            Theme(slug=slug, name_en=english, name_fr=french)
            for slug, english, french in corpus.THEMES
            if slug not in existing
        ]
        for theme in self.insert(Theme, missing):
            existing[theme.slug] = theme.pk
        return [existing[slug] for slug, _, _ in corpus.THEMES]

    def languages(self):
        codes = ["en", "fr", "es", "ko", "pt"]
        have = set(Language.objects.filter(code__in=codes).values_list("code", flat=True))
        self.insert(Language, [Language(code=code) for code in codes if code not in have])

    def forums(self, count):
        rows = []
        suffix = "" if self.run == 1 else f" (run {self.run})"
        for first_day, days, country, online in EDITIONS[-count:]:
            city = "" if online else self.write.place()
            where = "online" if online else f"in {city}"
            theme_en, theme_fr = corpus.both(self.write.title(5, 9), LANGUAGE_MODES[0], True)
            rows.append(
                new_row(
                    Forum,
                    name=f"Synthetic forum {first_day.year} {where}{suffix}",
                    slug=f"{self.tag}-forum-{first_day.year}",
                    year=first_day.year,
                    start_date=first_day,
                    end_date=first_day + timedelta(days=days - 1),
                    city=city,
                    country=country,
                    is_virtual=online,
                    central_theme_en=theme_en,
                    central_theme_fr=theme_fr,
                )
            )
        self.insert(Forum, rows)
        # Later editions are bigger.
        self.forum_cum = _cumulative_list(range(1, len(rows) + 1))
        return rows

    def organisations(self, start, stop):
        rng = self.rng
        suffix = f"(synthetic, {corpus.MARKER})"
        if self.run > 1:
            suffix = f"(synthetic run {self.run}, {corpus.MARKER})"
        rows = []
        for i in range(start, stop):
            english, french, kind = rng.choice(corpus.ORGANISATION_KINDS)
            word = self.write.place()
            base = f"{word} {english}" if rng.random() < 0.5 else f"{french} {word}"
            rows.append(
                new_row(
                    Organisation,
                    # The index keeps names unique: two draws may give the same words.
                    name=f"{base} {i + 1} {suffix}",
                    slug=self.slug(base, i + 1),
                    acronym="".join(part[0] for part in base.split()).upper(),
                    kind=kind,
                    country=self.country(),
                )
            )
        return [row.pk for row in self.insert(Organisation, rows)]

    def speakers(self, start, stop):
        rng, write = self.rng, self.write
        note_en = f"Synthetic speaker made by generate_corpus ({corpus.MARKER}), not a real person."
        note_fr = (
            f"Intervenant fictif créé par generate_corpus ({corpus.MARKER}), "
            "pas une personne réelle."
        )
        rows = []
        for i in range(start, stop):
            name = write.name()
            role_en, role_fr = rng.choice(corpus.ROLES)
            languages = self.mode()
            bio_en, bio_fr = corpus.both(write.text(rng.randint(1, 2)), languages)
            organisation = None
            if rng.random() < 0.9:
                organisation = self.organisation_ids[rng.randrange(len(self.organisation_ids))]
            rows.append(
                new_row(
                    Speaker,
                    name=name,
                    slug=self.slug(name, i + 1, limit=50),
                    role_en=role_en if "en" in languages else None,
                    role_fr=role_fr if "fr" in languages else None,
                    organisation_id=organisation,
                    country=self.country(),
                    bio_en=f"{note_en} {bio_en}" if bio_en else None,
                    bio_fr=f"{note_fr} {bio_fr}" if bio_fr else None,
                )
            )
        return [row.pk for row in self.insert(Speaker, rows)]

    def initiatives(self, start, stop):
        rng, write = self.rng, self.write
        rows, theme_picks = [], []
        for i in range(start, stop):
            languages = self.mode()
            name_en, name_fr = corpus.both(write.title(2, 5), languages, title=True)
            summary_en, summary_fr = corpus.both(write.text(rng.randint(2, 4), True), languages)
            steps = write.text(rng.randint(2, 3)) if rng.random() < 0.6 else None
            results = write.text(rng.randint(1, 2)) if rng.random() < 0.6 else None
            steps_en, steps_fr = corpus.both(steps, languages)
            results_en, results_fr = corpus.both(results, languages)
            organisation = None
            if rng.random() < 0.7:
                organisation = self.organisation_ids[rng.randrange(len(self.organisation_ids))]
            rows.append(
                new_row(
                    Initiative,
                    name_en=name_en,
                    name_fr=name_fr,
                    slug=self.slug(name_en or name_fr, i + 1),
                    summary_en=summary_en,
                    summary_fr=summary_fr,
                    country=self.country(),
                    region=write.place() if rng.random() < 0.6 else "",
                    organisation_id=organisation,
                    steps_en=steps_en,
                    steps_fr=steps_fr,
                    results_en=results_en,
                    results_fr=results_fr,
                    is_featured=i < 6,
                )
            )
            theme_picks.append(rng.sample(self.theme_ids, rng.choice([1, 1, 2, 2, 3])))
        self.insert(Initiative, rows)
        through = Initiative.themes.through
        self.insert(
            through,
            [
                new_row(through, initiative_id=row.pk, theme_id=theme)
                for row, themes in zip(rows, theme_picks, strict=True)
                for theme in themes
            ],
        )
        return [row.pk for row in rows]

    def pick_speakers(self, count):
        """`count` different speakers, the popular ones more often."""
        chosen = []
        while len(chosen) < count:
            (index,) = self.rng.choices(range(len(self.speaker_ids)), cum_weights=self.speaker_cum)
            if self.speaker_ids[index] not in chosen:
                chosen.append(self.speaker_ids[index])
        return chosen

    def pick_initiatives(self):
        count = self.rng.choices([0, 1, 2], weights=[35, 55, 10])[0]
        picks = set()
        while len(picks) < count:
            (index,) = self.rng.choices(
                range(len(self.initiative_ids)), cum_weights=self.initiative_cum
            )
            picks.add(self.initiative_ids[index])
        return sorted(picks)

    def sessions(self, start, stop):
        rng, write = self.rng, self.write
        sessions, plans = [], []
        for i in range(start, stop):
            (forum,) = rng.choices(self.forum_rows, cum_weights=self.forum_cum)
            languages = self.mode()
            (session_type,) = rng.choices([t for t, _ in SESSION_TYPES], cum_weights=self.type_cum)
            title_en, title_fr = corpus.both(write.title(4, 8), languages, title=True)
            summary_en, summary_fr = corpus.both(write.text(rng.randint(2, 4), True), languages)
            asked = rng.random() < 0.6
            question_en, question_fr = corpus.both(
                write.question(False) if asked else None, languages
            )
            synthesis = write.text(rng.randint(1, 3)) if asked and rng.random() < 0.8 else None
            synthesis_en, synthesis_fr = corpus.both(synthesis, languages)
            days = (forum.end_date - forum.start_date).days + 1
            presenters = self.pick_speakers(rng.choices([1, 2, 3, 4, 5], [10, 20, 35, 25, 10])[0])
            moderator = self.pick_speakers(1)[0] if rng.random() < 0.85 else None
            held_in = sorted(languages | ({"es"} if rng.random() < 0.1 else set()))
            sessions.append(
                new_row(
                    Session,
                    forum_id=forum.pk,
                    title_en=title_en,
                    title_fr=title_fr,
                    slug=self.slug(title_en or title_fr, i + 1, limit=80),
                    summary_en=summary_en,
                    summary_fr=summary_fr,
                    session_type=session_type,
                    date=forum.start_date + timedelta(days=rng.randrange(days)),
                    start_time=rng.choice(START_TIMES) if rng.random() < 0.9 else None,
                    duration_minutes=rng.choice(DURATIONS) if rng.random() < 0.9 else None,
                    participant_count=rng.randint(12, 450) if rng.random() < 0.7 else None,
                    participation_channel="Zoom" if forum.is_virtual else "",
                    moderator_id=moderator,
                    guiding_question_en=question_en,
                    guiding_question_fr=question_fr,
                    guiding_synthesis_en=synthesis_en,
                    guiding_synthesis_fr=synthesis_fr,
                    is_published=rng.random() < PUBLISHED_SHARE,
                )
            )
            plans.append(
                {
                    "themes": rng.sample(self.theme_ids, rng.choice([1, 2, 2, 3])),
                    "languages": held_in,
                    "presentations": [
                        self.presentation(order, speaker, languages)
                        for order, speaker in enumerate(presenters, start=1)
                    ],
                    "questions": [
                        self.question(order, presenters, languages)
                        for order in range(1, rng.choices(range(5), [20, 25, 30, 15, 10])[0] + 1)
                    ],
                    "remarks": [
                        self.remark(
                            order,
                            moderator if order == 1 and moderator else None,
                            presenters,
                            languages,
                        )
                        for order in range(1, rng.choices(range(3), [30, 50, 20])[0] + 1)
                    ],
                }
            )
        self.insert(Session, sessions)
        self.insert_children(sessions, plans)
        return [session.pk for session in sessions]

    def presentation(self, order, speaker, languages):
        title_en, title_fr = corpus.both(self.write.title(3, 7), languages, title=True)
        summary = self.write.text(self.rng.randint(1, 3), True)
        summary_en, summary_fr = corpus.both(summary, languages)
        row = new_row(
            Presentation,
            speaker_id=speaker,
            title_en=title_en,
            title_fr=title_fr,
            summary_en=summary_en,
            summary_fr=summary_fr,
            order=order,
        )
        return row, self.pick_initiatives()

    def question(self, order, presenters, languages):
        rng, write = self.rng, self.write
        question_en, question_fr = corpus.both(write.question(True), languages)
        answered = rng.random() < 0.75
        answer = write.text(rng.randint(1, 2)) if answered else None
        answer_en, answer_fr = corpus.both(answer, languages)
        return new_row(
            AudienceQuestion,
            asker_name=write.name() if rng.random() < 0.7 else "",
            asker_country=self.country() if rng.random() < 0.6 else "",
            question_en=question_en,
            question_fr=question_fr,
            answer_en=answer_en,
            answer_fr=answer_fr,
            answered_by_id=rng.choice(presenters) if answered else None,
            order=order,
        )

    def remark(self, order, speaker, presenters, languages):
        text_en, text_fr = corpus.both(self.write.text(self.rng.randint(1, 2), True), languages)
        return new_row(
            ClosingRemark,
            speaker_id=speaker or self.rng.choice(presenters),
            text_en=text_en,
            text_fr=text_fr,
            order=order,
        )

    def insert_children(self, sessions, plans):
        session_themes = Session.themes.through
        session_languages = Session.languages.through
        links = Presentation.initiatives.through
        themes, languages, presentations, picks, questions, remarks = [], [], [], [], [], []
        for session, plan in zip(sessions, plans, strict=True):
            themes += [
                new_row(session_themes, session_id=session.pk, theme_id=t) for t in plan["themes"]
            ]
            languages += [
                new_row(session_languages, session_id=session.pk, language_id=code)
                for code in plan["languages"]
            ]
            for presentation, initiatives in plan["presentations"]:
                presentation.session_id = session.pk
                presentations.append(presentation)
                picks.append(initiatives)
            for child in plan["questions"] + plan["remarks"]:
                child.session_id = session.pk
            questions += plan["questions"]
            remarks += plan["remarks"]
        self.insert(session_themes, themes)
        self.insert(session_languages, languages)
        self.insert(Presentation, presentations)
        self.insert(
            links,
            [
                new_row(links, presentation_id=presentation.pk, initiative_id=initiative)
                for presentation, initiatives in zip(presentations, picks, strict=True)
                for initiative in initiatives
            ],
        )
        self.insert(AudienceQuestion, questions)
        self.insert(ClosingRemark, remarks)


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


def describe(counts):
    """'sessions 3, session themes 5, ...': through tables named after their link."""
    parts = []
    for model, count in counts.items():
        if model._meta.auto_created:
            name = model._meta.object_name.replace("_", " ").lower()
        else:
            name = str(model._meta.verbose_name_plural)
        if count:
            parts.append(f"{name} {count:,}")
    return ", ".join(parts)


class Command(BaseCommand):
    help = (
        "Make N synthetic sessions with their forums, speakers, organisations, initiatives, "
        "questions and remarks in English and French, for load tests and search benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sessions", type=int, required=True, help="How many sessions to make."
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="The same seed gives the same corpus (default 1)."
        )
        parser.add_argument(
            "--clear", action="store_true", help="Delete earlier synthetic data first."
        )
        parser.add_argument(
            "--no-search-index",
            action="store_true",
            help="Do not rebuild the search index at the end (run rebuild_search_index later).",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=2000,
            help="Sessions (with all they hold) per transaction (default 2000).",
        )

    def handle(self, *args, sessions, seed, clear, batch_size, no_search_index, **options):
        if sessions <= 0:
            raise CommandError("--sessions must be a positive number of sessions.")
        if sessions > MAX_SESSIONS:
            raise CommandError(
                f"--sessions {sessions:,} is more than this command makes at once "
                f"({MAX_SESSIONS:,}); run it several times instead."
            )
        if not 1 <= batch_size <= 50_000:
            raise CommandError("--batch-size must be between 1 and 50,000.")
        started = time.monotonic()
        with translation.override("en"):
            if clear:
                with transaction.atomic():
                    deleted = clear_synthetic()
                self.stdout.write(
                    f"Deleted earlier synthetic data: {describe(deleted) or 'none'} "
                    f"({time.monotonic() - started:.0f} s)"
                )
            run = next_run()
            self.stdout.write(
                f"Making {sessions:,} synthetic sessions (seed {seed}, slugs syn{run}-...)"
            )
            builder = Builder(
                sessions=sessions,
                seed=seed,
                run=run,
                batch_size=batch_size,
                report=self.stdout.write,
            )
            try:
                builder.build()
            except DatabaseError as error:
                raise CommandError(f"The database refused a batch: {error}") from error
        # bulk_create sends no signal: drop the cached pages here.
        invalidate_page_cache()
        content_seconds = time.monotonic() - started
        self.stdout.write(f"Rows made: {describe(builder.counts)}")
        self.stdout.write(f"Content made in {content_seconds:.0f} s.")
        if no_search_index:
            self.stdout.write("The search index was not rebuilt (--no-search-index).")
        elif "rebuild_search_index" in get_commands():
            index_started = time.monotonic()
            # A corpus is made for a new database: fill the index with every core.
            jobs = min(4, os.cpu_count() or 1) if connection.vendor == "postgresql" else 1
            call_command("rebuild_search_index", jobs=jobs, stdout=self.stdout)
            self.stdout.write(f"Search index rebuilt in {time.monotonic() - index_started:.0f} s.")
        else:
            self.stdout.write(
                "The search index was not rebuilt: this project has no rebuild_search_index "
                "command."
            )
        if connection.vendor == "postgresql":
            # Fresh statistics: without them (autovacuum may be off) the planner guesses row
            # counts from an empty database and picks plans that take seconds.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self.stdout.write("Table statistics refreshed (ANALYZE).")
        self.stdout.write(
            self.style.SUCCESS(
                f"Made {sessions:,} synthetic sessions in {time.monotonic() - started:.0f} s."
            )
        )
