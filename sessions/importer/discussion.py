"""The guiding question, the audience's questions and answers, and the closing remarks.

Questions come in many shapes: a line naming who asked, then the question; "Q (Ana, Bilbao):
..." and "A (Speaker): ..."; **Question** / **Réponse** pairs; "Question 1 – Name (Country):
..."; a numbered list. Remarks come under a line naming their author, as "Name: text", or in a
paragraph that starts with a known person's name; otherwise they are the moderator's.
"""

import re

from django.utils.translation import gettext as _

from sessions.importer.blocks import fold
from sessions.importer.facts.countries import countries
from sessions.importer.facts.people import find_person, person_key, strip_honorific
from sessions.importer.parsed import ParsedQuestion, ParsedRemark
from sessions.importer.presentations import is_name_line, speaker_at_start
from sessions.importer.vocabulary import ANSWER_LABELS, ANSWER_VERBS, QUESTION_LABELS

ASKING = re.compile(
    r"\b(?:asked|wanted to know|wondered|a demandé|demande|s'interroge|voulait savoir|"
    r"preguntó|pregunta)\b",
    re.IGNORECASE,
)


def read_guiding(blocks, report):
    parts = []
    for block in blocks:
        if block.kind == "heading" and not report.guiding_question:
            report.guiding_question = block.text
        else:
            parts.append(block.content)
    if not report.guiding_question and parts and parts[0].rstrip().endswith("?"):
        report.guiding_question = parts.pop(0)
    report.guiding_synthesis = "\n\n".join(parts)


def _qa_label(block):
    """("q" or "a", who, text) for a block labelled as a question or an answer, else None."""
    if block.kind in {"label", "heading"} or block.colon:
        split = block.colon_split() if block.kind != "heading" else (block.text, "")
    else:
        match = re.match(r"^([QAR])\s*[.:)]\s+(.+)$", block.content)
        split = (match.group(1), match.group(2)) if match else None
    if not split:
        return None
    label, text = split
    words = fold(label).split()
    if not words:
        return None
    kind = "q" if words[0] in QUESTION_LABELS else "a" if words[0] in ANSWER_LABELS else None
    if kind is None or (len(words[0]) == 1 and not label.strip()[:1].isupper()):
        return None
    who = re.sub(r"^\W*\w+\.?\s*\d*\s*[-–—:.]?\s*", "", label).strip()
    if who.startswith("(") and who.endswith(")"):  # "Q (Ana, Bilbao)"
        who = who[1:-1]
    if block.kind == "heading" and len(words) > 6:
        return None
    return kind, who, text


def read_audience(blocks, report):
    current = None
    waiting = None  # "q" or "a": a label came alone, its text is the next block
    columns = None
    for block in blocks:
        if block.kind == "row":
            if columns is None:
                columns = _question_columns(block.cells)
            elif question := _question_from_row(block, columns, report):
                report.questions.append(question)
            continue
        if _is_note(block):
            continue
        labelled = _qa_label(block)
        if labelled:
            kind, who, text = labelled
            if kind == "q":
                current = ParsedQuestion(line=block.line, question=text)
                current.asker_name, current.asker_country = _asker(who)
                report.questions.append(current)
            elif current is not None:
                current.answered_by = _known_name(who.split(",")[0], report) if who else ""
                current.answer = text
            waiting = None if text else kind
            continue
        text = block.content
        if waiting == "q" and current is not None and not current.question:
            current.question, waiting = text, None
            continue
        if waiting == "a" and current is not None and not current.answer:
            current.answer, waiting = text, None
            continue
        waiting = None
        if block.kind == "heading" or (
            len(text.split()) <= 6 and not text.endswith((".", "?", "!")) and block.kind != "item"
        ):
            name, country = _asker(text)
            current = ParsedQuestion(line=block.line, asker_name=name, asker_country=country)
            report.questions.append(current)
            continue
        if (
            current is not None
            and current.question
            and not current.answer
            and _is_answer(text, report)
        ):
            current.answer = text
            current.answered_by = _answerer(text, report)
            continue
        if current is not None and current.answer and not ASKING.search(text) and "?" not in text:
            current.answer += "\n\n" + text
            continue
        if current is None and "?" not in text and not ASKING.search(text):
            report.skip(block.line, _("text in the questions section that asks nothing; skipped"))
            continue
        if current is None or current.question:
            current = ParsedQuestion(line=block.line)
            report.questions.append(current)
        current.question = text
    for question in report.questions:
        if not question.question:
            report.warn(
                question.line,
                _("“%(name)s” asked nothing; skipped") % {"name": question.asker_name},
            )
    report.questions = [q for q in report.questions if q.question]


QUESTION_COLUMNS = {
    "answered_by": ("answered by", "repondu par", "respondio", "who answered", "reponse de"),
    "asker": ("asked by", "asker", "who", "from", "participant", "name", "nom", "pose par"),
    "answer": ("answer", "reponse", "respuesta", "reply"),
    "question": ("question", "pregunta"),
}


