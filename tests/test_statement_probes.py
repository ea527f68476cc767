"""Statement extraction on single natural sentences (``tests/data/statement_probes.txt``):
each judged property in the common wordings of encyclopedic prose, with the lead that gives
the subject its class."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.statement_scoring import norm_value
from wikiconv.api import parse
from wikiconv.statements.extract import extract_statements

PROBES = Path(__file__).resolve().parent / "data" / "statement_probes.txt"

LEADS = {
    "co": "# Larkspur Labs\n\n**Larkspur Labs** is an American software company.\n\n",
    "pe": "# Anna Berg\n\n**Anna Berg** is a Swedish physicist.\n\n",
    "pd": "# Anna Berg\n\n**Anna Berg** (1901–1980) was a Swedish physicist.\n\n",
    "fi": "# Copper Sky\n\n***Copper Sky*** is a 2021 American drama film.\n\n",
    "sw": "# Quill\n\n**Quill** is an open-source text editor.\n\n",
    "to": "# Alderby\n\n**Alderby** is a town in [[Kent]], England.\n\n",
    "ba": "# The Lanterns\n\n**The Lanterns** are a Canadian indie rock band.\n\n",
    "bo": "# The Salt Road\n\n***The Salt Road*** is a 2019 novel by Irish writer Maeve Doyle.\n\n",
    "tv": "# Harbour Lights\n\n***Harbour Lights*** is a British drama television series.\n\n",
    "vg": "# Skyfall Tactics\n\n***Skyfall Tactics*** is a 2020 strategy video game.\n\n",
    "np": "# The Riverton Gazette\n\n***The Riverton Gazette*** is an American daily newspaper."
    "\n\n",
    "mu": "# Harlow Museum\n\n**Harlow Museum** is an art museum in [[Leeds]], England.\n\n",
    "al": "# Big Sky\n\n***Big Sky*** is the debut studio album by American singer Jo Park.\n\n",
    "un": "# Kestrel University\n\n**Kestrel University** is a private university in "
    "[[Nairobi]], Kenya.\n\n",
}


def _probes() -> list[object]:
    out: list[object] = []
    for number, line in enumerate(PROBES.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split(" | ")
        gap = fields[0] == "gap"
        lead, sentence, *expected = fields[1:] if gap else fields
        marks = [pytest.mark.xfail(strict=True, reason="known gap")] if gap else []
        out.append(pytest.param(lead, sentence, expected, id=f"line{number}", marks=marks))
    return out


@pytest.mark.parametrize(("lead", "sentence", "expected"), _probes())
def test_probe(lead: str, sentence: str, expected: list[str]) -> None:
    """The sentence yields every expected statement and none of the excluded ones."""
    head = LEADS[lead].split("\n\n")[0] + "\n\n"  # a bold opening is the lead itself
    doc = parse((head if sentence.startswith("**") else LEADS[lead]) + sentence + "\n")
    got = {(s.property, norm_value(s.value)) for s in extract_statements(doc).statements}
    want = {tuple(e.split("=", 1)) for e in expected if not e.startswith("!")}
    banned = {tuple(e[1:].split("=", 1)) for e in expected if e.startswith("!")}
    want = {(p, v.lower()) for p, v in want}
    banned = {(p, v.lower()) for p, v in banned}
    assert want <= got, sorted(want - got)
    assert not banned & got, sorted(banned & got)
