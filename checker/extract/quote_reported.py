"""Attributions without quote marks (layers 3 and 4 of ``quotes``).

Reported speech ("X said (that) ...", "..., X said", "The museum, X said,
will ...", "according to X, ...", markless direct speech after a colon, a
passive with its agent) and the wider attributions that only ``attributions``
keeps (the object of a cue of evaluation, intention or finding, a paragraph
opened by a speaker label). Each starts from a cue or a label, not from a
quote mark, and shares nothing with mark pairing or direct-quote attribution
but the speaker reading, so the forms live here, mixed into
``quotes._Extractor``.
"""

from __future__ import annotations

import bisect
import itertools
import re

from .. import settings
from ..model import Sentence
from . import names
from .quote_cues import _AUX, _DEMONSTRATIVES, _DETS, _cue_lexicon, _np_after_re, _object_verbs
from .quote_spans import (_BLANKS, _MARK, _REACH, _WORD, Speaker, _Attr, _back_chars, _back_space,
                          _trim)

_COLON_INTRO = re.compile(r"(?:\s+(?:[\w'’-]+)){0,6}?\s*:\s+(?=[A-Z\d])")
# the rest of a sentence after an inserted attribution: ", Lavrov said (on Monday), <rest>"
_INSERT_TAIL = re.compile(r"([^,.;:!?“”\"]{0,40}),\s+(?=[\w“\"‘'])")
# a paragraph opened by a short capitalised label and a colon ("PENCE: ...", "Poll: ...")
_LABEL = re.compile(r"[\"“]?([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}):[ \t]+(?=[\w“\"‘'])")
# the agent of a passive cue ("was reported by The Post") and where its subject clause opens
_BY_AGENT = re.compile(r"(?:[ \t]+\w+ly)?[ \t]+by[ \t]+")
_CLAUSE_OPEN = re.compile(r"[;:(—–]|,\s+(?=(?:and|but|while|which|who|as|after|because)\b)"
                          r"|\b(?:that|which|who)\s")
# the object of a cue: after blanks (and "that"), up to ";", a dash, or a new clause
_OBJ_START = re.compile(r"[ \t\u00a0]+(?:that\s+)?")
_OBJ_STOP = re.compile(r";|\s[—–]\s|\s--\s|,\s+(?:and|but|while|which|who|whose|although|though|because|"
                       r"according|[a-z]+ing)\b|\s(?:but|while|because|although|whereas)\s")
_TAIL_CUT = re.compile(r"(?i),\s+(?:according\s+to|\w+ing)\b")
_THAT_AHEAD = re.compile(r"((?:\s+[^\s,.;:!?\"“”]+){0,11}?)\s+that\s+")
_TOLD_OBJECT = re.compile(r"\s+(?:(?:the|a|an)\s+)?(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}|[a-z]+)")
_NEXT_WORD = re.compile(r"\s+([\w'’-]+)")
_CONJ_END = re.compile(r"(?:,|\bbut|\band)\s+$")
_TO_COMMA = re.compile(r"[^,]{0,120},")
# words that open an adverbial after a speech verb ("said on Tuesday", "said during a visit")
_ADVERBIAL_STARTS = ("during", "on", "in", "at", "after", "before", "to", "from", "via", "while", "when",
                     "last", "this", "earlier", "later", "late", "early", "yesterday", "today", "tonight",
                     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "again",
                     "also", "repeatedly", "publicly", "separately", "recently", "previously")
# words after a bare cue that do not open its content ("said as much", "said so", "said of")
_NOT_OBJECT = frozenset(("of", "for", "with", "by", "as", "so", "about", "into", "through", "over", "under",
                         "up", "out", "back", "and", "or", "but", "nothing", "little", "goodbye"))
_PARTICLES = frozenset(("in", "into", "on", "off", "at", "from", "away", "down"))
_QUANTIFIERS = frozenset(("most", "all", "both", "few", "more", "fewer", "such"))


