"""Parsed people, organisations, initiatives and forums to the rows that already hold them.

Speakers are matched by name (case, accents and honorifics ignored), organisations by acronym
or name, initiatives by name in either language; a forum by its dates, else by the dates that
hold the session's date, else by name within its year. What is not found is created, and a
forum made from what the report says is named in the warnings, so that the preview shows it.
Each batch reads the rows it matches against once; beside other importers (import_many with
jobs > 1 on PostgreSQL), creations take an advisory lock and read what the others created.
"""

import datetime
import re

from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sessions.importer.blocks import fold
from sessions.importer.facts.people import Person, person_key
from sessions.importer.results import Twin
from sessions.models import Forum, Initiative, Language, Presentation, Session
from speakers.models import Organisation, Speaker

SESSION_SLUG_LENGTH = 60  # a draft's address: short, from the title's first words
CREATION_LOCK = 4_715_293  # any number; names the advisory lock of concurrent imports
ABBREVIATIONS = {"sse": "social and solidarity economy", "ess": "economie sociale et solidaire"}


def organisation_key(name):
    words = fold(re.sub(r"\([^)]*\)", " ", name)).split()
    words = [ABBREVIATIONS.get(word, word) for word in words]
    if words and words[0] in {"the", "la", "le", "les", "l"}:
        words = words[1:]
    return " ".join(words)


