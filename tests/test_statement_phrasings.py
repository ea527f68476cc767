"""Statement extraction: general phrasings (descriptors before names, place chains, list
sections, genre phrases, compound classes, clause subjects)."""

from __future__ import annotations

from tests.statement_scoring import extracted_pairs
from wikiconv.api import parse
from wikiconv.statements.extract import extract_statements
from wikiconv.statements.statement import TimeValue


def _got(text: str) -> set[tuple[str, str]]:
    return extracted_pairs(text)


def test_descriptor_and_shared_surname() -> None:
    got = _got(
        "# Brook Works\n\n**Brook Works** is a Welsh brewing company based in Cardiff. "
        "It was founded in 1990 by the siblings Anna and Rhys Evans.\n"
    )
    assert {("P31", "brewing company"), ("P159", "Cardiff"), ("P571", "1990")} <= got
    assert {("P112", "Anna Evans"), ("P112", "Rhys Evans")} <= got


def test_place_chain_and_population() -> None:
    got = _got(
        "# Oberfeld\n\n**Oberfeld** is a village in the district of [[Ansbach (district)|Ansbach]]"
        " in [[Bavaria]], Germany. As of 2021 the village had 1,204 inhabitants.\n"
    )
    assert {("P131", "Ansbach (district)"), ("P17", "Germany"), ("P1082", "1204")} <= got
    assert ("P131", "Bavaria") not in got


def test_cast_section_and_other_subjects() -> None:
    got = _got(
        "# Low Tide\n\n**Low Tide** is a 2015 drama film directed by Ana Ruiz.\n\n## Cast\n\n"
        "- Marc Olsen as Ben\n- [[Lea Seydoux]] as Mia\n\n## Production\n\n"
        "The score was composed by Jo Lind, who was born in Oslo in 1970.\n"
    )
    assert {("P57", "Ana Ruiz"), ("P161", "Marc Olsen"), ("P161", "Lea Seydoux")} <= got
    assert ("P136", "drama film") in got
    assert not any(p in ("P19", "P569", "P571") for p, _ in got)


def test_genres_and_label() -> None:
    got = _got(
        "# The Gulls\n\n**The Gulls** are an English band from Leeds. "
        "After signing with Hull Records in 2012, the band released two albums. "
        "Their music is often described as post-punk and shoegaze.\n"
    )
    assert {("P264", "Hull Records"), ("P136", "post-punk"), ("P136", "shoegaze")} <= got


def test_subsidiary_and_ceo_not_of_another_company() -> None:
    got = _got(
        "# Nordvik\n\n**Nordvik AS** is a Norwegian shipbuilding company. In 2005 the company "
        "became a subsidiary of the Swedish group Kvarn Holding. Its rival Fjord Yard, whose "
        "chief executive is Per Dahl, was founded in 1950 by Ola Berg.\n"
    )
    assert {("P31", "shipbuilding company"), ("P127", "Kvarn Holding")} <= got
    assert ("P169", "Per Dahl") not in got and ("P112", "Ola Berg") not in got
    assert ("P571", "1950") not in got


def test_subject_as_object() -> None:
    got = _got(
        "# Vistra College\n\n**Vistra College** is a private college in [[Tromsø]], Norway. "
        "In 2017 Marek Dąbrowski and Zofia Lewandowska founded the college with support from "
        "the city. Their rival Nordhav was founded in 1990 by Per Dahl.\n"
    )
    assert {("P112", "Marek Dąbrowski"), ("P112", "Zofia Lewandowska")} <= got
    assert ("P112", "Per Dahl") not in got and ("P571", "1990") not in got


def test_software_started_by_and_components() -> None:
    got = _got(
        "# Quill (software)\n\n**Quill** is an open-source static site generator. It was "
        "originally written by the engineer Ana Lima, who began it in early 2012. The rendering "
        "engine and plugin host are written in [[Rust (programming language)|Rust]], while the "
        "companion tool qx is written in Python.\n"
    )
    assert {("P170", "Ana Lima"), ("P571", "2012")} <= got
    assert ("P277", "Rust (programming language)") in got
    assert ("P277", "Python") not in got