class _ReportedSpeech:
    """Attribution forms read from a cue or a label; ``quotes._Extractor`` provides the state
    and the lookups, ``quote_speakers`` the speaker reading."""

    text: str
    blocks: list[tuple[int, int, list[Sentence]]]
    verbs: dict[str, str]
    w: dict
    sent_ends: list[int]
    cues: list[tuple[int, int, str]]
    cue_starts: list[int]
    stop_at: list[int | None]
    next_stop: list[int]
    _first_comma: dict[int, int]

    def reported(self, cue: tuple[int, int, str]) -> _Attr | None:
        a = self._reported(cue)
        if a is None and self.verbs.get(cue[2]) == "that" and not self._in_quote(cue[0]) \
                and self.text[cue[0]].islower():  # "the United States spends": a name, not a cue
            # "noted the clot's existence", "mentioned remarks Trump had made": a plain object
            a = self._object_content(cue, self.sent_at(cue[0]), plain=True)
        return a

    def _comma_in(self, sent: Sentence, pos: int) -> bool:
        """Whether ``text[sent.start:pos]`` holds a comma (the sentence's first comma, found once:
        a run-on sentence of cues is not searched again for each)."""
        first = self._first_comma.get(sent.start)
        if first is None:
            first = self._first_comma[sent.start] = self.text.find(",", sent.start, sent.end)
        return 0 <= first < pos

    def _comma_before(self, pos: int, lo: int) -> bool:
        """Whether ``text[lo:pos].rstrip()`` ends with a comma, without copying the slice."""
        e = _back_space(self.text, pos, lo)
        return e > lo and self.text[e - 1] == ","

    def _cue_stop(self, c: tuple[int, int, str], base: int) -> int | None:
        """Where a reported clause running into cue ``c`` stops (its ", according to", ", saying"
        or "but/and" in ``text[base:c[0]]``), or None when the clause runs on past it."""
        before = self.text[base:c[0]]
        comma = before.find(",")
        if comma >= 0 and (c[2].endswith("ing") or self.verbs.get(c[2]) == "source"):
            return base + comma
        conj = _CONJ_END.search(before)
        return base + conj.start() if conj else None

    def _index_clause_stops(self) -> None:
        """Each cue's clause stop read over its own six characters before it, and for each cue
        the first one from it that stops a clause: a clause finds its end by one lookup, not by
        walking every cue within the statement reach (dense "said said said" text)."""
        n = len(self.cues)
        self.stop_at = [self._cue_stop(c, max(0, c[0] - 6)) for c in self.cues]
        self.next_stop = [n] * (n + 1)
        for k in range(n - 1, -1, -1):
            self.next_stop[k] = k if self.stop_at[k] is not None else self.next_stop[k + 1]

    def _colon_end(self, s: int, pe: int) -> int:
        """End of markless speech after a colon: the paragraph's end, but never farther than
        ``colon_quote_reach`` characters: then the last sentence ending within the reach, else the
        last word boundary (a run-on paragraph of "said: said: ..." would give every cue a copy of
        the rest of it)."""
        limit = s + settings.SETTINGS.colon_quote_reach
        if pe <= limit:
            return pe
        k = bisect.bisect_right(self.sent_ends, limit) - 1
        if k >= 0 and self.sent_ends[k] > s:
            return self.sent_ends[k]
        cut = self.text.rfind(" ", s + 1, limit)
        return cut if cut > s else limit

    def _reported(self, cue: tuple[int, int, str]) -> _Attr | None:
        text = self.text
        cs, ce, form = cue
        cls = self.verbs.get(form)
        if self._in_quote(cs):
            return None
        sent = self.sent_at(cs)
        if cls == "source":
            return self._according(cue, sent)
        if _BY_AGENT.match(text, ce, sent.end):
            passive = self._passive_by(cue, sent)
            if passive is not None:
                return passive
        if cls in ("quote", "object"):
            return self._object_content(cue, sent) if cls == "object" else None
        # cheap tests first: is there any content for this cue at all?
        mcol = _COLON_INTRO.match(text, ce)
        content = self._clause_after(ce, form, cls, sent)
        if mcol is None and content is None and not self._comma_in(sent, cs):
            # "the report found serious flaws": a verb of thought or finding with a plain object
            return None
        sp = self._subject(cue, sent)
        if sp is False:
            return None
        after_np = None
        if sp is None:
            # "..., said the ministry."
            comma_lead = self._comma_before(cs, sent.start)
            if comma_lead:
                after_np = self._np_after(ce, sent.end)
            if after_np is None and not mcol and not comma_lead:
                # "Earlier reports indicated that ...", "..., top lawmakers said": an unnamed
                # source, cited by its span
                sp = self._generic_np(cs, sent.start)
                if sp is None:
                    return None
            elif after_np is None:
                return None
            else:
                sp = after_np
        # markless direct speech after a colon: "a spokesman ... said: The United States ..."
        if mcol and after_np is None:
            s = mcol.end()
            bi = self.block_at(cs)
            e = self._colon_end(s, self.blocks[bi][1])
            nq = _MARK.search(text, s, e)
            if nq and text[nq.start()] in "\"“":
                return None
            s, e = _trim(text, s, e)
            if e > s:
                return _Attr(s, e, True, False, sp, (cs, ce), form="colon")
        # content after the cue: "that" clause or bare clause
        if after_np is None:
            if content is not None:
                s, e = content
                form_ = "that" if re.search(r"\bthat\b", text[ce:s], re.I) else "bare"
                return _Attr(s, e, False, False, sp, (cs, ce), form=form_)
        # content before the attribution: "..., Lavrov said (on Tuesday)."
        np_start = sp.start if after_np is None else cs
        if not self._comma_before(np_start, sent.start):
            return None
        lead = text[sent.start:np_start].rstrip()
        tail_from = ce if after_np is None else after_np.end
        if not self._adverbial_tail(tail_from, sent.end, form):
            return self._inserted(cue, sp, lead, tail_from, sent)
        s, e = _trim(text, sent.start, sent.start + len(lead))
        if len(text[s:e].split()) < 3:
            return None
        direct = self._first_person(s, e)
        return _Attr(s, e, direct, False, sp, (cs, ce), form="before")

    def _passive_by(self, cue: tuple[int, int, str], sent: Sentence) -> _Attr | None:
        """"The story was first reported by The Post": the subject is the content, the agent speaks."""
        text = self.text
        cs, ce, _ = cue
        m = _BY_AGENT.match(text, ce, sent.end)
        if not m:
            return None
        sp = self._np_after(m.end() - 1, sent.end)
        if sp is None:
            s0, e0 = _trim(text, m.end(), _np_after_re().match(text, m.end(), sent.end).end())
            if not 1 <= len(text[s0:e0].split()) <= 10:
                return None
            sp = Speaker(s0, e0, names.clean(text[s0:e0]), "unknown")
        # the subject: back from the auxiliary to the clause start
        k = cs
        for _ in range(4):
            j = _back_space(text, k, sent.start)
            k = max(sent.start, text.rfind(" ", sent.start, j) + 1)
            if text[k:j].lower() in self.w["passive"]:
                break
        else:
            return None
        for _ in range(3):  # "has been", "will not be"
            j = _back_space(text, k, sent.start)
            k2 = max(sent.start, text.rfind(" ", sent.start, j) + 1)
            if text[k2:j].lower() not in _AUX and text[k2:j].lower() not in self.w["skip"]:
                break
            k = k2
        lo = max(sent.start, k - 200)
        st = lo
        for b in _CLAUSE_OPEN.finditer(text, lo, k):
            st = b.end()
        s, e = _trim(text, st, k)
        if len(text[s:e].split()) < 2:
            return None
        return _Attr(s, e, False, False, sp, (cs, ce), form="object")

    def _inserted(self, cue: tuple[int, int, str], sp: Speaker, lead: str, tail_from: int,
                  sent: Sentence) -> _Attr | None:
        """"The museum, Mr. Bush said, celebrated ...": the sentence around an inserted attribution."""
        text = self.text
        m = _INSERT_TAIL.match(text, tail_from, sent.end)
        if not m or len(lead.split()) < 2 or not m.group(1).strip() == "" and \
                not m.group(1).strip().lower().startswith(_ADVERBIAL_STARTS):
            return None
        s1, e1 = _trim(text, sent.start, sent.start + len(lead))
        s2, e2 = _trim(text, m.end(), sent.end)
        e2 = _back_chars(text, e2, s2, ".!?")
        first = self.cues_between(s2, min(e2, s2 + 40))
        if e1 <= s1 or len(text[s2:e2].split()) < 2 or first and first[0][0] == s2 and \
                (first[0][2].endswith("ing") or first[0][2] in names.speech_verbs()):
            return None  # ", he said, adding that ...": a second attribution, not the sentence's rest
        direct = self._first_person(s1, e2)
        return _Attr(s1, e2, direct, False, sp, (cue[0], cue[1]), segments=[(s1, e1), (s2, e2)],
                     form="before")

    def _object_content(self, cue: tuple[int, int, str], sent: Sentence, plain: bool = False) -> _Attr | None:
        """"X called for a moratorium", "X criticized the plan": the object, up to a clause boundary.

        Notes: PolNeAR annotates the object of cues of evaluation and intention as the
        content of an attribution, not only clauses of speech.
        """
        text = self.text
        cs, ce, _form = cue
        m = _OBJ_START.match(text, ce, sent.end)
        if not m:
            return None
        k = max(sent.start, text.rfind(" ", sent.start, _back_space(text, cs, sent.start)) + 1)
        if text[k:cs].strip().lower() in _DETS | _DEMONSTRATIVES | _QUANTIFIERS | {"to"}:
            # "the proposed rules", "his planned visit": an adjective, not a cue; "met on
            # Thursday to discuss ...": a purpose, not a statement
            return None
        s = m.end()
        mw = _WORD.match(text, s)
        if mw and (mw.group().lower() in _PARTICLES or plain and mw.group().lower() in _NOT_OBJECT | {"to"}):
            # "called in to a show", "backed out": a phrasal verb, no content; a verb of thought
            # ("plain") takes a noun phrase, not "to a request for comment"
            return None
        end = min(sent.end, s + _REACH)
        st = _OBJ_STOP.search(text, s, end)
        s, e = _trim(text, s, st.start() if st else end)
        e = _back_chars(text, e, s, ".!?")
        if e <= s or not text[s].isalnum() and text[s] not in "\"“‘'$":
            return None
        sp = self._subject(cue, sent)
        if sp is False:
            return None
        if sp is None:
            sp = self._generic_np(cs, sent.start)
        if sp is None or sp.type == "pronoun" and sp.pronoun == "you":
            return None  # "would you vote for her?": the reader, asked, is no source
        return _Attr(s, e, False, False, sp, (cs, ce), form="object")

    def _adverbial_tail(self, s: int, e: int, form: str) -> bool:
        """Only adverbials (and an "according to" or participle cue) follow the verb."""
        tail = self.text[s:e].strip()
        tail = tail.rstrip(".!?\"”’").strip()
        if not tail:
            return True
        cut = _TAIL_CUT.search(tail)
        if cut:
            tail = tail[:cut.start()].strip()
        if not tail:
            return True
        lw = tail.lower()
        if "that" in lw.split():
            return False
        # "..., Peskov told reporters." - the hearer after a verb that takes one
        return lw.startswith(_ADVERBIAL_STARTS) or (form in _object_verbs() and len(lw.split()) <= 4)

    def _clause_after(self, ce: int, form: str, cls: str | None, sent: Sentence) -> tuple[int, int] | None:
        text = self.text
        end = min(sent.end, ce + _REACH)
        takes_object = form in _object_verbs()
        # "that" within a few words: adverbials or (after "told") an object between
        mt = _THAT_AHEAD.match(text, ce, end)
        start = None
        if mt:
            between = mt.group(1).split()
            if not between or between[0].lower() in _ADVERBIAL_STARTS or (takes_object and len(between) <= 4):
                start = mt.end()
        if start is None and cls == "bare":
            before_cue = text[max(sent.start, ce - len(form) - 3):ce - len(form)].rstrip()
            if before_cue.endswith(("”", '"', "’", "'")):
                return None  # “...,” said Name: the words after the verb are its speaker
            p = ce
            if takes_object:
                mo = _TOLD_OBJECT.match(text, p, end)
                if not mo:
                    return None
                p = mo.end()
            mw = _NEXT_WORD.match(text, p, end)
            if not mw:
                return None
            w0 = mw.group(1)
            if not self._bare_clause_start(w0):
                return None
            start = mw.start(1)
        if start is None:
            return None
        # the clause ends at the sentence end, a participle cue, "but/and <cue>", ";" or "according to":
        # at the first cue from ``start`` that stops a clause. Only a cue within six characters of
        # ``start`` reads less than its own six (read here); any later one is in the index.
        stop = end
        cues, n = self.cues, len(self.cues)
        i = bisect.bisect_left(self.cue_starts, start)
        while i < n and cues[i][0] < min(end, start + 6):
            c = cues[i]
            if c[1] <= end:
                at = self._cue_stop(c, max(start, c[0] - 6))
                if at is not None:
                    stop = at
                    break
            i += 1
        else:
            k = self.next_stop[i] if i < n else n
            if k < n and cues[k][0] < end and cues[k][1] <= end:
                stop = self.stop_at[k]
        semi = text.find(";", start, stop)
        if semi >= 0:
            stop = semi
        s, e = _trim(text, start, stop)
        e = _back_chars(text, e, s, ".!?")
        if e - s < 3 or len(text[s:e].split(None, 2)) < 2:  # two words, without splitting them all
            return None
        return s, e

    def _bare_clause_start(self, w0: str) -> bool:
        """Whether the words after a bare cue are its reported clause ("said he began ...",
        "said the two raised ...") rather than an adverbial ("said on Tuesday")."""
        low = w0.lower()
        if low in self.w["finite"] or low.endswith("ed"):
            return False  # "which agencies said lasted ...": the clause's subject is the relative pronoun
        if low in self.w["pronouns"] and low != "it" or low == "there":
            return True  # "said he began": a subject pronoun opens a clause
        # any other object that is no adverbial ("has said the same thing"): PolNeAR takes the
        # object of a bare cue as its content, clause or not
        return low not in _ADVERBIAL_STARTS and low not in _NOT_OBJECT and w0[:1].isalnum()

    def _according(self, cue: tuple[int, int, str], sent: Sentence) -> _Attr | None:
        text = self.text
        cs, ce, _ = cue
        sp = self._np_after(ce, sent.end)
        if sp is None:
            # "according to a new poll", "according to exit polls": an unnamed source, by its span
            m = _BLANKS.match(text, ce)
            if not m:
                return None
            s0 = m.end()
            s0, e0 = _trim(text, s0, _np_after_re().match(text, s0, sent.end).end())
            if not 1 <= len(text[s0:e0].split()) <= 14 or not text[s0:s0 + 1].isalnum():
                return None
            sp = Speaker(s0, e0, names.clean(text[s0:e0]), "unknown")
        lead = text[sent.start:cs].strip()
        if not lead:
            # "According to Lavrov, these ..." → the rest of the sentence
            m = _TO_COMMA.match(text, ce)
            if not m:
                return None
            s, e = _trim(text, m.end(), sent.end)
        elif lead.endswith(","):
            # "..., according to X." with no other attribution in the sentence
            others = [c for c in self.cues_between(max(sent.start, cs - _REACH), cs)
                      if names.speech_verbs().get(c[2]) in ("bare", "that")]
            if others:
                return None
            s, e = _trim(text, sent.start, sent.start + len(text[sent.start:cs].rstrip()))
        else:
            return None
        e = _back_chars(text, e, s, ".!?")
        if len(text[s:e].split()) < 3:
            return None
        return _Attr(s, e, False, False, sp, (cs, ce), form="according")

    def _first_person(self, s: int, e: int) -> bool:
        first = self.w["first"]
        for w in self.text[s:e].split():
            w = w.strip(",.;:!?\"”’“()")
            if w.lower() in first and (w == "I" or not w.isupper()):
                return True
        return False

    def _labelled(self) -> list[_Attr]:
        """"PENCE: Well, look, ..." (a transcript) and "Poll: Clinton leads" (a headline): a
        paragraph opened by a short capitalised label and a colon is the label's statement."""
        text = self.text
        out = []
        for ps, pe, _ in self.blocks:
            m = _LABEL.match(text, ps, pe)
            if not m or m.group(1).lower() in _cue_lexicon()[2]:
                continue
            s, e = _trim(text, m.end(), pe)
            e = _back_chars(text, e, s, ".!?\"”")
            if len(text[s:e].split()) < 3:
                continue
            ls, le = m.span(1)
            sp = self._resolve_np(ls, le, ls) or Speaker(ls, le, names.clean(text[ls:le]), "unknown")
            out.append(_Attr(s, e, False, False, sp, (le, le + 1), form="label"))
        return out

    @staticmethod
    def _loose_outside(loose: list[_Attr], firm: list[_Attr], direct: list[_Attr]) -> list[_Attr]:
        """Object-cue attributions that neither sit inside a firmer one nor overlap a quote.

        "She added that Europe would keep supporting Kyiv" is one attribution, not two;
        "called the talks “very useful”" is the quote's. O(n log n): sorted spans with
        prefix maxima of their ends.

        Notes: PolNeAR's univocal annotation (a token has one role in one attribution).
        """
        def index(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
            spans.sort()
            return [a for a, _ in spans], list(itertools.accumulate((b for _, b in spans), max))

        f_starts, f_reach = index([(a.start, a.end) for a in firm])
        d_starts, d_reach = index([(a.start, a.end) for a in direct])
        out = []
        for a in loose:
            cue = a.cue[0] if a.cue else a.start
            k = bisect.bisect_right(f_starts, cue) - 1
            if k >= 0 and f_reach[k] > cue:
                continue
            k = bisect.bisect_left(d_starts, a.end) - 1
            if k >= 0 and d_reach[k] > a.start:
                continue
            out.append(a)
        return out
