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
