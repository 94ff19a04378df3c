"""Attribution: source - cue - content, the people of an article, and what is never a speaker.

Short texts written here in our own words; one class of form per test. Paragraphs are
separated by blank lines."""

import pytest

from wic_site.extract.people import gather_cast
from wic_site.extract.speech import find_speech
from wic_site.text.lexicon import inflect, lexicon


def attribute(text: str, extra_lines: tuple[str, ...] = ()):
    paragraphs = tuple(p.strip() for p in text.strip().split("\n\n"))
    cast = gather_cast(paragraphs, extra_lines)
    return [(s.speaker, s.kind, paragraphs[s.paragraph][s.start:s.end]) for s in find_speech(paragraphs, cast)], cast


def speakers(text: str) -> list[str]:
    return sorted({speaker for speaker, _, _ in attribute(text)[0]})


# --- the lexicon -------------------------------------------------------------------------

@pytest.mark.parametrize("lemma, forms", [
    ("say", None), ("note", ("notes", "noted")), ("stress", ("stresses", "stressed")),
    ("reply", ("replies", "replied")), ("warn", ("warns", "warned")), ("emphasize", ("emphasizes", "emphasized")),
])
def test_regular_cues_are_inflected(lemma, forms):
    if forms:
        assert inflect(lemma) == forms
    cues = set(lexicon().cue_forms)
    assert {"said", "says", "told", "pointed out", "points out", "called for", "stressed"} <= cues


# --- cue verbs beyond "said" ----------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Tomasz Wrona pointed out that open standards lower the cost of cloud services.",
    "Tomasz Wrona noted that rural broadband had doubled in three years.",
    "Tomasz Wrona stressed that data rules must be clear to small firms.",
    "Tomasz Wrona called for shared rules on cross-border data flows.",
    "Tomasz Wrona urged regulators to move faster on satellite links.",
    "Tomasz Wrona expressed his hope that the forum would become a yearly habit.",
    "Tomasz Wrona expressed her hopes that the new labs would hire locally.",
    "Tomasz Wrona expressed hope that the new labs would hire locally.",
    "Tomasz Wrona expressed confidence that exports of software would double.",
    "Tomasz Wrona introduced that the province now runs forty data centres.",
    "Tomasz Wrona also told reporters that the pilot would end in spring.",
    "Tomasz Wrona has repeatedly warned that the skills gap is widening.",
    "Tomasz Wrona was quoted as saying that the pilot had been a success.",
    "Tomasz Wrona posted that the pilot had been a success.",
])
def test_cue_verbs_give_a_paraphrase(sentence):
    found, _ = attribute(sentence)
    assert [(s, k) for s, k, _ in found] == [("Tomasz Wrona", "paraphrase")]


@pytest.mark.parametrize("sentence, name", [
    ("Dr. Amara Diallo said the clinic network now covers every district.", "Amara Diallo"),
    ("Prof. Ines Duarte argued that patient data belongs to patients.", "Ines Duarte"),
    ("U.S. Secretary of Commerce Gina Lowe said tariffs were not on the agenda.", "Gina Lowe"),
    ("Robotics entrepreneur Deng Yuhan said that drones will deliver parcels.", "Deng Yuhan"),
    ("Kestrel's Mara Quint noted that the firm hires locally.", "Mara Quint"),
    ("Speaking at the forum, Ola Berg said small firms need cheaper loans.", "Ola Berg"),
    ("Shri Arvind Kumar Rao said that the payments network reaches every district.", "Arvind Kumar Rao"),
    ("Datuk Farah Nadia Ismail noted that the country wants more data centres.", "Farah Nadia Ismail"),
    ("Engr. Chidi Okafor argued that power supply matters most.", "Chidi Okafor"),
])
def test_source_after_its_title_honorific_or_company(sentence, name):
    found, _ = attribute(sentence)
    assert [(s, k) for s, k, _ in found] == [(name, "paraphrase")]


