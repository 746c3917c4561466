"""checker.text re-runs Punkt's decisions over nltk's patterns: it must split exactly as nltk does."""

import random

from checker.text import _punkt, _tokenizer

_PIECES = ["U.S.", "Mr.", "J.", "a.", "12.", "3.5.", "...", ". . .", "--", "?", "!", "?!", '"', "“", "”",
           "‘", "’", "'", "(", ")", ",", ";", ":", "word", "Word", "said.", "He", "she", "Jan.", "e.g.",
           "_.", "É.", "\u00a0", "\t", "\n", "\n\n", "«", "»", "1,000.", "p.m.", "x\u0301."]


def test_spans_match_nltk():
    rng = random.Random(1)
    fast, ref = _punkt(), _tokenizer()
    for _ in range(20000):
        chunk = "".join(rng.choice(_PIECES) + rng.choice([" ", " ", "", "  ", "\n"])
                        for _ in range(rng.randint(1, 14)))
        assert fast.spans(chunk) == list(ref.span_tokenize(chunk)), chunk


def test_segment_undoes_breaks_that_cannot_end_a_sentence():
    from checker.text import segment

    def sents(text: str) -> list[str]:
        return [s.text for s in segment(text)]

    # nltk itself breaks after "Feb." here, and after the initialism
    assert len(list(_tokenizer().span_tokenize('He stays until Feb. 10." He left'))) == 3
    assert sents('He stays until Feb. 10." He left') == ['He stays until Feb. 10."', "He left"]
    assert sents("He told the S.E.C. that it was fine.") == ["He told the S.E.C. that it was fine."]
    # a capital after an initialism may start a sentence: the break stays
    assert sents("He told the S.E.C. The agency said no.") == ["He told the S.E.C.", "The agency said no."]


def _classes_sorted(pattern: str) -> str:
    """The pattern with the members of each character class in sorted order."""
    import re
    item = re.compile(r"\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|\\.|[^\\]")
    return re.sub(r"\[(\^?)((?:\\.|[^\]\\])+)\]",
                  lambda m: "[" + m.group(1) + "".join(sorted(item.findall(m.group(2)))) + "]", pattern)


def test_punkt_patterns_are_nltks() -> None:
    """The patterns copied into checker.text (so segmenting never imports nltk) are nltk's own."""
    import regex
    from nltk.tokenize.punkt import PunktLanguageVars, PunktToken
    from checker.text import _PUNKT_PATTERNS, _raw
    lv = PunktLanguageVars()
    theirs = {"period": lv.period_context_re(), "word": lv._word_tokenizer_re(),
              "realign": lv.re_boundary_realignment, "ellipsis": PunktToken._RE_ELLIPSIS,
              "numeric": PunktToken._RE_NUMERIC, "initial": PunktToken._RE_INITIAL}
    assert set(theirs) == set(_PUNKT_PATTERNS)
    for name, (pattern, flags) in _PUNKT_PATTERNS.items():
        ref = _raw(theirs[name])
        # nltk builds its punctuation classes from a set: their order varies with the hash seed
        assert (_classes_sorted(pattern), regex.compile(pattern, flags).flags) == \
            (_classes_sorted(ref.pattern), ref.flags), name
        assert type(regex.compile(pattern, flags)) is type(ref)


def test_segmenting_does_not_import_nltk() -> None:
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    code = "import sys; from checker.text import segment; segment('One. Two.'); print('nltk' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root,
                         env={**__import__("os").environ, "PYTHONPATH": str(root)})
    assert out.stdout.strip() == "False", out.stderr
