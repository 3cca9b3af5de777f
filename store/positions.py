"""Diplomatic positions: who holds what on which subject, clause by clause.

A position is (party, subject, aspect, value) with the clause it comes from.
Parties come from the sponsor of a draft («عرضت روسيا مشروع قرار»،
«المشروع الروسي»، «مشروع القرار الذي عرضته الولايات المتحدة»، «مشروع
قراره»، «المسودة»), from voters and vetoers, and from the actor of an
accusation, criticism or praise. Subjects come from subjects.tsv. Aspects
and their normalised values:

    mandate_length / aid_duration / ceasefire_length   ISO 8601 (P6M, P2Y)
    investigation_sites, crossings                     place ids
    finding_stance                                     freeze | endorse | reject
    report_assessment                                  praise | reject
    responsibility                                     actor id held responsible
    vote                                               for | against | abstain | veto
    draft_status                                       tabled | withdrawn | adopted | failed
    deadline                                           YYYY-MM-DD (party: none)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .arabic import normalize, proclitic_variants, tokenize
from .dictionaries import _shipped
from .matcher import PhraseIndex


def _n(*words: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in words)


DRAFT_WORDS = _n("مشروع", "مشروعا", "المشروع", "مسودة", "المسودة", "الوثيقة", "وثيقة", "النص", "مشروعها",
                 "مشروعه", "مشروعهم", "مشروعي", "مشروعين", "مشروعان", "المسودتين", "قراره", "قرارها")
TABLING = _n("عرض", "عرضت", "عرضته", "قدم", "قدمت", "قدمته", "قدمتها", "طرح", "طرحت", "طرحته", "وزع", "وزعت",
             "وزعته", "صاغ", "صاغت", "صاغته", "اقترح", "اقترحت", "تقدم", "تقدمت", "أعدت", "أعده", "أعدته")
WITHDRAW = _n("سحب", "سحبت", "سحبه", "سحبته", "سحبها", "بسحب", "سحبوا")
ADOPT = _n("تبنى", "اعتمد", "أقر", "أقره", "تبناه", "بالإجماع", "صادق")
FAIL = _n("أخفق", "فشل", "سقط", "يسقط", "أسقط", "عرقل")
FREEZE = _n("تجميد", "تجميده", "الاحتفاظ", "بالاحتفاظ", "تعليق", "إرجاء", "تأجيل", "يجمد", "تجمد")
ENDORSE = _n("قلق", "يرحب", "ترحيب", "يؤيد", "تأييد", "يتبنى", "يدين", "إدانة", "يؤكد", "يعرب")
REJECT = _n("مشكوك", "منحاز", "منحازا", "يرفض", "رفض", "يشكك", "سخافة", "مسيس", "مفبرك", "مفبركة")
FINDING_WORDS = _n("نتائج", "النتائج", "نتيجة", "خلاصات", "الخلاصات", "التقرير", "تقرير", "استنتاجات", "الاستنتاجات")
SEND = _n("ترسل", "يرسل", "إرسال", "ارسال", "بإرسال", "توجه", "توجيه", "زيارة", "بزيارة", "تزور", "يزور", "الوصول")
TEAM = _n("فريق", "فريقا", "فرق", "محققين", "المحققين", "بعثة", "خبراء", "مفتشين")
CLOSE = _n("إغلاق", "التخلي", "استبعاد", "حذف", "إلغاء", "إسقاط", "دون")
RESPONSIBLE = _n("مسؤولية", "المسؤولية", "مسؤولة", "مسؤول", "مسؤوليته", "مسؤوليتها")
VOTE_FOR = _n("لصالح", "أيد", "أيدت", "تؤيد", "يؤيد", "وأيدت", "بتأييد")
VOTE_AGAINST = _n("ضد", "عارض", "عارضت", "عارضته", "عارضتها", "رفضت", "رفض")
ABSTAIN = _n("امتنع", "امتنعت", "وامتنعت", "امتناع")
VETO = _n("النقض", "الفيتو", "فيتو")
DEADLINE = _n("ينتهي", "تنتهي", "انتهاء", "ينقضي", "تنقضي")
MANDATE = _n("التفويض", "تفويض", "مهمة", "مهمتها", "ولاية", "عمل", "الآلية", "التمديد", "تمديد")

_NUMBER_WORDS = {normalize(w): n for w, n in [
    ("شهر", 1), ("واحد", 1), ("واحدة", 1), ("اثنين", 2), ("اثنان", 2), ("ثلاثة", 3), ("ثلاث", 3), ("أربعة", 4),
    ("أربع", 4), ("خمسة", 5), ("خمس", 5), ("ستة", 6), ("ست", 6), ("سبعة", 7), ("ثمانية", 8), ("تسعة", 9),
    ("عشرة", 10), ("اثني عشر", 12), ("ثلاثين", 30)]}
_UNITS = {
    **{normalize(w): "M" for w in ("أشهر", "شهرا", "شهر", "شهور", "الأشهر")},
    **{normalize(w): "Y" for w in ("سنة", "سنوات", "عام", "أعوام", "سنين", "عاما")},
    **{normalize(w): "D" for w in ("يوما", "أيام", "يوم")},
    **{normalize(w): "W" for w in ("أسابيع", "أسبوع", "أسبوعا")},
}
_DUALS = {normalize("سنتين"): "P2Y", normalize("عامين"): "P2Y", normalize("شهرين"): "P2M",
          normalize("أسبوعين"): "P2W", normalize("يومين"): "P2D", normalize("لسنتين"): "P2Y",
          normalize("لعامين"): "P2Y", normalize("لشهرين"): "P2M"}
_AGO = _n("قبل", "منذ", "خلال", "مضت", "الماضية", "الأخيرة")


@dataclass
class Subject:
    id: str
    name_en: str
    name_ar: str
    duration_aspect: str


@dataclass
class Draft:
    sponsors: tuple[str, ...]
    subject: str | None
    first_sentence: int


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


def load_subjects() -> tuple[dict[str, Subject], PhraseIndex[str]]:
    subjects: dict[str, Subject] = {}
    index: PhraseIndex[str] = PhraseIndex()
    for line in _shipped("subjects.tsv").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("id\t"):
            continue
        parts = (line.split("\t") + [""] * 5)[:5]
        sid, en, ar, keywords, aspect = parts
        subjects[sid] = Subject(sid, en, ar, aspect or "duration")
        for kw in keywords.split("|"):
            if kw.strip():
                index.add(kw.strip(), sid)
    return subjects, index


def iso_duration(norms: list[str], k: int) -> tuple[str, int] | None:
    """An ISO 8601 duration starting at token k: «6 أشهر», «ستة أشهر»,
    «لسنتين», «12 شهرا» (12 months → P1Y), with the tokens used."""
    tok = norms[k]
    for v in proclitic_variants(tok):
        if v in _DUALS:
            return _DUALS[v], 1
    for v in proclitic_variants(tok):
        if v in _UNITS and (k == 0 or not _count(norms[k - 1])):
            if v in (normalize("عام"), normalize("شهر"), normalize("سنة")) and k + 1 < len(norms) and \
                    norms[k + 1] in _n("واحد", "واحدة", "كامل", "كاملا"):
                return f"P1{_UNITS[v]}", 2
    n = _count(tok)
    if n is not None and k + 1 < len(norms):
        unit = next((_UNITS[v] for v in proclitic_variants(norms[k + 1]) if v in _UNITS), None)
        if unit:
            if unit == "M" and n % 12 == 0:
                return f"P{n // 12}Y", 2
            if unit == "W":
                return f"P{n * 7}D", 2
            return f"P{n}{unit}", 2
    return None


def _count(tok: str) -> int | None:
    if tok.isdigit():
        return int(tok)
    for v in proclitic_variants(tok):
        if v in _NUMBER_WORDS and v != normalize("شهر"):
            return _NUMBER_WORDS[v]
    return None


class PositionFinder:
    def __init__(self, extractor):
        self.x = extractor
        self.dicts = extractor.dicts
        self.subjects, self.subject_index = load_subjects()
        self.state_adjectives: dict[str, str] = {}
        for line in _shipped("metonyms.tsv").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3 and parts[2] == "state" and parts[1] in self.dicts.actors:
                for form in _adjective_forms(normalize(parts[0])):
                    self.state_adjectives[form] = parts[1]

    # -- helpers -------------------------------------------------------------
    def _party(self, actor_id: str) -> str:
        """A spokesman speaks for his ministry, a ministry for its state:
        positions are held by states and bodies (EVENTS.md parents)."""
        actor = self.dicts.actors.get(actor_id)
        seen = set()
        while actor and actor.kind in ("person", "state_force") and actor.parent and actor.parent not in seen:
            seen.add(actor.parent)
            parent = self.dicts.actors.get(actor.parent)
            if parent is None:
                break
            actor = parent
        return actor.id if actor else actor_id

    def _subject_in(self, sent) -> str | None:
        hits = self.subject_index.find(sent.tokens)
        return hits[0].payloads[0] if hits else None

    def _adjective_sponsors(self, norms: list[str], k: int) -> list[str]:
        """«المشروع الروسي», «مشروع قرار روسي», «المشروع الألماني البلجيكي الكويتي»."""
        out = []
        j = k + 1
        if j < len(norms) and norms[j] in _n("قرار", "القرار"):
            j += 1
        while j < len(norms) and len(out) < 5:
            actor = self.state_adjectives.get(norms[j])
            if actor is None:
                break
            out.append(actor)
            j += 1
        return out

    # -- main ------------------------------------------------------------------
    def find(self, sentences, events, published) -> list[Position]:
        positions: list[Position] = []
        drafts: list[Draft] = []
        article_subject = None
        for s in sentences:
            subj = self._subject_in(s)
            if subj and article_subject is None:
                article_subject = subj
        events_by_sentence: dict[int, list] = {}
        for e in events:
            events_by_sentence.setdefault(e.sentence_idx, []).append(e)
        last_sponsor: tuple[str, ...] = ()
        for s in sentences:
            norms = [t.norm for t in s.tokens]
            sentence_subject = self._subject_in(s)
            subject = sentence_subject or (drafts[-1].subject if drafts else None) or article_subject
            # drafts mentioned in this sentence, with where they are
            mentions: list[tuple[int, Draft]] = []
            for k, tok in enumerate(s.tokens):
                if not any(v in DRAFT_WORDS for v in proclitic_variants(tok.norm)):
                    continue
                if k > 0 and norms[k - 1] in _n("مشروع", "مشروعا", "مشروعي") and tok.norm in _n("قرار", "قراره"):
                    continue
                sponsors = self._adjective_sponsors(norms, k)
                if not sponsors:
                    sponsors = self._relative_sponsors(s, k)
                if not sponsors and tok.norm.endswith(("ه", "ها")) and last_sponsor:
                    sponsors = list(last_sponsor)  # «مشروع قراره»
                if not sponsors:
                    sponsors = self._tabling_subject(s, k)
                draft = None
                if sponsors:
                    key = tuple(sorted(set(sponsors)))
                    draft = next((d for d in drafts if d.sponsors == key), None)
                    if draft is None:
                        draft = Draft(key, sentence_subject or article_subject, s.idx)
                        drafts.append(draft)
                elif drafts and tok.norm not in _n("مشروعي", "مشروعين", "مشروعان", "مشروعا"):
                    draft = drafts[-1]  # «المسودة», «الوثيقة», «المشروع»
                if draft:
                    if draft.subject is None and subject:
                        draft.subject = subject
                    mentions.append((k, draft))
                    last_sponsor = draft.sponsors
            positions += self._from_clauses(s, norms, mentions, subject, events_by_sentence.get(s.idx, []))
            positions += self._from_events(s, norms, mentions, subject, events_by_sentence.get(s.idx, []))
            if subject:
                positions += self._deadline(s, norms, subject)
        return _dedupe(positions)

    def _relative_sponsors(self, s, k) -> list[str]:
        """«مشروع القرار الذي عرضته الولايات المتحدة», «مشروع قرار قدمته ألمانيا وبلجيكا»."""
        window = s.tokens[k + 1 : k + 5]
        if not any(t.norm in TABLING or any(v in TABLING for v in proclitic_variants(t.norm)) for t in window):
            return []
        verb_at = next(i for i in range(k + 1, min(k + 5, len(s.tokens)))
                       if any(v in TABLING for v in proclitic_variants(s.tokens[i].norm)))
        out = []
        nxt = verb_at + 1
        for a in s.actors:
            if a.i == nxt or (out and a.i <= nxt + 1):
                out.append(self._party(a.id))
                nxt = a.j
            elif a.i > nxt + 1:
                break
        return out

    def _tabling_subject(self, s, k) -> list[str]:
        """«عرضت روسيا، أمس، على أعضاء مجلس الأمن مشروع قرار»: the subject
        of a tabling verb before the draft, in the same clause."""
        lo = max((b for b in s.bounds if b <= k), default=0)
        for i in range(k - 1, max(-1, k - 12), -1):
            if any(v in TABLING for v in proclitic_variants(s.tokens[i].norm)):
                subj = next((a for a in s.actors if i < a.i < k), None)
                if subj:
                    return [self._party(subj.id)]
                before = [a for a in s.actors if a.j <= i and a.i >= lo]
                return [self._party(before[-1].id)] if before else []
        return []

    def _clause_ranges(self, s) -> list[tuple[int, int]]:
        bounds = list(s.bounds) + [len(s.tokens)]
        return [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1) if bounds[i + 1] > bounds[i]]

    def _from_clauses(self, s, norms, mentions, subject, events) -> list[Position]:
        """Aspects a draft settles, clause by clause."""
        out: list[Position] = []
        if not mentions:
            return out
        for lo, hi in self._clause_ranges(s):
            here = [d for k, d in mentions if lo <= k < hi]
            before = [d for k, d in mentions if k < lo]
            draft = here[0] if here else (before[-1] if before else None)
            if draft is None or not draft.subject:
                continue
            subj = self.subjects.get(draft.subject)
            text = s.text[s.tokens[lo].start : s.tokens[hi - 1].end]
            span = [s.tokens[lo].start, s.tokens[hi - 1].end]
            found: list[tuple[str, str, str]] = []  # aspect, value, summary
            clause_norms = norms[lo:hi]
            # durations of a mandate, an authorisation or a truce
            for k in range(lo, hi):
                dur = iso_duration(norms, k)
                if dur and not any(v in _AGO for v in norms[max(lo, k - 2):k]):
                    aspect = subj.duration_aspect if subj and subj.duration_aspect else "duration"
                    found.append((aspect, dur[0], f"{aspect.replace('_', ' ')}: {_human(dur[0])}"))
                    break
            # where investigators go, which crossings stay open
            sending = any(v in SEND or v in TEAM for n in clause_norms for v in proclitic_variants(n))
            for p in s.places:
                if not lo <= p.i < hi:
                    continue
                place = self.dicts.places.get(p.id)
                if place is None:
                    continue
                closing = any(v in CLOSE for n in norms[max(lo, p.i - 3):p.i] for v in proclitic_variants(n))
                if place.kind == "border_crossing" or (subj and subj.id == "cross-border-aid"):
                    if place.kind in ("border_crossing", "facility") and not closing:
                        found.append(("crossings", p.id, f"keeps the {place.name_en} crossing open"))
                elif sending:
                    found.append(("investigation_sites", p.id, f"sends investigators to {place.name_en}"))
            # what happens to a finding
            if any(v in FINDING_WORDS for n in clause_norms for v in proclitic_variants(n)):
                if any(v in FREEZE for n in clause_norms for v in proclitic_variants(n)):
                    found.append(("finding_stance", "freeze", "freezes the finding until an investigation on site"))
                elif any(v in REJECT for n in clause_norms for v in proclitic_variants(n)):
                    found.append(("finding_stance", "reject", "rejects the finding"))
                elif any(v in ENDORSE for n in clause_norms for v in proclitic_variants(n)):
                    found.append(("finding_stance", "endorse", "endorses the finding (grave concern)"))
            resp = self._responsible(s, norms, lo, hi)
            if resp:
                found.append(("responsibility", resp, f"holds {self._name(resp)} responsible"))
            status = self._status(clause_norms)
            if status:
                found.append(("draft_status", status, f"draft {status}"))
            for aspect, value, summary in found:
                for party in draft.sponsors:
                    out.append(Position(s.idx, party, draft.subject, subj.name_en if subj else draft.subject,
                                        subj.name_ar if subj else "", aspect, value, summary, text,
                                        {"clause": span}, "proposal"))
        return out

    def _status(self, norms: list[str]) -> str | None:
        vs = {v for n in norms for v in proclitic_variants(n)}
        if vs & WITHDRAW:
            return "withdrawn"
        if vs & FAIL:
            return "failed"
        if vs & ADOPT:
            return "adopted"
        if vs & TABLING:
            return "tabled"
        return None

    def _responsible(self, s, norms, lo, hi) -> str | None:
        """«تحمل دمشق مسؤولية», «القوات الحكومية السورية مسؤولة»."""
        for k in range(lo, hi):
            if any(v in RESPONSIBLE for v in proclitic_variants(norms[k])):
                near = [a for a in s.actors if lo <= a.i < hi and abs(a.i - k) <= 4]
                if near:
                    best = min(near, key=lambda a: abs(a.i - k))
                    return self._party(best.id) if self.dicts.actors.get(best.id, None) and \
                        self.dicts.actors[best.id].kind == "person" else best.id
        return None

    def _from_events(self, s, norms, mentions, subject, events) -> list[Position]:
        """Votes, vetoes, and the stance of an accusation, criticism or praise."""
        out: list[Position] = []
        if not subject:
            return out
        subj = self.subjects.get(subject)
        name_en, name_ar = (subj.name_en, subj.name_ar) if subj else (subject, "")
        for e in events:
            if e.actor1 is None:
                continue
            party = self._party(e.actor1)
            t0, t1 = e.spans.get("trigger", [0, 0])
            k = next((i for i, t in enumerate(s.tokens) if t.start >= t0), 0)
            lo = max((b for b in s.bounds if b <= k), default=0)
            hi = min((b for b in s.bounds if b > k), default=len(s.tokens))
            text = s.text[s.tokens[lo].start : s.tokens[hi - 1].end] if hi > lo else s.text
            span = {"clause": [s.tokens[lo].start, s.tokens[hi - 1].end] if hi > lo else [0, len(s.text)]}
            found: list[tuple[str, str, str]] = []
            window = {v for n in norms[max(0, k - 2): k + 5] for v in proclitic_variants(n)}
            if e.event_type == "veto":
                found.append(("vote", "veto", "vetoed the draft"))
            elif e.event_type == "vote":
                if window & ABSTAIN:
                    found.append(("vote", "abstain", "abstained"))
                elif window & VOTE_AGAINST:
                    found.append(("vote", "against", "voted against"))
                elif window & VOTE_FOR:
                    found.append(("vote", "for", "voted for"))
            elif e.event_type in ("criticism", "praise") and subject == "opcw-report" or \
                    (e.event_type in ("criticism", "praise") and any(v in FINDING_WORDS for v in window)):
                value = "praise" if e.event_type == "praise" else "reject"
                found.append(("report_assessment", value, "judges the report sound" if value == "praise"
                              else "calls the report doubtful or biased"))
            elif e.event_type == "accusation" and e.actor2:
                found.append(("responsibility", e.actor2, f"holds {self._name(e.actor2)} responsible"))
            elif e.event_type == "criticism" and e.actor2:
                found.append(("criticises", e.actor2, f"criticises {self._name(e.actor2)}"))
            for aspect, value, summary in found:
                out.append(Position(s.idx, party, subject, name_en, name_ar, aspect, value, summary, text, span,
                                    e.event_type, e.date))
        return out

    def _deadline(self, s, norms, subject) -> list[Position]:
        """«ينتهي التفويض المعطى لها في 16 نوفمبر الجاري»."""
        if not any(v in DEADLINE for n in norms for v in proclitic_variants(n)):
            return []
        day = [t for t in s.times if t.precision == "day" and t.date]
        if not day:
            return []
        subj = self.subjects.get(subject)
        t = day[0]
        return [Position(s.idx, None, subject, subj.name_en if subj else subject, subj.name_ar if subj else "",
                         "deadline", t.date, f"ends on {t.date}", s.text[t.start:t.end] and s.text,
                         {"date": [t.start, t.end]}, None, t.date)]

    def _name(self, actor_id: str) -> str:
        a = self.dicts.actors.get(actor_id)
        return a.name_en if a else actor_id


def _adjective_forms(adj: str) -> set[str]:
    """روسي → الروسي، روسية، الروسية؛ الأمريكي → أمريكي ..."""
    base = adj[2:] if adj.startswith("ال") else adj
    base = base[:-1] if base.endswith("ه") else base
    return {base, base + "ه", "ال" + base, "ال" + base + "ه"}


def _human(iso: str) -> str:
    m = re.fullmatch(r"P(\d+)([DWMY])", iso)
    if not m:
        return iso
    n, unit = int(m.group(1)), {"D": "day", "W": "week", "M": "month", "Y": "year"}[m.group(2)]
    return f"{n} {unit}{'s' if n != 1 else ''}"


def _dedupe(positions: list[Position]) -> list[Position]:
    seen = set()
    out = []
    for p in positions:
        key = (p.sentence_idx, p.party, p.subject, p.aspect, p.value)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