@pytest.mark.parametrize("sentence", [
    "President Halvor Dahl's congratulatory letter said that the forum had become a bridge.",
    "Halvor Dahl's keynote speech stressed that small firms need open standards.",
])
def test_a_persons_speech_or_letter_as_the_source(sentence):
    found, _ = attribute(sentence)
    assert [(s, k) for s, k, _ in found] == [("Halvor Dahl", "paraphrase")]


def test_two_sources_in_one_sentence_give_two_statements():
    found, _ = attribute(
        "Musa Bello said the rules must be fair, and Smt. Lakshmi Iyer pointed out that coders need mentors.\n\n"
        "Musa Bello said the rules must be fair and he added that they must be simple.")
    assert found == [
        ("Musa Bello", "paraphrase", "Musa Bello said the rules must be fair"),
        ("Lakshmi Iyer", "paraphrase", "Smt. Lakshmi Iyer pointed out that coders need mentors."),
        ("Musa Bello", "paraphrase", "Musa Bello said the rules must be fair and he added that they must be simple."),
    ]


def test_an_outlet_quoting_a_person_as_saying():
    found, cast = attribute(
        "Harbour Wire quoted Ola Berg, head of the port, as saying that the terminal would open in May.\n\n"
        'The paper cited Mara Quint as saying: "We will not raise prices this year at all."')
    assert [(s, k) for s, k, _ in found] == [("Ola Berg", "paraphrase"), ("Mara Quint", "quote")]
    assert cast.people["Ola Berg"].roles == ["head of the port"]
    assert "Harbour Wire" not in cast.people


def test_according_to_a_named_person():
    found, _ = attribute("The network will reach every village by next year, according to Halima Osei, a planner at Volta Grid.")
    assert [(s, k) for s, k, _ in found] == [("Halima Osei", "paraphrase")]


# --- where the source stands --------------------------------------------------------------

def test_inverted_source_with_a_title_before_the_name():
    found, cast = attribute(
        '"Our harbour will be a gateway for data as much as for ships," said Chief Executive of the '
        "Harbour District Marcus Tan at the opening.")
    assert [(s, k) for s, k, _ in found] == [("Marcus Tan", "quote")]
    assert found[0][2].startswith("Our harbour will be")
    assert any("Chief Executive" in r for r in cast.people["Marcus Tan"].roles)


def test_inverted_source_after_quote_with_title_word_only():
    found, _ = attribute('"We will open three more labs in the region next year," said Professor Ingrid Holm.')
    assert [(s, k) for s, k, _ in found] == [("Ingrid Holm", "quote")]


@pytest.mark.parametrize("text, name", [
    ('"The hall was full by nine in the morning," said foreign minister Ola Berg.', "Ola Berg"),
    ('"We will open two more labs next spring," said the company\'s founder, Mara Quint.', "Mara Quint"),
    ('"Our coders are ready for the world," the 38-year-old entrepreneur Chidi Okafor said.', "Chidi Okafor"),
])
def test_source_with_a_lower_case_description_before_the_name(text, name):
    found, _ = attribute(text)
    assert [(s, k) for s, k, _ in found] == [(name, "quote")]


def test_inverted_source_with_its_organisation_after_of():
    found, cast = attribute('"Rules should be written with small firms in mind," said Ines Duarte of the Porto Data Council.')
    assert [(s, k) for s, k, _ in found] == [("Ines Duarte", "quote")]
    assert cast.people["Ines Duarte"].organizations == ["Porto Data Council"]


def test_closed_quotations_are_not_carried_back():
    found, _ = attribute(
        '"The hall was full by nine in the morning," said a steward.\n\n'
        '"Rules should be written with small firms in mind," said Ines Duarte of the Porto Data Council.')
    assert [(s, k) for s, k, _ in found] == [("Ines Duarte", "quote")]


def test_name_said_colon_quote():
    found, _ = attribute('Ravi Menon said: "Small sellers now reach buyers on four continents."')
    assert found == [("Ravi Menon", "quote", "Small sellers now reach buyers on four continents.")]


def test_dash_attribution():
    found, _ = attribute('"Trust is built one service at a time." \u2014 Amara Diallo, founder of Sahel Pay')
    assert [(s, k) for s, k, _ in found] == [("Amara Diallo", "quote")]