def _question_columns(cells):
    """{column: index} from a questions table's header ("# | Asked by | Question | ...")."""
    columns = {}
    for index, cell in enumerate(cells):
        key = f" {fold(cell)} "
        for column, words in QUESTION_COLUMNS.items():
            if column not in columns and any(f" {word} " in key for word in words):
                columns[column] = index
                break
    return columns if "question" in columns else {}


def _question_from_row(block, columns, report):
    def cell(column):
        index = columns.get(column)
        return block.cells[index].strip() if index is not None and index < len(block.cells) else ""

    text = cell("question") if columns else max(block.cells, key=len)
    if not text:
        return None
    question = ParsedQuestion(line=block.line, question=text, answer=cell("answer"))
    question.asker_name, question.asker_country = _asker(cell("asker"))
    if who := cell("answered_by"):
        question.answered_by = _known_name(who, report)
    return question


def _is_note(block):
    """A rapporteur's aside in parentheses: "(four questions were taken from the chat)"."""
    text = block.content.strip()
    return block.kind == "paragraph" and text.startswith("(") and text.endswith((")", ").", ")."))


def _known_name(name, report):
    """The full name of the moderator or speaker a short name refers to ("Mr. Herrera",
    "I. Sarr"), or the name without its honorific."""
    people = [p.speaker for p in report.presentations]
    if report.moderator:
        people.append(report.moderator)
    name = re.split(r"\s*[(,]", name.strip(), maxsplit=1)[0]
    found = find_person(name, people)
    return found.name if found else strip_honorific(name)


def _is_answer(text, report):
    if "?" in text[-3:] or ASKING.search(text[:100]):
        return False
    head = fold(text[:120])
    return any(f" {verb} " in f" {head} " for verb in ANSWER_VERBS) or bool(
        speaker_at_start(text, report)
    )


def _answerer(text, report):
    presentation = speaker_at_start(text, report)
    return presentation.speaker.name if presentation else ""


def _asker(text):
    """ "Abel Mexico", "Abel (Mexico)", "Ana, Bilbao", "Abel from Mexico" → (name, code)."""
    known = countries()
    if "," in text and "(" not in text:  # "Ana, Bilbao": a name, then where from
        name, _comma, where = text.partition(",")
        return strip_honorific(name.strip()), known.find(where.strip())
    text = re.sub(r"[()]", " ", text).replace(",", " ")
    text = re.sub(r"\s+(?:from|de|du|of)\s+", " ", text)
    words = text.split()
    for size in (3, 2, 1):
        if len(words) > size and (code := known.find(" ".join(words[-size:]))):
            return strip_honorific(" ".join(words[:-size])), code
    return strip_honorific(" ".join(words)), ""


def read_closing(blocks, report):
    current = None
    for block in blocks:
        text = block.content
        if _is_note(block) or not any(ch.isalpha() for ch in text):  # "–": nothing said
            continue
        if block.kind == "paragraph" and text.endswith(":") and not is_name_line(text[:-1]):
            break  # "Resources / links:": what follows the remarks is not a remark
        if block.kind != "item" and is_name_line(text) and block.kind != "label":
            current = ParsedRemark(line=block.line, name=_name_of(text, report), text="")
            report.remarks.append(current)
            continue
        split = block.colon_split() if block.kind != "heading" else None
        if split and split[1] and is_name_line(split[0]):
            current = ParsedRemark(line=block.line, name=_name_of(split[0], report), text=split[1])
            report.remarks.append(current)
            continue
        named = _person_at_start(text, report)
        if named and (current is None or fold(named) != fold(current.name)):
            current = ParsedRemark(line=block.line, name=named, text="")
            report.remarks.append(current)
        if current is None:
            name = report.moderator.name if report.moderator else ""
            current = ParsedRemark(line=block.line, name=name, text="")
            report.remarks.append(current)
        current.text = "\n\n".join(part for part in [current.text, text] if part)
    for remark in report.remarks:
        if not remark.text:
            report.warn(
                remark.line, _("no remark under “%(name)s”; skipped") % {"name": remark.name}
            )
    report.remarks = [r for r in report.remarks if r.text]


def _name_of(text, report):
    name = re.split(r"\s*[(,:]\s*|\s+[–—-]\s+", text, maxsplit=1)[0]
    return _known_name(name, report)


def _person_at_start(text, report):
    """The moderator or a speaker whose name starts the paragraph, or ""."""
    if presentation := speaker_at_start(text, report):
        return presentation.speaker.name
    if report.moderator:
        key = person_key(report.moderator.name).split()
        start = fold(strip_honorific(text)).split()[: len(key)]
        if key and (start == key or start[:1] == key[-1:]):
            return report.moderator.name
    return ""