class Matcher:
    """The caches and the find-or-create of shared rows; the Importer writes sessions."""

    concurrent = False
    pending = None  # set by the Importer in a chunked batch
    defer_shared = False  # the report's new shared rows wait in `pending`
    ui_language = None  # the language of whoever runs the import, set by `write`

    def in_ui_language(self):
        """Rows are written with the report's language active; what the import says to the
        person running it (warnings, refusals) is in theirs."""
        return translation.override(self.ui_language)

    def _reset(self):
        self.speakers, self.organisations, self.initiatives = {}, {}, {}
        self.languages, self.forums, self.slugs = {}, {}, {}
        self.drafts = None
        self.published = {}  # forum pk → its published sessions, for `_published_twin`
        self.seen = {}  # model → the highest primary key read into the caches
        self._refresh()

    def _refresh(self):
        """Read rows created since the last look (all of them the first time). Where one
        is a row this importer made too and has not written yet (beside other importers, a
        chunk's), theirs is kept: the return maps id(ours) to theirs."""
        replaced = {}

        def keep(cache, key, row):
            mine = cache.setdefault(key, row)
            if mine.pk is None:  # waiting in this chunk: the one written first wins
                cache[key] = replaced[id(mine)] = row

        def new(queryset):
            model = queryset.model
            rows = list(queryset.filter(pk__gt=self.seen.get(model, 0)).order_by("pk"))
            if rows:
                self.seen[model] = rows[-1].pk
                if model in self.slugs:
                    self.slugs[model].update(row.slug for row in rows)
            return rows

        for speaker in new(Speaker.objects.select_related("organisation")):
            keep(self.speakers, person_key(speaker.name), speaker)
        for organisation in new(Organisation.objects.all()):
            keep(self.organisations, organisation_key(organisation.name), organisation)
            if organisation.acronym:
                keep(self.organisations, f"acronym:{organisation.acronym.upper()}", organisation)
        for initiative in new(Initiative.objects.all()):
            for name in (initiative.name_en, initiative.name_fr):
                if name:
                    keep(self.initiatives, fold(name), initiative)
        return replaced

    def _may_create(self):
        """Before creating a shared row. Alone, nothing to do. Beside other importers: wait
        for the others' creations to commit, then read them; the caller looks again. In a
        chunk, nothing either: the row waits, and `settle` looks before it is written."""
        if not self.concurrent or self.locked or self.defer_shared:
            return False
        self._lock_and_refresh()
        return True

    def _lock_and_refresh(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CREATION_LOCK])
        self.locked = True
        self.forums.clear()
        self.slugs.clear()
        return self._refresh()

    def settle(self, pending):
        """Beside other importers, before a chunk's new shared rows are written: wait for the
        others' creations to commit (the lock, held to the chunk's commit), read them, and
        point to theirs where both made the same row (its outcome still says "created");
        a slug taken meanwhile is chosen again."""
        if not self.concurrent:
            return
        replaced = self._lock_and_refresh() if not self.locked else self._refresh()
        pending.replace(replaced)
        waiting = [(model, rows, 80) for model, rows in pending.shared.items()]
        sessions = [session for _key, session in pending.sessions]
        for model, rows, length in [*waiting, (Session, sessions, SESSION_SLUG_LENGTH)]:
            slugs = model.objects.filter(slug__in=[row.slug for row in rows])
            taken = set(slugs.values_list("slug", flat=True))
            for row in rows:
                if row.slug in taken:
                    row.slug = self._slug(model, row.slug, length)

    def _slug(self, model, text, max_length):
        """A slug no row of `model` has; the taken ones are read once per batch (beside other
        importers, a session's slug is checked in the database)."""
        base = slugify(text)
        if len(base) > max_length - 4:  # the first words that fit, room left for "-2"
            base = base[: max_length - 3].rsplit("-", 1)[0]
        base = base.strip("-") or "item"
        if self.concurrent and model is Session:
            slug, n = base, 1
            while Session.objects.filter(slug=slug).exists() or (
                self.pending and self.pending.has_slug(slug)
            ):
                n += 1
                slug = f"{base}-{n}"
            return slug
        if model not in self.slugs:
            self.slugs[model] = set(model.objects.values_list("slug", flat=True))
        taken = self.slugs[model]
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        return slug

    def _language(self, code):
        if code not in self.languages:
            self.languages[code] = Language.objects.get_or_create(code=code)[0]
        return self.languages[code]

    # Forums and drafts

    def _forum(self, parsed, result):
        key = (parsed.forum_start, parsed.forum_end, fold(parsed.forum_name), parsed.date)
        forum = self.forums.get(key) or self._find_forum(parsed)
        if forum is None and self._may_create():
            return self._forum(parsed, result)
        if forum:
            self.forums[key] = forum
            result.add("forum", "matched", forum.name)
            return forum
        forum = self._new_forum(parsed)
        self.forums[key] = forum
        result.add("forum", "created", forum.name)
        return forum

    def _find_forum(self, parsed):
        forums = Forum.objects.order_by("start_date")
        if parsed.forum_start:
            found = forums.filter(start_date=parsed.forum_start, end_date=parsed.forum_end).first()
            if found:
                return found
        if parsed.date:
            found = forums.filter(start_date__lte=parsed.date, end_date__gte=parsed.date).first()
            if found:
                return found
        year = parsed.forum_year or (parsed.date.year if parsed.date else None)
        if parsed.forum_name and year:
            name = fold(re.sub(r"\b(?:19|20)\d\d\b", " ", parsed.forum_name))
            for forum in forums.filter(year=year):
                candidate = fold(re.sub(r"\b(?:19|20)\d\d\b", " ", forum.name))
                if name and (name in candidate or candidate in name):
                    return forum
        return None

    def _new_forum(self, parsed):
        """A forum made from what the report says: its name, its dates or its year."""
        year = (
            parsed.forum_year
            or (parsed.date.year if parsed.date else None)
            or datetime.date.today().year
        )
        name = parsed.forum_name or "GSEF Forum"
        if str(year) not in name:
            name = f"{name} {year}"
        start = parsed.forum_start or parsed.date or datetime.date(year, 1, 1)
        end = parsed.forum_end or start
        if Forum.objects.filter(name=name[:200]).exists():  # same name, other dates
            name = f"{name} ({start.isoformat()})"
        forum = Forum(
            name=name[:200],
            slug=self._slug(Forum, name, 80),
            year=start.year,
            start_date=start,
            end_date=end,
            is_virtual="virtual" in fold(name) or "virtuel" in fold(name),
        )
        setattr(forum, f"central_theme_{parsed.language}", parsed.central_theme[:300])
        self._save(forum, None)
        with self.in_ui_language():
            if parsed.forum_start:
                where = _("its dates")
            else:
                where = _("the session's date") if parsed.date else _("its year")
            message = _(
                "no forum in the knowledge base holds this session: the forum “%(forum)s” was "
                "made from the report (%(where)s, %(start)s to %(end)s); check it in the admin"
            )
        dates = {"start": forum.start_date, "end": forum.end_date}
        parsed.warn(None, message % {"forum": forum.name, "where": where, **dates})
        return forum

    def _draft(self, parsed, forum):
        """The draft this report made before (same forum, same title), or a new session; for
        a revision, the draft revising that published session, or a new one."""
        if self.drafts is None:
            self.drafts = {}
            for draft in Session.objects.filter(is_published=False).only(
                "pk", "forum", "title_en", "title_fr"
            ):
                for title in (draft.title_en, draft.title_fr):
                    if title:
                        self.drafts.setdefault((draft.forum_id, fold(title)), draft.pk)
        if self.revision_of is not None:
            revisions = Session.objects.filter(revision_of=self.revision_of, is_published=False)
            return revisions.first() or Session(forum=forum, revision_of=self.revision_of)
        pk = self.drafts.get((forum.pk, fold(parsed.title)))
        draft = Session.objects.filter(pk=pk, is_published=False).first() if pk else None
        return draft if draft is not None else Session(forum=forum)

    def _published_twin(self, forum, parsed, moderator):
        """A published session this report may be the report of: the same forum and title,
        or the same forum, date and moderator, as a Twin; or None."""
        if forum.pk not in self.published:
            self.published[forum.pk] = list(
                Session.objects.filter(forum=forum, is_published=True).values_list(
                    "title_en", "title_fr", "date", "moderator_id", "slug", "pk"
                )
            )
        title = fold(parsed.title)
        for english, french, date, moderator_id, slug, pk in self.published[forum.pk]:
            same_title = title in (fold(english or ""), fold(french or ""))
            same_slot = moderator is not None and (date, moderator_id) == (
                parsed.date,
                moderator.pk,
            )
            if same_title or same_slot:
                address = reverse("sessions:session-detail", args=[slug])
                return Twin(pk, english or french, address)
        return None

    # People and what they present

    def _create(self, obj, line):
        """A new shared row, built from bounded parsed text: saved now or, for a new session
        in a chunk, written with the chunk's rows."""
        if self.defer_shared:
            self.pending.add_shared(obj)
        else:
            self._save(obj, line, check=False)

    def _save_shared(self, obj, line):
        if obj.pk is not None:  # else waiting in the chunk, to be written as it is now
            self._save(obj, line)

    def _organisation(self, person, result):
        if not person.organisation and not person.acronym:
            return None
        organisation = None
        if person.acronym:
            organisation = self.organisations.get(f"acronym:{person.acronym.upper()}")
        if organisation is None and person.organisation:
            organisation = self.organisations.get(organisation_key(person.organisation))
        if organisation is None and self._may_create():
            return self._organisation(person, result)
        if organisation:
            updates = {}
            if person.acronym and not organisation.acronym:
                updates["acronym"] = person.acronym
            if person.country and not organisation.country:
                updates["country"] = person.country
            if updates:
                self._set(organisation, updates)
                self._save_shared(organisation, person.line)
            result.add("organisation", "updated" if updates else "matched", str(organisation))
            return organisation
        name = person.organisation or person.acronym
        organisation = Organisation(
            name=name[:255],
            slug=self._slug(Organisation, person.acronym or name, 80),
            acronym=person.acronym[:30],
            country=person.country,
        )
        self._create(organisation, person.line)
        self.organisations[organisation_key(name)] = organisation
        if person.acronym:
            self.organisations[f"acronym:{person.acronym.upper()}"] = organisation
        result.add("organisation", "created", str(organisation))
        return organisation

    def _speaker(self, person, result):
        organisation = self._organisation(person, result)
        speaker = self.speakers.get(person_key(person.name))
        if speaker is None and self._may_create():
            speaker = self.speakers.get(person_key(person.name))
        role_field = f"role_{result.parsed.language}"
        if speaker:
            updates = {
                name: value
                for name, value in [
                    (role_field, person.role[:255]),
                    ("organisation", organisation),
                    ("country", person.country),
                ]
                if value and not getattr(speaker, name)
            }
            if updates:
                self._set(speaker, updates)
                self._save_shared(speaker, person.line)
            result.add("speaker", "updated" if updates else "matched", speaker.name)
            return speaker
        speaker = Speaker(
            name=person.name[:200],
            slug=self._slug(Speaker, person.name, 80),
            organisation=organisation,
            country=person.country,
        )
        setattr(speaker, role_field, person.role[:255])
        self._create(speaker, person.line)
        self.speakers[person_key(person.name)] = speaker
        result.add("speaker", "created", speaker.name)
        return speaker

    def _remark_speaker(self, remark, parsed, result):
        speaker = self.speakers.get(person_key(remark.name))
        if speaker is None:
            with self.in_ui_language():
                message = _("%(name)s is not a known speaker; a speaker was added")
            parsed.warn(remark.line, message % {"name": remark.name})
            speaker = self._speaker(Person(name=remark.name, line=remark.line), result)
        return speaker

    def _initiatives(self, names, presentation_speaker, title, result):
        found = []
        for name in names:
            initiative = self.initiatives.get(fold(name))
            if initiative is None and self._may_create():
                initiative = self.initiatives.get(fold(name))
            if initiative:
                result.add("initiative", "matched", initiative.name_en or initiative.name)
            else:
                initiative = Initiative(
                    slug=self._slug(Initiative, name, 80),
                    country=presentation_speaker.country,
                    organisation=presentation_speaker.organisation,
                )
                setattr(initiative, f"name_{result.parsed.language}", name[:255])
                self._create(initiative, None)
                self.initiatives[fold(name)] = initiative
                result.add("initiative", "created", name)
            found.append(initiative)
        if not found and presentation_speaker.pk is not None:  # not made by this chunk
            # Nothing named in the summary: reuse what this speaker's same talk presented
            # elsewhere (an earlier import, or the same talk entered by hand).
            column = f"title_{result.parsed.language}"
            earlier = Presentation.objects.filter(
                speaker=presentation_speaker, **{f"{column}__iexact": title}
            ).first()
            for initiative in earlier.initiatives.all() if earlier else []:
                found.append(initiative)
                result.add("initiative", "matched", initiative.name_en or "")
        return found

    def _presentation_values(self, parsed_presentation, session, language, result):
        speaker = self._speaker(parsed_presentation.speaker, result)
        initiatives = self._initiatives(
            parsed_presentation.initiatives, speaker, parsed_presentation.title[:300], result
        )
        return (
            {
                "speaker": speaker,
                f"title_{language}": parsed_presentation.title[:300],
                f"summary_{language}": parsed_presentation.summary,
            },
            {"initiatives": initiatives},
            parsed_presentation.speaker.line,
            f"{speaker.name}: {parsed_presentation.title[:60]}",
        )
