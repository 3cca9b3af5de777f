"""When one sentence tells one act and when it tells several: coordinated
places and actors, locators, clauses (store/nlp/sentence.py,
store/nlp/identity.py, the passes of store/nlp/events.py). Sentences of our own."""
from tests.accuracy_support import ex, run  # noqa: F401  (ex is a fixture)


def places(events, event_type):
    return sorted(e.place for e in events if e.event_type == event_type)


def test_a_direction_after_a_comma_locates_the_place_before(ex):
    # «تكريت، شمال بغداد»: Baghdad says where Tikrit lies; one strike, on Tikrit
    events = run(ex, "قصفت الطائرات الحربية السورية مدينة تكريت، شمال بغداد، اليوم.")
    assert places(events, "airstrike") == ["tikrit"]


def test_a_comma_list_of_places_is_still_coordinated(ex):
    events = run(ex, "قصفت الطائرات الحربية السورية مدينة تكريت، ومدينة الموصل اليوم.")
    assert places(events, "airstrike") == ["mosul", "tikrit"]


def test_a_place_after_a_locator_is_coordinated_again(ex):
    # «الرقة، شرق سوريا، ودير الزور»: Syria locates Raqqa; Deir ez-Zor is a second place
    events = run(ex, "قصفت طائرات التحالف مواقع التنظيم في الرقة، شرق سوريا، ودير الزور أمس.")
    assert sorted(set(places(events, "airstrike"))) == ["deir-ez-zor", "raqqa"]


def actors(events, event_type):
    return sorted(e.actor1 for e in events if e.event_type == event_type)


def test_an_adjective_coordinated_after_a_name_shares_its_head(ex):
    # «القوات العراقية والأمريكية»: the Iraqi forces and the US forces, two acts
    events = run(ex, "هاجمت القوات العراقية والأمريكية مواقع التنظيم في الموصل أمس.")
    assert actors(events, "armed_clash") == ["iraqi-forces", "us-forces"]


def test_a_shared_head_of_aircraft_gives_each_air_force_its_strike(ex):
    events = run(ex, "وأصيب خمسة أشخاص بغارات شنها الطيران الروسي والسوري على مدينة حلب فجر اليوم.")
    assert actors(events, "airstrike") == ["russian-forces", "syrian-air-force"]


def test_a_shared_force_head_with_a_nationality_is_that_countrys_force(ex):
    # «الطائرات السورية» is no dictionary name: the nationality of a force's head names the country's army
    events = run(ex, "شنت الطائرات الروسية والسورية غارات على مدينة إدلب اليوم.")
    assert actors(events, "airstrike") == ["russian-forces", "syrian-army"]


def test_a_shared_head_needs_a_name_it_makes(ex):
    # «المرصد السوري والتركي» makes no name: one speaker, no second actor
    sent = ex.analyse(0, 0, "وقال المرصد السوري والتركي إن الاشتباكات مستمرة.", None, set())
    assert [a.id for a in sent.actors] == ["sohr"]


def test_a_claimed_act_is_hedged_and_kept_apart_from_the_act(ex):
    # «... بالهزيمة زاعمة أنها انسحبت»: the withdrawal is claimed; the army's capture is told as done
    from store.nlp.identity import identity_key
    events = run(ex, "أعلن الجيش السوري اليوم سيطرته على مدينة القصير، فيما اعترفت جبهة النصرة بالهزيمة "
                     "زاعمة أنها انسحبت منها.",
                 "وانسحبت جبهة النصرة من مدينة القصير اليوم.")
    claimed, done = [e for e in events if e.event_type == "withdrawal"]
    assert (claimed.hedged, done.hedged) == (True, False)
    assert identity_key(claimed) != identity_key(done)  # the writer makes them two events


