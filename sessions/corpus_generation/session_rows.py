"""The sessions, with all they hold: presentations, audience questions, closing remarks, and
their themes, languages and initiatives."""

from datetime import timedelta

from sessions import corpus
from sessions.corpus_generation.rows import new_row
from sessions.corpus_generation.shape import (
    DURATIONS,
    PUBLISHED_SHARE,
    SESSION_TYPES,
    START_TIMES,
)
from sessions.models import AudienceQuestion, ClosingRemark, Presentation, Session


class SessionRows:
    """The Builder's sessions and all they hold (Builder inherits these): drawn from its random
    generator, among the forums, speakers and initiatives it has made before."""

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