def test_a_sentence_that_only_frames_a_quotation_is_no_paraphrase():
    found, _ = attribute(
        "Our region must own part of the digital economy, not only buy from it.\n\n"
        '"Small countries should write rules too, not only follow them." Halima Osei, the minister of '
        "communications, stated the above at the opening forum on Monday.\n\n"
        "In her speech, Osei described the choice plainly:\n\n"
        '"We can build bridges or we can build walls, and bridges are cheaper."')
    assert [(s, k, t[:12]) for s, k, t in found] == [
        ("Halima Osei", "quote", "Small countr"), ("Halima Osei", "quote", "We can build"),
    ]


def test_a_deck_without_final_punctuation_is_no_statement():
    found, _ = attribute(
        "Halima Osei tells delegates that small countries must write rules too\n\n"
        "Halima Osei, the minister of communications, said on Monday that rules must be shared.")
    assert [(s, k, t[:12]) for s, k, t in found] == [("Halima Osei", "paraphrase", "Halima Osei,")]


# --- transcripts and "what they say" blocks -------------------------------------------------

def test_transcript_label_in_brackets():
    found, cast = attribute(
        "[Concurrent] Olga Petrova, Director of the Northern Data Institute\n\n"
        "We want young engineers to stay in their home towns and build there.")
    assert [(s, k) for s, k, _ in found] == [("Olga Petrova", "quote")]
    assert found[0][2].startswith("We want young engineers")
    assert cast.people["Olga Petrova"].organizations == ["Northern Data Institute"]


def test_transcript_label_on_the_same_line():
    found, _ = attribute("[Soundbite] Olga Petrova, Director of the Northern Data Institute: We want young engineers to stay.")
    assert [(s, k) for s, k, _ in found] == [("Olga Petrova", "quote")]
    assert found[0][2].startswith("We want young engineers")


def test_name_title_org_colon_turn():
    found, _ = attribute("Arvid Lind, Chief Technology Officer, Kestrel Mobile: The next network will be built on software.")
    assert [(s, k) for s, k, _ in found] == [("Arvid Lind", "quote")]


def test_briefing_transcript_with_label_lines():
    found, _ = attribute(
        "Speakers: Wen Hao, deputy head of the Northern Data Office; Pia Lund, director of the Harbour Lab\n\n"
        "Wen Hao:\n\n"
        "Thank you. This year the forum will host guests from sixty countries.\n\n"
        "9:05 a.m.\n\n"
        "We also plan an exhibition of rural digital projects.\n\n"
        "Reporter from Example Daily:\n\n"
        "How many agreements will be signed?\n\n"
        "Pia Lund:\n\n"
        "We expect about forty agreements, most of them on cloud services.")
    assert [(s, k, t[:12]) for s, k, t in found] == [
        ("Wen Hao", "quote", "Thank you. T"),
        ("Wen Hao", "quote", "We also plan"),
        ("Pia Lund", "answer", "We expect ab"),
    ]


def test_lines_ending_in_a_colon_that_name_no_one_are_no_transcript():
    found, _ = attribute(
        "Key facts:\n\n"
        "Ola Berg said that the port would open a data centre next year.\n\n"
        "Looking ahead:\n\n"
        "Mara Quint noted that two more were planned.")
    assert [(s, k) for s, k, _ in found] == [("Ola Berg", "paraphrase"), ("Mara Quint", "paraphrase")]


def test_transcript_turn_with_role_in_parentheses():
    found, cast = attribute("Ola Berg (CEO, Nordlys Bank): Our branch in Hangzhou will open next year.")
    assert [(s, k, t[:10]) for s, k, t in found] == [("Ola Berg", "quote", "Our branch")]
    assert cast.people["Ola Berg"].organizations == ["Nordlys Bank"]


