"""The Builder: the synthetic corpus, drawn from one seed and inserted in batches."""

import random
import time
from collections import Counter
from datetime import timedelta
from itertools import accumulate

from django.db import transaction
from django.utils.text import slugify

from sessions import corpus
from sessions.corpus_generation.rows import new_row, skip_disk_wait
from sessions.corpus_generation.session_rows import SessionRows
from sessions.corpus_generation.shape import (
    EDITIONS,
    LANGUAGE_MODES,
    LANGUAGE_WEIGHTS,
    SESSION_TYPES,
)
from sessions.models import Forum, Initiative, Language, Theme
from speakers.models import Organisation, Speaker


def _cumulative_list(weights):
    return list(accumulate(weights))


class Builder(SessionRows):
    """Draws every record in a fixed order from one random generator, so a seed gives the
    same corpus on any database; rows refer to each other by position until the database has
    given them keys. The sessions, with all they hold, are drawn by SessionRows
    (`session_rows`)."""

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
