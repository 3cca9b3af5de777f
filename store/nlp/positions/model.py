"""What the position finder gives: positions, and the drafts and dispute
subjects they are about."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..matcher import PhraseIndex


@dataclass
class Subject:
    id: str
    name_en: str
    name_ar: str
    kind: str = ""  # "report": the subject is itself a report or a finding
    body: str = ""  # the actor id of the body that votes on its drafts


@dataclass
class Draft:
    sponsors: tuple[str, ...]
    subject: str | None
    first_sentence: int
    ordinal: int = 1


@dataclass
class Position:
    sentence_idx: int
    party: str | None
    subject: str
    subject_en: str
    subject_ar: str
    aspect: str
    value: str
    summary_en: str
    text_ar: str
    spans: dict[str, list[int]] = field(default_factory=dict)
    event_type: str | None = None
    date: str | None = None


def load_subjects(rows: list[dict[str, str]]) -> tuple[dict[str, Subject], PhraseIndex[str]]:
    """The dispute subjects of subjects.tsv rows, and the index of their keywords."""
    subjects: dict[str, Subject] = {}
    index: PhraseIndex[str] = PhraseIndex()
    for row in rows:
        sid = row["id"]
        subjects[sid] = Subject(sid, row.get("name_en", ""), row.get("name_ar", ""), row.get("kind", ""),
                                row.get("body", ""))
        for kw in row.get("keywords", "").split("|"):
            if kw.strip():
                index.add(kw.strip(), sid)
    return subjects, index
