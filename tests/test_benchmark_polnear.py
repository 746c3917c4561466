"""PolNeAR benchmark library: brat reading and scoring arithmetic on a hand-made fixture.

The fixture (tests/fixtures/brat) is written for these tests: one article with
a direct quote, an indirect "that" clause, a discontinuous direct quote, an
attribution without a source, a Discard span, an event without content, and a
second annotator's file that must be ignored.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.benchmarks.polnear import (GoldAttribution, Predicted, article_files, evaluate_dir,
                                        main_eval_attribution, match, read_brat, score,
                                        source_correct)

BRAT = Path(__file__).parent / "fixtures" / "brat"
TXT = BRAT / "text" / "story_a.txt"
ANN = BRAT / "attributions" / "story_a_aa.ann"


@pytest.fixture(scope="module")
def doc():
    return read_brat(TXT, ANN)


def _span(text: str, s: str, n: int = 1) -> tuple[int, int]:
    i = -1
    for _ in range(n):
        i = text.index(s, i + 1)
    return i, i + len(s)


def test_read_brat_roles(doc):
    t = doc.text
    assert doc.name == "story_a"
    assert len(doc.attributions) == 4  # E5 has no Content; Discard is not an attribution
    a1, a2, a3, a4 = doc.attributions
    assert [t[a:b] for a, b in a1.content] == ['"We will not back down,"']
    assert [t[a:b] for a, b in a1.source] == ["Senator Jane Smith"]
    assert a1.cue == (_span(t, "said", 1),)
    assert a1.direct and not a2.direct and a3.direct and not a4.direct
    assert [t[a:b] for a, b in a2.content] == ["that the vote was delayed"]
    assert a2.source_text == "Officials"
    assert [t[a:b] for a, b in a3.content] == ['"Prices,"', '"will fall."']
    assert a3.content_text == '"Prices," "will fall."'
    assert a3.source_text == "she"
    assert a4.source == () and [t[a:b] for a, b in a4.cue] == ["was reported"]


def test_read_brat_content2_and_unsorted_spans(tmp_path):
    text = "Smith said the plan works and costs less.\n"
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    (tmp_path / "x_a.ann").write_text(
        "T1\tContent 30 41\tcosts less.\n"
        "T2\tContent 11 25\tthe plan works\n"
        "T3\tSource 0 5\tSmith\n"
        "T4\tCue 6 10\tsaid\n"
        "E1\tAttribution:T5 Content:T1 Cue:T4 Source:T3 Content2:T2\n", encoding="utf-8")
    d = read_brat(tmp_path / "x.txt", tmp_path / "x_a.ann")
    (a,) = d.attributions
    assert a.content == ((11, 25), (30, 41))
    assert a.content_text == "the plan works costs less."


def test_article_files_first_annotator():
    assert article_files(BRAT) == [(TXT, ANN)]


def _preds(t: str) -> list[Predicted]:
    return [
        # exact G1; speaker only by name: surname Smith = gold "Senator Jane Smith"
        Predicted(*_span(t, '"We will not back down,"'), direct=True, speaker="Jane Smith",
                  cue_span=_span(t, "said", 1)),
        # G2 without "that"; speaker mention overlaps, no cue
        Predicted(*_span(t, "the vote was delayed"), direct=False, speaker="Officials",
                  speaker_span=_span(t, "Officials")),
        # half of G3; wrong speaker reading (gold "she", no span), right cue
        Predicted(*_span(t, '"will fall."'), direct=True, speaker="Tom Brown",
                  cue_span=_span(t, "said", 3)),
        Predicted(*_span(t, "Senate vote delayed"), direct=False),  # false positive
        Predicted(*_span(t, "We will"), direct=True),  # overlaps G1, loses to the exact match
    ]


def test_match_one_to_one_largest_overlap(doc):
    assert match(doc.attributions, _preds(doc.text)) == [(0, 0), (1, 1), (2, 2)]


def test_score_arithmetic(doc):
    s = score([(doc, _preds(doc.text))])
    d, i, a = s["direct"], s["indirect"], s["all"]
    # found by overlap: the "We will" fragment of G1 counts as found
    assert (d["gold"], d["predicted"], d["gold_found"], d["predicted_found"]) == (2, 3, 2, 3)
    assert (i["gold"], i["predicted"], i["gold_found"], i["predicted_found"]) == (2, 2, 1, 1)
    assert (a["gold"], a["predicted"], a["gold_found"], a["predicted_found"]) == (4, 5, 3, 4)
    assert d["precision"] == 1.0 and d["recall"] == 1.0 and d["f1"] == 1.0
    assert i["precision"] == 0.5 and i["recall"] == 0.5 and i["f1"] == 0.5
    assert a["precision"] == pytest.approx(0.8) and a["recall"] == pytest.approx(0.75)
    assert a["f1"] == pytest.approx(2 * 0.8 * 0.75 / 1.55)
    # one-to-one: the fragment loses to the exact match and is a false positive
    assert (d["gold_found_1to1"], d["predicted_found_1to1"]) == (2, 2)
    assert d["precision_1to1"] == pytest.approx(2 / 3) and d["recall_1to1"] == 1.0
    assert d["f1_1to1"] == pytest.approx(0.8)
    assert i["precision_1to1"] == 0.5 and i["recall_1to1"] == 0.5 and i["f1_1to1"] == 0.5
    assert a["precision_1to1"] == pytest.approx(0.6) and a["recall_1to1"] == pytest.approx(0.75)
    assert a["f1_1to1"] == pytest.approx(2 / 3)
    # token F1: G1 1.0; G2 {that,the,vote,was,delayed} vs 4 of them -> 8/9; G3 {Prices,will,fall} vs 2 -> 0.8
    assert d["content_token_f1"] == pytest.approx(0.9)
    assert i["content_token_f1"] == pytest.approx(8 / 9)
    assert a["content_token_f1"] == pytest.approx((1 + 8 / 9 + 0.8) / 3)
    assert (d["source_n"], d["source_accuracy"]) == (2, 0.5)
    assert (i["source_n"], i["source_accuracy"]) == (1, 1.0)
    assert a["source_n"] == 3 and a["source_accuracy"] == pytest.approx(2 / 3)
    assert (d["cue_n"], d["cue_accuracy"]) == (2, 1.0)
    assert (i["cue_n"], i["cue_accuracy"]) == (1, 0.0)
    assert a["cue_accuracy"] == pytest.approx(2 / 3)
    assert a["direct_flag_accuracy"] == 1.0


def test_score_empty_predictions(doc):
    s = score([(doc, [])])
    assert s["all"]["recall"] == 0.0 and s["all"]["precision"] is None and s["all"]["f1"] is None
    assert s["all"]["content_token_f1"] is None


@pytest.mark.parametrize("gold_source,speaker,right", [
    ("Senator Jane Smith", "Jane Smith", True),
    ("SMITH", "jane smith", True),  # case-insensitive
    ("Kellyanne Conway, Trump's campaign manager", "Kellyanne Conway", True),
    ("Trump\u2019s campaign", "Donald Trump", False),
    ("the campaign", "Donald Trump", False),
    ("Sen. Tim Kaine (D-Va.)", "Tim Kaine", True),
    ("Mr. Trump", "Donald J. Trump", True),
    ("Donald Trump Jr.", "Donald Trump Jr.", True),
])
def test_source_surname(gold_source, speaker, right):
    g = GoldAttribution(content=((0, 1),), source=((500, 510),), source_text=gold_source)
    assert source_correct(Predicted(0, 1, False, speaker=speaker), g) is right


def test_evaluate_dir_runs_extractor():
    report, s = main_eval_attribution(BRAT)
    assert s["articles"] == 1 and s["all"]["gold"] == 4
    assert s["all"]["predicted"] >= 1
    assert "direct" in report and "indirect" in report and "content tok F1" in report
    # published reference points and the targets print beside this run's figures
    assert "42.3" in report and "92.3 %" in report and ">= 0.90 / >= 0.85" in report
    assert f"{s['all']['f1']:.3f} / {s['all']['source_accuracy']:.3f}" in report.split("published baselines")[1]
    assert evaluate_dir(BRAT)["all"]["gold"] == 4