def test_ceo_pronoun_appositive_and_rounds() -> None:
    got = _got(
        "# Tern Labs\n\n**Tern Labs** is a British robotics company. Before founding the "
        "company, Ruth Okoro worked at Arup. She has led Tern Labs as chief executive officer "
        "since 2019. In 2021 the company closed a seed round led by [[Seedcamp]], with "
        "participation from Hoxton Ventures. A Series A followed in 2023; it was led by "
        "[[Atomico]]. Its rival, Skua, closed a Series A led by Balderton Capital.\n"
    )
    assert {("P31", "robotics company"), ("P169", "Ruth Okoro")} <= got
    assert {("P1951", "Seedcamp"), ("P1951", "Hoxton Ventures"), ("P1951", "Atomico")} <= got
    assert ("P1951", "Balderton Capital") not in got


def test_cast_roles_and_remake() -> None:
    got = _got(
        "# Dry Season\n\n**Dry Season** is a 1980 drama film.\n\n## Cast\n\n"
        "The film stars [[Ana Ruiz]] as Marta, alongside Pau Vidal as the mayor. The role of "
        "the boy went to Joan Puig. Supporting roles were played by Eva Roig and Lluís Mas.\n\n"
        "## Remake\n\nA remake starring Nuria Gil was released in 2006.\n"
    )
    cast = {v for p, v in got if p == "P161"}
    assert cast == {"Ana Ruiz", "Pau Vidal", "Joan Puig", "Eva Roig", "Lluís Mas"}
    assert ("P577", "2006") not in got


def test_label_value_list_and_formats() -> None:
    got = _got(
        "# Nordlys Labs\n\n**Nordlys Labs** is a Norwegian software company.\n\n"
        "## Key facts\n\n- **Founded:** 12 March 2015\n- **Founders:** Kari Berg and "
        "[[Ola Nordmann]]\n- Headquarters: [[Tromsø]], Norway\n- Employees: 12 400 (2023)\n\n"
        "## Remake\n\n- Director: Pilar Sendra\n- Released: 2006\n"
    )
    assert {("P571", "2015"), ("P112", "Kari Berg"), ("P112", "Ola Nordmann")} <= got
    assert {("P159", "Tromsø"), ("P1128", "12400")} <= got
    assert ("P159", "Norway") not in got and ("P57", "Pilar Sendra") not in got


def test_band_label_and_lowercase_the() -> None:
    got = _got(
        "# The Gullies\n\n**The Gullies** are an Australian garage rock band. The group was "
        "formed in 2011 by singer and guitarist Ned Hale and drummer Ivy Lu. Their debut album "
        "was released on 4 May 2014 through Dust Records, a small Perth label founded in 2006 "
        "by Graham Teale. In 2017 the Gullies signed to [[Flightless Records]].\n"
    )
    assert {("P112", "Ned Hale"), ("P112", "Ivy Lu"), ("P17", "Australia")} <= got
    assert {("P264", "Dust Records"), ("P264", "Flightless Records")} <= got
    assert ("P112", "Graham Teale") not in got and ("P571", "2006") not in got


def test_person_by_lead_parenthetical_and_compound_demonym() -> None:
    got = _got(
        "# Ana Kos\n\n**Ana Kos** (born 4 May 1990) is a Slovenian biathlon skier.\n\n"
        "# x\n\n**Storm Line** is a 2019 Norwegian–Icelandic documentary film.\n"
    )
    assert ("P31", "human") in got and ("P569", "1990") in got
    got = _got("# Storm Line\n\n**Storm Line** is a 2019 Norwegian–Icelandic documentary film.\n")
    assert {("P31", "film"), ("P136", "documentary film")} <= got
    assert not any(v == "Norwegian" for _, v in got)


def test_the_before_name_and_label_suffix() -> None:
    got = _got(
        "# Orquesta Típica Sol Norte\n\nThe **Orquesta Típica Sol Norte** is a Uruguayan tango"
        " orchestra formed in 1999. The orchestra was put together by pianist Rosa Vidal.\n\n"
        "## Recordings\n\nSol Norte signed with the Montevideo label [[Ayui Records]]. "
        "From 2010 its albums have been released by the independent label [[Bau Records]]. "
        "Sol Norte still tours.\n"
    )
    assert {("P31", "orchestra"), ("P136", "tango"), ("P571", "1999")} <= got
    assert {("P112", "Rosa Vidal"), ("P264", "Ayui Records"), ("P264", "Bau Records")} <= got