def test_an_act_undergone_is_no_purpose(ex):
    # «تعرضت القاعدة للقصف»: the shelling happened; «تعزيزات للسيطرة على» is a purpose
    undergone = run(ex, "وتعرضت قاعدة عين الأسد غربي العراق للقصف اليوم.")
    purpose = run(ex, "أرسلت قوات النظام تعزيزات للسيطرة على بلدة سراقب اليوم.")
    assert [(e.event_type, e.hedged) for e in undergone] == [("shelling", False)]
    assert [(e.event_type, e.hedged) for e in purpose] == [("territory_taken", True)]


def voters(events):
    return sorted((e.actor1 or "-") for e in events if e.event_type == "vote")


def test_the_support_a_draft_won_is_one_vote_per_state(ex):
    # «لم ينل المشروع سوى تأييد X وY»: X and Y voted for it, one event each
    assert voters(run(ex, "ولم يلق مشروع القرار الأمريكي سوى تأييد فرنسا وبريطانيا.")) == ["france", "uk"]
    assert voters(run(ex, "ولم يحصل المشروع إلا على تأييد فرنسا وبريطانيا.")) == ["france", "uk"]


def test_support_without_a_draft_is_no_vote(ex):
    assert voters(run(ex, "وأعلنت فرنسا تأييد العملية العسكرية.")) == []


def test_a_vote_told_in_the_construct_is_a_vote_of_its_own(ex):
    # «رغم تصويت غالبية الأعضاء ...، بينما امتنعت ثلاث دول»: the majority's vote and the abstention
    events = run(ex, "واستخدمت روسيا أمس حق النقض ضد مشروع قرار غربي رغم تصويت غالبية الأعضاء لصالح المشروع، "
                     "بينما امتنعت ثلاث دول عن التصويت.")
    assert voters(events) == ["-", "-"]


def test_the_country_of_a_flag_is_no_place_of_the_act(ex):
    # «دخلت مبنى المحافظة ورفعت علم العراق على سطحه»: one entry, into the building, not a second act in Iraq
    events = run(ex, "وقال مصدر أمني اليوم إن قوات مكافحة الإرهاب دخلت صباحا مبنى محافظة كركوك ورفعت "
                     "علم العراق على سطحه.")
    # the building is a site of its own in the town the governorate is named after (unlisted places)
    assert [(e.event_type, e.actor1, e.place) for e in events] == [
        ("territory_taken", "cts", "kirkuk/facility/مبنى محافظة كركوك")]


def test_verbs_joined_by_and_go_on_with_the_doer_of_the_first(ex):
    # «قضى على ... و ألقى القبض على ... و دمر أوكارهم»: one operation of the army, not a doerless second act
    events = run(ex, "وذكر الجيش السوري أن بلدة يبرود باتت خالية من المسلحين، وأنه قضى على العشرات منهم "
                     "في البلدة و اعتقل عددا آخر و هدم مقراتهم في يبرود.")
    assert [e.actor1 for e in events if e.event_type == "armed_clash"] == ["syrian-army"]


def test_a_joined_verb_with_a_subject_of_its_own_keeps_it(ex):
    events = run(ex, "قصفت الطائرات الروسية مدينة إدلب اليوم وهاجم تنظيم داعش بلدة تدمر.")
    assert [(e.actor1, e.place) for e in events if e.event_type == "armed_clash"] == [("isis", "tadmur")]


def test_a_word_written_with_ta_marbuta_is_no_verb(ex):
    # «استعادة» folds to the letters of «استعاده» (he regained it); written with «ة» it is the noun
    from store.text.morphology import written_as_noun
    assert written_as_noun("واستعادة") and written_as_noun("غارةً") and not written_as_noun("استعاده")
    sent = ex.analyse(0, 0, "وتحاول الفصائل المناورة واستعادة زمام المبادرة.", None, set())
    assert not any(c.pattern.startswith("~") for _, c in sent.cues)


def test_a_relative_clause_after_a_place_tells_of_the_place(ex):
    # «استعادة الرمادي التي سقطت في يد التنظيم»: the group took the city; it is not the one retaking it
    events = run(ex, "واستعادة الرمادي التي سقطت في يد تنظيم داعش في أيار ستكون نصرا كبيرا للقوات العراقية.")
    taken = sorted((e.rule.split(":")[1], e.actor1 or "-") for e in events if e.event_type == "territory_taken")
    assert taken == [("noun", "-"), ("past", "isis")]