def test_what_they_say_block_signed_by_a_line_without_verb():
    found, cast = attribute(
        "What they say\n\n"
        '"Cities that share their traffic data save hours for every commuter."\n\n'
        "Lucia Ferraz, head of mobility at the Lisbon Urban Lab\n\n"
        '"A good rule is one a small shop can read in an afternoon."\n\n'
        "Kwame Mensah, policy adviser of the Accra Digital Council\n\n"
        '"Every village school we connect sends us its first email within a week."\n\n'
        "Professor Ines Duarte, Faculty of Engineering, University of Porto")
    assert [(s, k, t[:20]) for s, k, t in found] == [
        ("Lucia Ferraz", "quote", "Cities that share th"),
        ("Kwame Mensah", "quote", "A good rule is one a"),
        ("Ines Duarte", "quote", "Every village school"),
    ]
    assert "Accra Digital Council" in cast.people["Kwame Mensah"].organizations


# --- the discourse model: later mentions resolve ------------------------------------------

def test_surname_resolves_to_a_name_given_inside_a_long_description():
    found, _ = attribute(
        "The Vice Premier and the president's top economic adviser Zhou Minghai set the tone on Monday.\n\n"
        "Delegates from sixty countries attended the opening session in the new hall.\n\n"
        '"Openness is not a favour we grant, it is how we grow," Zhou said.')
    assert [(s, k) for s, k, _ in found] == [("Zhou Minghai", "quote")]


def test_definite_description_resolves_to_the_person_named_earlier():
    found, _ = attribute(
        "Ambassador Pieter de Wit opened the exhibition of Dutch chip makers on Tuesday.\n\n"
        "The ambassador stated that both sides would gain from joint research.")
    assert [(s, k) for s, k, _ in found] == [("Pieter de Wit", "paraphrase")]


def test_definite_description_by_an_equivalent_noun():
    found, _ = attribute(
        "Ambassador Gita Raman toured the robotics hall on Wednesday morning.\n\n"
        '"We came to learn and to sell," the envoy said.')
    assert [(s, k) for s, k, _ in found] == [("Gita Raman", "quote")]


def test_description_before_the_name_lets_its_words_refer_back():
    found, cast = attribute(
        "The Vice Premier and the president's top economic adviser Zhou Minghai set the tone on Monday.\n\n"
        "The adviser said that the digital economy would keep growing.")
    assert [(s, k) for s, k, _ in found] == [("Zhou Minghai", "paraphrase")]
    assert cast.people["Zhou Minghai"].descriptions


@pytest.mark.parametrize("sentence, role, organization", [
    ("Nordlys Bank will open a branch. Its chief executive, Mara Quint, signed the lease.", "chief executive", None),
    ("Kestrel founder Mara Quint opened the hall.", "founder", "Kestrel"),
    ("Kestrel's rotating chairman Mara Quint opened the hall.", "rotating chairman", "Kestrel"),
    ("Guests included Premier Ola Berg and founder Mara Quint.", "founder", None),
])
def test_company_and_role_before_the_name(sentence, role, organization):
    _, cast = attribute(sentence)
    person = cast.people["Mara Quint"]
    assert person.roles == [role]
    assert person.organizations == ([organization] if organization else [])


def test_according_to_a_description_or_a_pronoun():
    found, _ = attribute(
        "Ambassador Gita Raman toured the robotics hall on Wednesday morning.\n\n"
        "Both sides will open joint labs next year, according to the ambassador.\n\n"
        "The labs will train a thousand engineers, according to her.")
    assert [(s, k) for s, k, _ in found] == [("Gita Raman", "paraphrase"), ("Gita Raman", "paraphrase")]


def test_an_age_description_and_a_parenthesis_after_the_name():
    found, _ = attribute(
        "Mara Quint (pictured) said the cable would be finished by May.\n\n"
        'Ola Berg runs the port. "We are ready for the ships and for the data," the 52-year-old said.')
    assert [(s, k) for s, k, _ in found] == [("Mara Quint", "paraphrase"), ("Ola Berg", "quote")]


def test_a_definite_description_no_one_fits_is_an_unnamed_source():
    found, _ = attribute(
        "Lena Vogt, a farmer, spoke first and then met the minister.\n\n"
        "The minister said the road would be built by May.")
    assert found == []
    found, _ = attribute(
        "Lena Vogt, a farmer, spoke first and then met the minister.\n\n"
        "The minister said the road would be built by May.\n\n"
        "The minister, Ola Berg, did not give a cost.")
    assert [(s, k) for s, k, _ in found] == [("Ola Berg", "paraphrase")]


