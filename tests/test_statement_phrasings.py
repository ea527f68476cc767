"""Statement extraction: general phrasings (descriptors before names, place chains, list
sections, genre phrases, compound classes, clause subjects)."""

from __future__ import annotations

from wikiconv.api import parse
from wikiconv.statements.extract import extract_statements
from wikiconv.statements.statement import ItemValue, QuantityValue, TimeValue


def _got(text: str) -> set[tuple[str, str]]:
    out = set()
    for s in extract_statements(parse(text)).statements:
        v = s.value
        if isinstance(v, ItemValue):
            out.add((s.property, v.name))
        elif isinstance(v, QuantityValue):
            out.add((s.property, v.amount.lstrip("+")))
        elif isinstance(v, TimeValue):
            out.add((s.property, str(v.year)))
    return out


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
