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