def test_intro_phrase_before_subject_and_place_demonym_unit() -> None:
    got = _got(
        "# Castelfino\n\nFounded in 1180, **Castelfino** is a [[comune]] in the [[Province of"
        " Siena]] in the Italian region of [[Tuscany]]. Today it counts 1,850 residents.\n"
    )
    assert {("P31", "comune"), ("P131", "Province of Siena"), ("P17", "Italy")} <= got
    assert ("P1082", "1850") in got and ("P131", "Tuscany") not in got


def test_as_of_template_and_interrupted_relative_clause() -> None:
    got = _got(
        "# Brouwerij Kade\n\n**Brouwerij Kade** is a Belgian brewery in [[Ghent]].\n\n"
        "## Today\n\nThe brewery, which {{As of|2024}} employs 120 people, is owned by "
        "the city of [[Ghent]]. It employed some 300 workers in the 1950s.\n"
    )
    assert {("P1128", "120"), ("P127", "Ghent")} <= got
    assert ("P1128", "300") not in got


def test_time_lead_and_generic_clause_subjects() -> None:
    got = _got(
        "# Reef (software)\n\n**Reef** is an open-source software library.\n\n## History\n\n"
        "Ana Lopes wrote the first prototype. Development started in 2015. "
        "The first public version, 0.2, first appeared on npm on 9 March 2017. "
        "Since 2020 development has been led by the Reef Foundation.\n"
    )
    assert {("P571", "2015"), ("P577", "2017"), ("P178", "Reef Foundation")} <= got


def test_list_appositive_and_hyphen_modifier() -> None:
    got = _got(
        "# Kobo Pay\n\n**Kobo Pay** is a Nigerian fintech company.\n\n## History\n\n"
        "Kobo Pay is the brainchild of Ada Obi, a former analyst at [[Access Bank]], and the "
        "engineer Femi Ade. In 2022 it closed a Series A led by [[Ribbit Capital]], with "
        "[[Tiger Global Management]] and the Lagos-based [[Ventures Platform]] also taking part. "
        "Since then the company has been under the leadership of chief executive Musa Bello.\n"
    )
    assert {("P112", "Ada Obi"), ("P112", "Femi Ade"), ("P169", "Musa Bello")} <= got
    assert {("P1951", "Tiger Global Management"), ("P1951", "Ventures Platform")} <= got
    assert ("P112", "Access Bank") not in got


def test_work_genre_head_agent_participle_and_museum_place() -> None:
    got = _got(
        "# Fog Lamps\n\n***Fog Lamps*** is a 2021 puzzle video game developed by Owl Works. "
        "It was released for [[Microsoft Windows]] and [[macOS]] on 2 March 2021.\n"
    )
    assert {("P31", "video game"), ("P136", "puzzle video game"), ("P178", "Owl Works")} <= got
    assert ("P577", "2021") in got
    got = _got(
        "# Trail App\n\n**Trail App** is a [[mobile app]] for hikers, developed by the British "
        "company [[Contour Works]].\n\n# Museum\n\n"
    )
    assert ("P178", "Contour Works") in got
    got = _got(
        "# Valo Museum\n\nThe **Valo Museum** is a museum of photography in [[Tampere]], Finland."
        " Founded in 1987, it opened its doors in May 1989.\n"
    )
    assert {("P131", "Tampere"), ("P17", "Finland"), ("P571", "1987")} <= got
    assert ("P571", "1989") not in got


def test_lexicon_placeholder_expands_phrases() -> None:
    from wikiconv.statements.rules import RuleError, expand_lexicons

    lex = {"verbs": ["set up", "founded", "re:came\\s+into\\s+being"]}
    pattern = expand_lexicons(r"\b{@verbs}\s+in", lex)
    assert pattern == r"\b(?:came\s+into\s+being|founded|set\s+up)\s+in"
    try:
        expand_lexicons("{@missing}", lex)
    except RuleError:
        pass
    else:
        raise AssertionError("an unknown lexicon must be an error")


def test_inception_lexicon_and_present_noun() -> None:
    got = _got(
        "# Hinaka\n\n**Hinaka** is a town in [[Nagano Prefecture]], Japan.\n\n## History\n\n"
        "The present town came into being on 1 October 2005, when two villages merged. "
        "The 2020 national census counted 9,126 inhabitants, down from 12,400 in 1960.\n"
    )
    assert {("P571", "2005"), ("P1082", "9126")} <= got
    assert ("P1082", "12400") not in got