def test_pronoun_follows_gender():
    found, _ = attribute(
        "Ms. Sofia Lindgren and Mr. Tariq Aziz both spoke at the panel on rural connectivity.\n\n"
        '"We have to bring the last village online before we talk about smart cities," she said.')
    assert [(s, k) for s, k, _ in found] == [("Sofia Lindgren", "quote")]


def test_pronoun_from_a_gendered_role():
    found, _ = attribute(
        "Jin Rui, spokeswoman of the Northern Press Office, met Wen Hao, head of the data office, on Friday.\n\n"
        "She said that the forum would open on time.")
    assert [(s, k) for s, k, _ in found] == [("Jin Rui", "paraphrase")]


def test_unnamed_source_named_in_the_next_paragraph():
    found, _ = attribute(
        "A senior official said the new rules would take effect in the spring.\n\n"
        "The official, Chen Baoshan, heads the data office of the provincial government.")
    assert [(s, k) for s, k, _ in found] == [("Chen Baoshan", "paraphrase")]


def test_unnamed_source_named_in_an_appositive_or_by_role():
    found, _ = attribute(
        '"Nobody reads the terms," said one analyst, Ola Berg of Nordlys Research.\n\n'
        "A senior engineer said the new cable doubles the capacity.\n\n"
        "Mara Quint, a senior engineer at the cable operator, led the laying of it.")
    assert [(s, k) for s, k, _ in found] == [("Ola Berg", "quote"), ("Mara Quint", "paraphrase")]


def test_unnamed_source_with_an_affiliation_named_in_the_next_paragraph():
    found, _ = attribute(
        '"The rules will be ready by spring," an official with the harbour authority told reporters.\n\n'
        "The official, Chen Baoshan, added that the public would be consulted.")
    assert [(s, k) for s, k, _ in found] == [("Chen Baoshan", "quote"), ("Chen Baoshan", "paraphrase")]


def test_performative_verbs_report_speech_only_with_a_that_clause():
    found, _ = attribute(
        "Ola Berg, chairman of the forum, declares the summit open.\n\n"
        "Ola Berg declared that the summit would meet again next year.")
    assert [(s, k, t[:20]) for s, k, t in found] == [("Ola Berg", "paraphrase", "Ola Berg declared th")]


def test_source_with_an_of_phrase_and_no_comma():
    found, _ = attribute("Professor Ines Duarte of Porto University's data institute said the two labs would merge.")
    assert [(s, k) for s, k, _ in found] == [("Ines Duarte", "paraphrase")]


def test_the_unnamed_source_mentioned_again_before_it_is_named():
    found, _ = attribute(
        "Ola Berg, head of the harbour authority, opened the meeting.\n\n"
        "A senior official said the rules would take effect in spring. The official added that fines would be low.\n\n"
        "The official, Chen Baoshan, heads the data office.")
    assert [(s, k) for s, k, _ in found] == [("Chen Baoshan", "paraphrase"), ("Chen Baoshan", "paraphrase")]


def test_unnamed_source_never_named_is_no_speaker():
    assert speakers("A senior official said the new rules would take effect in the spring.") == []


# --- names beyond Chinese and Anglo patterns ----------------------------------------------

@pytest.mark.parametrize("name", [
    "Moin ul Haque", "Ahmed bin Rashid Al Nuaimi", "Chukwuemeka Okafor", "Priya Raghunathan",
    "Nguyen Thi Lan", "Hendrik van der Berg", "Dmitry Sergeyevich Volkov", "Abdullah al-Harbi",
    "José Núñez", "Jürgen Müller", "Gökçe Yılmaz", "Đặng Văn Hùng",
])
def test_names_of_many_patterns(name):
    found, _ = attribute(f"{name}, a board member of the Open Rails Forum, said that trains need open data.")
    assert [(s, k) for s, k, _ in found] == [(name, "paraphrase")]


def test_accented_name_after_the_cue():
    found, _ = attribute('"Every school should have a connection," said Đặng Văn Hùng, a teacher from Hue.')
    assert [(s, k) for s, k, _ in found] == [("Đặng Văn Hùng", "quote")]


