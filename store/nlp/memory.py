"""What the earlier sentences of an article said, which later sentences
read: the actors named in order, the speaker, the last force that acted,
the last town, the date an episode carries on."""
from __future__ import annotations

from .lexicon import BACKGROUND_OPENERS, DIPLOMATIC
from .sentence import Event, Sentence


class Memory:
    """What earlier sentences of the article said: for anaphora and «وأضاف»."""

    def __init__(self) -> None:
        self.order: list[str] = []
        self.headed: dict[str, set[str]] = {}  # «لمنظمة "بي كا كا"»: head words the article gave a name
        self.speaker: str | None = None
        self.speaker_used = False
        self.speaker_group: list[str] = []  # the parties a collective speaker names («قال البيان»)
        self.participants: list[str] = []  # the parties of the last meeting or joint act (participants.py)
        self.meeting_date: tuple[str, str] | None = None  # the date of that meeting (what its parties say)
        self.joint_statement = False  # a joint statement was named: «البيان» is the participants'
        self.latest_force: str | None = None
        self.last_time: tuple[str, str, int, bool] | None = None  # the lead act's date, sentence, verbal
        self.session: tuple[str, str] | None = None  # the date of the Council session (a vote)
        self.last_town: str | None = None  # for «المدينة», «منها», «هناك»
        self.sites: dict[str, str] = {}  # «المجمع» → the unlisted site «المجمع الحكومي» named last
        self.last_actor1: tuple[str, int] | None = None  # (actor, sentence) of the last material act
        self.last_violent_type: str | None = None  # what «تبنى ... الهجوم» claims
        self.last_remote_type: str | None = None  # the last strike, shelling or bombing: what «القصف» is
        self.last_remote_doer: tuple[str, str | None, int] | None = None  # (type, actor1, sentence) of that act
        self.last_violent_place: str | None = None
        self.last_violent_date: tuple[str, str] | None = None
        self.last_governorate: str | None = None
        self.last_area: str | None = None  # for «المنطقة»: the last place named as an area
        self.lead = False

    def date_of(self, sent: Sentence, events: list[Event]) -> None:
        """The date the sentence's first dated act carries on to the next
        sentences; background («وكان ... قد») carries nothing."""
        first = sent.tokens[0].norm if sent.tokens else ""
        if first in BACKGROUND_OPENERS:
            return
        lead = next((e for e in events if e.date), None)
        if lead is not None:
            self.last_time = (lead.date, lead.date_precision, sent.idx,
                              lead.event_type in DIPLOMATIC or lead.event_type == "statement")

    def see(self, actor_id: str, actor) -> None:
        if actor_id in self.order:
            self.order.remove(actor_id)
        self.order.append(actor_id)

    def latest_matching(self, test) -> str | None:
        for a in reversed(self.order):
            if test(a):
                return a
        return None

    def latest(self, ids: set[str]) -> str | None:
        for a in reversed(self.order):
            if a in ids:
                return a
        return None
