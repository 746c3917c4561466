"""TempEval-3 library: TimeML reading, Task A scoring arithmetic, writer round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.benchmarks.timeml import (Timex, evaluate_dir, main_eval_timeml, match, read_timeml, score,
                                       system_timexes, write_timeml)

FIX = Path(__file__).resolve().parent / "fixtures" / "timeml"


def _at(text: str, phrase: str, type_: str, value: str, mod: str | None = None) -> Timex:
    i = text.index(phrase)
    return Timex(i, i + len(phrase), type_, value, mod)


@pytest.fixture(scope="module")
def docs():
    return read_timeml(FIX / "board.tml"), read_timeml(FIX / "trains.tml")


def test_read_offsets_match_text(docs):
    board, trains = docs
    assert board.docid == "board" and board.dct == "2013-03-21" and board.dct_date == "2013-03-21"
    assert "Smith & Co." in board.text and "<" not in board.text  # tags stripped, entities decoded
    assert [(board.text[t.start:t.end], t.tid, t.type, t.value, t.mod) for t in board.timexes] == [
        ("Tuesday", "t1", "DATE", "2013-03-19", None),
        ("more than three hours", "t2", "DURATION", "PT3H", "MORE_THAN"),
        ("last year", "t3", "DATE", "2012", None),
    ]
    assert trains.dct == "2013-03-21T09:00" and trains.dct_date == "2013-03-21"
    assert [(trains.text[t.start:t.end], t.type, t.value, t.mod) for t in trains.timexes] == [
        ("every day", "SET", "P1D", None),
        ("10 a.m.", "TIME", "2013-03-21T10:00", None),
        ("early March", "DATE", "2013-03", "START"),
    ]


def _hand_system(docs):
    board, trains = docs
    bt, tt = board.text, trains.text
    sys_board = [
        _at(bt, "Tuesday", "DATE", "2013-03-19"),            # strict, value right
        _at(bt, "three hours", "DURATION", "PT3H", "MORE_THAN"),  # relaxed only, value right
        _at(bt, "last year", "DATE", "2013"),                # strict, value wrong
        _at(bt, "board", "DATE", "XXXX"),                    # spurious
    ]
    sys_trains = [
        _at(tt, "10 a.m.", "DATE", "2013-03-21T10:00"),      # strict, right value, wrong type
        _at(tt, "March", "DATE", "2013-03"),                 # relaxed only, value right
    ]                                                        # "every day" missed
    return [(board, sys_board), (trains, sys_trains)]


def test_score_arithmetic(docs):
    s = score(_hand_system(docs))
    g = s["groups"]
    assert s["docs"] == 2
    # ALL: 6 gold, 6 system, 5 overlapping pairs, 3 exact spans, 4 right values
    assert g["ALL"]["relaxed"] == {"p": 0.8333, "r": 0.8333, "f1": 0.8333}
    assert g["ALL"]["strict"] == {"p": 0.5, "r": 0.5, "f1": 0.5}
    assert g["ALL"]["value"] == {"p": 0.6667, "r": 0.6667, "f1": 0.6667}
    assert g["ALL"]["value_accuracy"] == 0.8  # 4 / 5, and 0.8333 * 0.8 = value F1 (TE3 convention)
    assert g["ALL"]["type_accuracy"] == 0.8  # "10 a.m." typed DATE
    # DATE+DURATION: 4 gold (all matched), 6 system (5 matched); strict 2/4 gold, 3/6 system;
    # values 3/4 gold side, 4/6 system side
    dd = g["DATE+DURATION"]
    assert (dd["counts"]["gold"], dd["counts"]["system"]) == (4, 6)
    assert dd["relaxed"] == {"p": 0.8333, "r": 1.0, "f1": 0.9091}  # 2*(5/6)*1 / (5/6 + 1) = 10/11
    assert dd["strict"] == {"p": 0.5, "r": 0.5, "f1": 0.5}
    assert dd["value"] == {"p": 0.6667, "r": 0.75, "f1": 0.7059}  # 2*(2/3)*(3/4) / (2/3 + 3/4) = 12/17
    # TIME: its one gold timex was found (as a DATE), no system TIME timexes; SET: missed
    assert g["TIME"]["relaxed"] == {"p": 0.0, "r": 1.0, "f1": 0.0}
    assert g["SET"]["relaxed"] == {"p": 0.0, "r": 0.0, "f1": 0.0}
    assert s["type_counts"] == {"DATE": {"gold": 3, "system": 5}, "TIME": {"gold": 1, "system": 0},
                                "DURATION": {"gold": 1, "system": 1}, "SET": {"gold": 1, "system": 0}}


def test_match_is_one_to_one_by_largest_overlap():
    gold = [Timex(0, 10, "DATE", "a"), Timex(12, 20, "DATE", "b")]
    system = [Timex(5, 15, "DATE", "a"), Timex(11, 20, "DATE", "b")]
    # system 0 overlaps gold 0 by 5 and gold 1 by 3; system 1 overlaps gold 1 by 8
    assert match(gold, system) == [(0, 0), (1, 1)]
    assert match(gold, [Timex(8, 14, "DATE", "x")]) == [(0, 0)]  # one system timex, one pair


def test_writer_round_trips(docs, tmp_path):
    for doc, system in _hand_system(docs):
        system = [Timex(t.start, t.end, t.type, t.value, t.mod, f"t{i + 1}") for i, t in enumerate(system)]
        out = tmp_path / f"{doc.docid}.tml"
        write_timeml(doc, system, out)
        back = read_timeml(out)
        assert back.text == doc.text and back.dct == doc.dct and back.docid == doc.docid
        assert back.timexes == sorted(system, key=lambda t: (t.start, t.end))


def test_writer_drops_overlapping_spans(docs, tmp_path):
    board = docs[0]
    system = [_at(board.text, "more than three hours", "DURATION", "PT3H"),
              _at(board.text, "three hours", "DURATION", "PT3H")]
    write_timeml(board, system, tmp_path / "x.tml")
    assert [t.span for t in read_timeml(tmp_path / "x.tml").timexes] == [system[0].span]


def test_system_timexes_maps_records(docs):
    board = docs[0]
    got = {(board.text[t.start:t.end], t.type, t.value, t.mod) for t in system_timexes(board.text, board.dct)}
    assert ("Tuesday", "DATE", "2013-03-19", None) in got
    assert ("more than three hours", "DURATION", "PT3H", "MORE_THAN") in got


def test_evaluate_dir_and_report(tmp_path):
    text, scores = main_eval_timeml(FIX, tmp_path)
    assert scores["files"] == 2 and scores["docs"] == 2
    assert sorted(p.name for p in tmp_path.glob("*.tml")) == ["board.tml", "trains.tml"]
    assert "DATE+DURATION" in text and "relaxed F1" in text
    # the published baselines print beside this run's figures
    assert "HeidelTime" in text and "77.61" in text and "82.71" in text
    dd = scores["groups"]["DATE+DURATION"]
    assert f"{100 * dd['value']['f1']:.2f}" in text.split("published baselines")[1]
    assert evaluate_dir(FIX)["groups"]["ALL"]["counts"]["gold"] == 6