def test_each_force_killed_is_the_target_of_its_own_event(ex):
    # «قتل 12 من عناصر الجيش العراقي والحشد الشعبي في هجوم انتحاري»: the killed did not attack;
    # two forces were hit, one event each
    events = run(ex, "وقتل 12 من عناصر الجيش العراقي والحشد الشعبي في هجوم انتحاري قرب سامراء اليوم.")
    assert sorted((e.actor1 or "-", e.actor2) for e in events if e.event_type == "suicide_or_ied") == \
        [("-", "iraqi-army"), ("-", "pmu")]


def test_a_doer_named_after_the_act_is_not_taken_for_the_killed(ex):
    events = run(ex, "وقال المرصد إن 12 مدنيا قتلوا أمس في غارات شنتها طائرات حربية روسية على مدينة معرة النعمان.")
    assert [e.actor1 for e in events if e.event_type == "airstrike"] == ["russian-forces"]


def test_munitions_joined_to_the_means_are_means_too(ex):
    # «بصواريخ من طراز غراد، وأنواع ثانية من القذائف»: one shelling, told with its munitions
    events = run(ex, "تعرضت قاعدة عين الأسد لقصف بصواريخ من طراز غراد، وأنواع ثانية من القذائف "
                     "أطلقها مسلحون مجهولون مساء أمس.")
    assert [e.event_type for e in events] == ["shelling"]


def test_a_fall_into_a_forces_hand_is_its_capture(ex):
    # «عقب سقوط البلدة كلها بيد الجيش»: the noun of «سقط في يد», its doer after «بيد»
    events = run(ex, "وأكد الجيش السوري سيطرته على بلدة يبرود صباح اليوم، عقب سقوط البلدة "
                     "كلها بيد الجيش السوري فجرا.")
    assert [(e.rule.split(":")[2], e.actor1) for e in events] == [("سيطرته", "syrian-army"), ("سقوط", "syrian-army")]
    assert run(ex, "وقال إن سقوط الصواريخ بيد المسلحين أمر خطير.") == []


def test_an_attempt_and_the_act_told_as_done_are_two_events(ex):
    # «حاولت ... السيطرة على البلدة وسيطرت عليها»: an attempt (hedged) and the capture, never one hedged event
    events = run(ex, "وحاولت قوات النظام السيطرة على بلدة سراقب وسيطرت عليها في النهاية.")
    assert sorted((e.event_type, e.hedged) for e in events) == [("territory_taken", False), ("territory_taken", True)]


def test_the_aim_of_an_act_is_that_act(ex):
    # «نفذت عمليات لاجتثاث التنظيم»: what the operations aim at is no second, attempted act
    events = run(ex, "وقال مصدر عسكري إن قوات النظام نفذت عمليات لاجتثاث ما تبقى من عناصر داعش في حي الحميدية أمس.")
    assert [(e.event_type, e.hedged) for e in events] == [("armed_clash", False)]


def test_a_genocide_is_an_attack_on_civilians_of_its_own(ex):
    # «عرف إبادة الإيزيديين على يد داعش»: the genocide, beside the killings it names
    events = run(ex, "وتقع البلدة في القضاء الذي شهد إبادة الإيزيديين على يد تنظيم داعش عام 2014.")
    assert [(e.event_type, e.actor1) for e in events] == [("attack_on_civilians", "isis")]


def test_a_hedge_the_verb_does_not_reach_is_still_one_act(ex):
    # «يحتمل أن طائرات ... شنت غارات»: the hedge reaches the aircraft and not the verb, yet they tell
    # one strike; only a verb joined by «و» after the attempt («حاولت ... وسيطرت») is the act told as done
    events = run(ex, "وقال مصدر محلي إنه يحتمل أن طائرات التحالف الدولي شنت غارات على مدينة الرقة أمس.")
    assert [e.event_type for e in events] == ["airstrike"]
