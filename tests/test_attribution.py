"""The attribution chain of non-quote claims: who the outlet says vouches for a number or date."""

from __future__ import annotations

import pytest

from checker.claims import build_claims
from checker.extract import extract_all
from checker.extract.base import make_doc


def _claims(text: str, published: str | None = "2025-02-28") -> list[dict]:
    doc = make_doc(text, published)
    return build_claims(doc, extract_all(doc))["claims"]


@pytest.mark.parametrize("text,kind,evidence,speaker", [
    ("Moscow had no comment after the negotiations, which Russian news agencies said lasted for over six hours.",
     "duration", "over six hours", "Russian news agencies"),
    ("Port official Anna Berg said that 1,200 dockworkers would strike on Thursday.", "count", "1,200 dockworkers",
     "Anna Berg"),
    ("The second round of talks will take place Thursday in Oslo, the ministry said on Tuesday.",
     "ordinal", "second round of talks", "ministry"),
])
def test_claims_inside_reported_speech_carry_their_source(text, kind, evidence, speaker) -> None:
    claim = next(c for c in _claims(text) if c["kind"] == kind and evidence in c["evidence"]["text"])
    assert speaker.lower() in claim["attributed_to"]["speaker"].lower()


def test_the_outlets_own_statements_are_not_attributed() -> None:
    claims = _claims("The negotiations in Oslo lasted for over six hours on Thursday. Anna Berg said nothing.")
    dur = next(c for c in claims if c["kind"] == "duration")
    assert "attributed_to" not in dur


def test_an_evaluation_cues_object_does_not_vouch_for_a_claim() -> None:
    # "criticized" makes "the plan ... Tuesday" an attribution for the benchmark, but the
    # senator does not vouch for the date: the outlet reports when the plan was announced
    claims = _claims("Senator Jane Holt criticized the plan announced on Tuesday by the port authority.")
    date = next(c for c in claims if c["kind"] == "date")
    assert "attributed_to" not in date
