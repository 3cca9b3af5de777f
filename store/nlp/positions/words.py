"""The word classes of diplomatic positions, read from store/data/lexicon.tsv
(the block after `# --- positions ---`), and the event types and actor
kinds the rules test. The cue classes that aspects.tsv names
(mandate_words, sending_words ...) are read through the aspects."""
from __future__ import annotations

from ..event_types import event_types
from ..lexicon import _LEXICON, DRAFT_WORDS, RELATIVES  # noqa: F401  (shared with the extractor)

_W = _LEXICON.words

TABLING = _W("tabling_verbs")
WITHDRAW = _W("withdrawal_verbs")
ADOPT = _W("adoption_words")
FAIL = _W("failure_verbs")
FREEZE = _W("freeze_words")
ENDORSE = _W("endorse_words")
REJECT = _W("reject_words")
FINDING_WORDS = _W("finding_words")
RESPONSIBLE = _W("responsibility_words")
ABSTAIN = _W("abstain_words")
VETO = _W("veto_words")
# event types whose sentences may state a position: the verbal ones
HOLDS_POSITIONS = {t.id for t in event_types() if t.family == "verbal"}
CONTENT = _W("content_verbs")
AMEND = _W("amendment_words")
ORDINALS = _LEXICON.values("draft_ordinals")
NOT_PARTIES = {"media", "monitor", "civilians", "civilian", "ngo"}
NOT_HELD = {"media", "monitor"}
# verbal cues that name a speaker (a finding is the text's, not a speaker's)
VERBAL = HOLDS_POSITIONS - {"finding"}
APPROVE = _W("approval_words")
SUFFICE = _W("sufficiency_words")
RESPONSIBLE_NOUNS = _W("responsible_nouns")
SANCTION_WORDS = _W("sanction_words")
OPPOSE = _W("oppose_words")
HELICOPTER = _W("helicopter_words")
ARMED = {"non_state_armed_group", "jihadist_group", "armed_group", "militia", "rebel_group", "group",
         "terrorist_group", "opposition"}
PRAISE_WORDS = _W("praise_words")
CRITIC_WORDS = _W("criticism_words")
STATEMENT_WORDS = _W("statement_nouns")
ERRORS = _W("error_words")
CAUSE = _W("cause_words")
ACCUSE = _W("accusation_verbs")
VETO_VERBS = _W("veto_verbs")
VOTE_AGAINST_STRICT = _W("vote_against")
VOTE_FOR_STRICT = _W("vote_for")
VOTE_VERBS = _W("vote_verbs")
BLOCK = _W("blocking_verbs")
ORDINAL_ADJ = _W("ordinal_adjectives")
OBJECT_MARKERS = _W("speech_object_markers")
POSITION_WORDS = _W("position_nouns")
DRAFT_HEADS = _W("draft_heads")
RESOLUTION_NOUNS = _W("resolution_nouns")
NEW_DRAFTS = _W("new_draft_words")
RESOLUTION_WORDS = _W("resolution_words_or_plural")
VENUE_PREPOSITIONS = _W("venue_prepositions")
DURATION_OPENERS = _W("duration_openers")
SINGLE_UNITS = _W("single_units")
WHOLE_UNITS = _W("whole_units")
ONE_WHOLE = _W("one_whole")
HOUR_UNITS = _W("hour_units")
REFUSAL = _W("refusal_verbs")
REPORTED_CONTENT = _W("reported_content_words")
DISOWNING = _W("disowning_words")
COMPLEMENTISERS = _W("complementisers")
TIME_REFERENCES = _W("time_reference_words")
SANCTION_TARGETS = _W("sanction_targets")
PRONOUN_SUFFIXES = tuple(sorted(_W("pronoun_suffixes")))
DUAL_PLURAL_ENDINGS = tuple(sorted(_W("dual_plural_endings")))

DURATION_NUMBERS = _LEXICON.values("duration_numbers")
DURATION_UNITS = _LEXICON.values("duration_units", str)
DUAL_DURATIONS = _LEXICON.values("dual_durations", str)
PAST_TIME = _W("past_time_words")
NEGATORS = _W("clause_negators")
