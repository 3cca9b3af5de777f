"""Diplomatic positions: who holds what on which subject, clause by clause.

A position is (party, subject, aspect, value) with the clause it comes from.
Parties come from the sponsor of a draft («عرضت روسيا مشروع قرار»،
«المشروع الروسي»، «مشروع القرار الذي عرضته الولايات المتحدة»، «مشروع
قراره»، «المسودة»), from voters and vetoers, and from the actor of an
accusation, criticism or praise. Subjects come from subjects.tsv, the
aspects they are compared on and the normaliser of each one's value from
aspects.tsv, the words from lexicon.tsv.

    words.py      the word classes          durations.py  ISO 8601 durations
    aspects.py    aspects.tsv, normalisers  tokens.py     token tests
    model.py      Position, Draft, Subject  clauses.py    the clause passes, in order
    finder.py     drafts, subjects, speakers, votes, deadlines; runs the passes
"""
from .durations import iso_duration
from .finder import PositionFinder
from .model import Draft, Position, Subject, load_subjects

__all__ = ["Draft", "Position", "PositionFinder", "Subject", "iso_duration", "load_subjects"]