@pytest.mark.parametrize("text, name", [
    ('"Without trust, no network survives," observed Sheikha Mariam bint Khalid Al Thani, who chairs a fund.',
     "Mariam bint Khalid Al Thani"),
    ("Egypt's deputy minister for digital transformation, Ahmed Abdel Aziz el-Sayed, noted that coders are trained.",
     "Ahmed Abdel Aziz el-Sayed"),
    ('"Africa\'s coders need cloud credits, not lectures," said Nigeria\'s Minister of Communications Bosun Adeyemi.',
     "Bosun Adeyemi"),
])
def test_long_names_with_titles_and_particles(text, name):
    found, _ = attribute(text)
    assert [s for s, _, _ in found] == [name]


def test_name_after_a_possessive_company():
    found, cast = attribute("Kestrel's Mara Quint said that phone makers would follow the new charging rule.")
    assert [(s, k) for s, k, _ in found] == [("Mara Quint", "paraphrase")]
    assert cast.people["Mara Quint"].organizations == ["Kestrel"]


def test_quote_left_open_where_the_page_was_cut():
    found, _ = attribute('Ravi Menon said: "Small sellers now reach buyers on four continents and the next step')
    assert found == [("Ravi Menon", "quote", "Small sellers now reach buyers on four continents and the next step")]


def test_quotation_running_over_paragraphs_takes_the_speaker_named_at_its_end():
    found, _ = attribute(
        "Mara Quint runs the cable company Nordlink.\n\n"
        '"We laid the first cable in a winter storm, and nobody thought it would hold.\n\n'
        '"It held. Now the whole coast depends on it," Quint said.')
    assert [(s, k, t[:9]) for s, k, t in found] == [
        ("Mara Quint", "quote", "We laid t"), ("Mara Quint", "quote", "It held. "),
    ]


def test_a_chinese_quotation_beside_its_translation_is_one_statement():
    found, _ = attribute(
        "Zhao Minghui opened the forum on Monday.\n\n"
        '「数据应当安全地流动」—— "Data should flow, and flow safely," Zhao said.')
    assert found == [("Zhao Minghui", "quote", "Data should flow, and flow safely,")]


# --- things that are never speakers ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Sina Weibo said that it removed thousands of fake accounts last month.",
    "Posts on Twitter said the hall was full by nine, and WeChat Pay said payments doubled.",
    "The fair will be the largest yet, reports the China Daily, with ten halls of exhibits.",
    '"It was less a summit than a trade show," said one wry observer.',
    "Analysts said the market for smart speakers will keep growing.",
    "Helen Park, a Schwarzman Scholar, attended. The Schwarzman Scholar said little.",
    "Officials of Viet Nam's digital authority toured the hall. Viet Nam said it would join.",
])
def test_platforms_outlets_programmes_and_vague_sources_are_no_speakers(text):
    assert all(s not in {"Sina Weibo", "Twitter", "WeChat Pay", "China Daily", "Schwarzman Scholar", "Viet Nam"}
               for s in speakers(text))
    assert not any("observer" in s.lower() or "analyst" in s.lower() for s in speakers(text))


@pytest.mark.parametrize("sentence", [
    "Kestrel Robotics said it would hire two hundred engineers.",
    "Nubeluz Systems noted that demand for storage was strong.",
    "Harbour Rights Watch said the rules were vague.",
])
def test_organisations_named_like_people_are_no_speakers(sentence):
    assert speakers(sentence) == []


def test_an_outlet_in_a_dateline_is_no_person():
    _, cast = attribute("WUZHEN, Nov 8 (Harbour Wire) -- Delegates arrived on Tuesday as the forum opened.")
    assert "Harbour Wire" not in cast.people


def test_vague_source_named_later_is_a_speaker():
    found, _ = attribute(
        '"The queues tell you everything," one observer said.\n\n'
        "That observer, Lena Vogt, runs a start-up fund in Berlin.")
    assert [(s, k) for s, k, _ in found] == [("Lena Vogt", "quote")]
