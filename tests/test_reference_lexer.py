"""The quick reference lexer gives exactly the tokens of ``Lark.lex`` on the grammar."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wikiconv.citations import reference_lexer
from wikiconv.citations.lexicon import lexicon
from wikiconv.citations.reference_parser import _phrase_regex

DATA = Path(__file__).parent / "data"
ODD = [
    "",
    "   ",
    "ſpring 2020; K. İstanbul ı",
    "1stMay 2020 (2019a) 12(3): 45–67 e-ISSN 1234-5679 arXiv:2006.11239v2",
    "«Titre» „Titel“ ``TeX'' ''wiki'' *it* _u_ [a](https://x.org/(b)) <https://y.org>",
    "٣٤ ²½ 日本語 Ω\u0301 \u00a0\u2009x\ty\nz",
]


def _strings() -> list[str]:
    texts = list(ODD)
    for path in sorted(DATA.glob("references*/eval.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def test_quick_lexer_is_in_use() -> None:
    assert reference_lexer.lexer() is not None


@pytest.mark.parametrize("text", _strings())
def test_quick_lexer_matches_lark(text: str) -> None:
    assert reference_lexer.lex(text) == reference_lexer.lark_lex(text)


def test_first_chars_are_a_superset() -> None:
    test = reference_lexer.first_chars(r"(?<!\w)et\.?[ \t]+al\b")
    assert test is not None and test("e") and not test("a")
    assert reference_lexer.first_chars(r"(?i:arxiv)") is None  # ignoring case: any
    assert reference_lexer.first_chars(r"x?") is None  # may match empty: any


def test_phrase_regex_finds_the_longest_phrase() -> None:
    text = "Archived from the original on 5 May 2020. Retrieved on 6 May 2020"
    found = [m.group(0).strip() for m in _phrase_regex("archived").finditer(text)]
    assert found == ["Archived from the original on"]
    assert "Retrieved on" in lexicon().phrases["accessed"]
    found = [m.group(0).strip() for m in _phrase_regex("accessed").finditer(text)]
    assert found == ["Retrieved on"]
