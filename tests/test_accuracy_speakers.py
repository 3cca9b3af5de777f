"""A collective speaker is the parties of the meeting told before (issue 12):
«الطرفان», «المجتمعون», the joint statement and the «نحن» of its quote
resolve to the parties a meeting named, earlier in the sentence or the
article; nothing else. Sentences of our own."""
from store.text.articles import Article
from tests.accuracy_support import PUB, ex, run  # noqa: F401  (ex is a fixture)

TALKS = "اختتمت أمس في أستانا محادثات بين روسيا وتركيا وإيران حول الوضع في سوريا."


def acts(events, event_type):
    return sorted((e.actor1, e.date, e.reported_by) for e in events if e.event_type == event_type)


def test_the_two_sides_are_the_parties_of_the_talks_told_before(ex):
    events = run(ex, TALKS, "وشدد الطرفان على وجوب تأمين رجوع المهجرين إلى قراهم.")
    # what the parties say there is said at the talks, on their date
    assert acts(events, "demand") == [("iran", "2019-05-21", None), ("russia", "2019-05-21", None),
                                      ("turkey", "2019-05-21", None)]


def test_those_gathered_are_the_body_that_held_the_meeting(ex):
    events = run(ex, "وافق وزراء جامعة الدول العربية أمس في اجتماع استثنائي بالقاهرة على تجميد عضوية سوريا.",
                 "ودعا المجتمعون إلى إيصال المساعدات الإنسانية إلى المحتاجين.")
    assert [a for a, _, _ in acts(events, "demand")] == ["arab-league"]


def test_the_parties_named_earlier_in_the_sentence_speak_as_one(ex):
    events = run(ex, "واجتمع مسؤولون من روسيا وتركيا في سوتشي أمس، وشدد الجانبان على ضرورة حماية المدنيين.")
    assert [a for a, _, _ in acts(events, "demand")] == ["russia", "turkey"]


def test_a_joint_statement_and_the_we_of_its_quote_are_the_parties(ex):
    events = run(ex, TALKS, "وصدر بيان مشترك في ختام الاجتماع.",
                 "ودعا البيان إلى إيصال المساعدات الإنسانية دون عوائق.",
                 'وقال البيان: "ندعو المجتمع الدولي إلى دعم اللاجئين السوريين".')
    demands = [e for e in events if e.event_type == "demand"]
    assert sorted((e.sentence_idx, e.actor1) for e in demands) == [
        (3, "iran"), (3, "russia"), (3, "turkey"), (4, "iran"), (4, "russia"), (4, "turkey")]
    assert all(e.reported_by is None for e in demands)  # the parties speak for themselves


def test_the_parties_of_a_joint_agreement_are_the_two_sides(ex):
    # no meeting word: the agreement that two parties signed together names them
    events = run(ex, "وقعت روسيا وتركيا أمس في سوتشي اتفاقا حول منطقة منزوعة السلاح في إدلب.",
                 "وشدد الطرفان على ضرورة وقف الهجمات على المدنيين.")
    assert acts(events, "demand") == [("russia", "2019-05-21", None), ("turkey", "2019-05-21", None)]


def test_the_meetings_parties_acting_together_keep_its_date(ex):
    # «وشددت روسيا وتركيا وإيران» (undated, the talks' own parties) leaves the talks' date to «الطرفان»
    events = run(ex, TALKS, "وشددت روسيا وتركيا وإيران على أهمية إيصال المساعدات.",
                 "وشدد الطرفان على وجوب تأمين رجوع المهجرين إلى قراهم.")
    assert {(e.actor1, e.date) for e in events if e.event_type == "demand" and e.sentence_idx == 3} == \
        {("iran", "2019-05-21"), ("russia", "2019-05-21"), ("turkey", "2019-05-21")}


def test_no_meeting_no_collective_speaker(ex):
    # the two sides of what? nothing told before names them
    assert acts(run(ex, "وشدد الطرفان على وجوب تأمين رجوع المهجرين إلى قراهم."), "demand") == []


def test_a_statement_that_is_not_a_joint_one_is_not_the_parties(ex):
    # a statement named without «مشترك/ختامي» is no joint statement
    events = run(ex, TALKS, "ودعا البيان إلى إيصال المساعدات الإنسانية دون عوائق.")
    assert acts(events, "demand") == []


def test_the_parties_do_not_fight_as_one_and_are_not_governed(ex):
    # a collective speaker only speaks: it is no doer or target of a material act
    events = run(ex, TALKS, "واندلعت اشتباكات بين الطرفين في ريف حلب.", "واشتبك الطرفان قرب مدينة إدلب.")
    assert not any(e.actor1 in ("russia", "turkey", "iran") or e.actor2 in ("russia", "turkey", "iran")
                   for e in events if e.sentence_idx > 1)


# -- one reading of a speaker, for the events and the positions (roles.speaker_of) ---------


def test_a_speaker_before_the_verb_stands_right_before_it(ex):
    # «وكان الوزير X قد قال»: two words at most between the speaker and the verb
    events = run(ex, "وكان وزير الخارجية الروسي سيرغي لافروف قد قال إن قوات النظام سيطرت على بلدة كفرنبودة.")
    assert [(e.event_type, e.reported_by) for e in events] == [("territory_taken", "sergei-lavrov")]


def test_a_name_farther_before_the_verb_of_saying_is_no_speaker(ex):
    # the target of the strike, three words before «قال», did not say it
    events = run(ex, "وشنت طائرات التحالف غارات على مواقع تنظيم داعش في الموصل، حسبما قال متحدث عسكري.")
    assert [e.reported_by for e in events if e.event_type == "airstrike"] and \
        all(e.reported_by != "isis" for e in events)


def test_positions_read_the_speaker_as_the_extractor_does(ex):
    # the criticism's speaker is the one who says it, not the body named before in the clause
    body = ("ناقش مجلس الأمن أمس تقرير آلية التحقيق المشتركة بشأن الهجمات الكيميائية في سوريا.\n\n"
            "وقال نيبينزيا إن بلاده تريد الاطلاع على تقرير اللجنة قبل أي تمديد، ووصف التقرير بأنه \"منحاز\".")
    found = ex.extract(Article(path="p.txt", title="p", body=body, published=PUB, language="ar")).positions
    assert found and all(p.party != "jim" for p in found), [(p.party, p.aspect, p.value) for p in found]


def test_a_body_named_by_its_council_speaks(ex):
    # «مجلس جامعة الدول العربية» is the League (actors.tsv), the subject of its own condemnation
    events = run(ex, "وأدان مجلس جامعة الدول العربية أمس الهجوم التركي على شمال سوريا.")
    assert [(e.event_type, e.actor1) for e in events if e.event_type == "criticism"] == [("criticism", "arab-league")]


def test_a_warning_told_by_a_participle_is_the_subjects_threat(ex):
    # «..., متوعدة بالرد»: the sentence's subject threatens (issue 12: warnings without a threat verb)
    events = run(ex, "وانتقدت وزارة الخارجية التركية بيان الخارجية الفرنسية، متوعدة بالرد على أي اعتداء على حدودها.")
    assert [(e.event_type, e.actor1) for e in events if e.event_type == "threat"] == [("threat", "turkish-mfa")]