def test_investor_led_round_and_ceo_by_surname() -> None:
    got = _got(
        "# Kiriman\n\n**Kiriman** is an Indonesian logistics company.\n\n## History\n\n"
        "Dimas Prasetyo and Larasati Wibowo ran a courier project. [[East Ventures]] led a seed "
        "round later that year. [[ASML]], which is based in [[Veldhoven]], led a round in 2025.\n\n"
        "Prasetyo became chairman in 2022, and the company has since been headed by his "
        "co-founder Wibowo as chief executive.\n"
    )
    assert {("P1951", "East Ventures"), ("P169", "Larasati Wibowo")} <= got
    assert ("P112", "Larasati Wibowo") in got
    assert ("P1951", "Veldhoven") not in got


def test_possessive_role_appositive_and_implemented_in() -> None:
    got = _got(
        "# Tamara (software)\n\n**Tamara** is a free [[module bundler]]. It is implemented in "
        "[[Zig (programming language)|Zig]].\n\n## History\n\nIts creator, Ayse Karaca, began "
        "Tamara in November 2020. The first tagged release, version 0.1.0, was published on "
        "[[GitHub]] on 14 June 2021. The companion server is a separate project built in "
        "[[Rust]].\n"
    )
    assert {("P277", "Zig (programming language)"), ("P170", "Ayse Karaca")} <= got
    assert {("P571", "2020"), ("P577", "2021")} <= got
    assert ("P277", "Rust") not in got


def test_time_openers_possessive_topic_and_noted_members() -> None:
    got = _got(
        "# Cotton Noise\n\n**Cotton Noise** is a South Korean [[shoegaze]] band.\n\n## History\n\n"
        "The band was started in 2015 by Kim Da-eun (vocals, guitar) and Park Sung-min (guitar). "
        "Their debut EP was self-released in 2017. Later that year they signed to Cloudhall "
        "Records, a Seoul label. Outside Korea, their records have come out on the American "
        "label [[Topshelf Records]] since 2022.\n"
    )
    assert {("P112", "Kim Da-eun"), ("P112", "Park Sung-min")} <= got
    assert {("P264", "Cloudhall Records"), ("P264", "Topshelf Records")} <= got


def test_film_release_events() -> None:
    got = _got(
        "# Low Water\n\n***Low Water*** is a 2023 Brazilian [[drama film]] directed by Ana Reis."
        "\n\n## Release\n\nThe film debuted at the [[International Film Festival Rotterdam]] on "
        "27 January 2023. [[Vitrine Filmes]] gave it a theatrical release in Brazil on "
        "14 September 2023. A remake directed by Hugo Brandt premiered on 2 May 2024.\n"
    )
    dates = {v for p, v in got if p == "P577"}
    assert dates == {"2023"}
    full = {
        (s.value.year, s.value.month, s.value.day)
        for s in extract_statements(
            parse(
                "# Low Water\n\n***Low Water*** is a 2023 film.\n\n"
                "[[Vitrine Filmes]] gave it a theatrical release in Brazil on 14 September 2023.\n"
            )
        ).statements
        if s.property == "P577" and isinstance(s.value, TimeValue)
    }
    assert full == {(2023, 9, 14)}


def test_middle_surname_and_stub_fragments() -> None:
    got = _got(
        "# Amaru Quispe Condori\n\n**Amaru Quispe Condori** (born 14 August 1979) is a Peruvian "
        "novelist.\n\nQuispe was born in [[Puno]]. His father, born in [[Juliaca]] in 1950, was a "
        "teacher.\n"
    )
    assert ("P19", "Puno") in got and ("P19", "Juliaca") not in got
    got = _got(
        "# Brightmoor\n\n**Brightmoor Ltd** is a British road haulage company. Based in [[Leeds]]. "
        "Set up in 2011 by Tom Ashby. Employs some 320 staff.\n"
    )
    assert {("P31", "road haulage company"), ("P159", "Leeds"), ("P112", "Tom Ashby")} <= got
    assert {("P571", "2011"), ("P1128", "320")} <= got


def test_evaluative_words_skipped_in_lead_and_filler_openers() -> None:
    got = _got(
        "# Lumen\n\n**Lumen** is a powerful, flexible and remarkably fast open-source "
        "[[query engine]].\n\nIt's worth noting that the engine has since been developed by "
        "[[Nordlys Labs]]. Under the hood, the engine is implemented in [[Go]].\n"
    )
    assert ("P31", "query engine") in got and ("P277", "Go") in got
