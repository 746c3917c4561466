"""Who speaks: the speaker phrase of a cue and what it refers to.

A cue's speaker is read before it ("Lavrov said"), after it ("said the
ministry"), from the clause subject for participles and conjunctions, or as an
unnamed source cited by its span ("a new poll"); it is then resolved to an
entity (a name, a role's holder, an institution, the body a spokesman speaks
for), and pronoun speakers to the latest compatible speaker. Every attribution
form, with or without quote marks, reads speakers the same way, so the reading
lives here, mixed into ``quotes._Extractor``, apart from the forms.
"""

from __future__ import annotations

import bisect
import re

from ..model import Sentence
from . import names
from .entities import Entity, EntityIndex, Mention, _is_place, _lower, _unposs, title_gender
from .quote_cues import (_AUX, _DEMONSTRATIVES, _DETS, _boundary_re, _np_after_re, _proxy_before_re,
                         _title_of_before_re)
from .quote_spans import _BLANKS, _REACH, _WORD, Speaker, _Attr, _back_space, _trim

_POSS = re.compile(r"['’]s$")
_INITIAL = re.compile(r"[A-Z]\.")
# an institution's initials, with or without an article ("the FAA", "USGS", "NATO's")
_ACRONYM = re.compile(r"(?:(?:the|The)\s+)?([A-Z]{2,6})(?:['’]s)?")
_DEFINITE = re.compile(r"(?i)the\b")
# ``Speaker.pronoun`` of a definite description ("the airline") awaiting its antecedent
_DESCRIPTION = "<description>"
_WEEKDAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))


def _after_last_boundary(text: str, w0: int, e: int) -> int:
    """Where a speaker phrase ending at ``e`` starts: after the last boundary in [w0, e), else ``w0``."""
    s = w0
    for b in _boundary_re().finditer(text, w0, e):
        s = b.end()
    return s


class _Speakers:
    """Speaker reading and resolution; ``quotes._Extractor`` provides the state and the lookups
    (``cues_between``, ``block_at``, ``_in_quote``)."""

    text: str
    idx: EntityIndex
    verbs: dict[str, str]
    w: dict
    _subjects: dict[int, list]

    def _resolve_np(self, s: int, e: int, before: int) -> Speaker | None:
        """The speaker denoted by text[s:e] (a pronoun, a name, a role, an institution)."""
        text = self.text
        s, e = _trim(text, s, e)
        if e <= s:
            return None
        raw = text[s:e]
        low = raw.lower()
        if low in self.w["pronouns"]:
            return Speaker(s, e, raw, "pronoun", pronoun=low)
        # a mention covering the phrase (title and article allowed before it)
        m = self.idx.mention_ending_at(e)
        if m is not None and m.full_start >= s - 1:
            head = text[s:m.full_start].strip()
            if not head or head.lower() in _DETS:
                return self._from_mention(m, s if head else m.full_start, e)
        ma = _ACRONYM.fullmatch(raw)
        if ma and ma.group(1).lower() not in self.w["pronouns"]:
            # "the FAA said": an institution by its initials, named as spelt out earlier
            return Speaker(s, e, names.clean(raw), "organisation", self._expand(ma.group(1)), None)

        words = [(x.start(), x.group()) for x in _WORD.finditer(text, s, e)]
        if not words or len(words) > 14:
            return None
        # lower-case descriptors before a name ("union leader Piet Bakker"): the name speaks
        n_cap = 0
        while n_cap < len(words) and words[-1 - n_cap][1][:1].isupper():
            n_cap += 1
        lead = words[:len(words) - n_cap]
        if 2 <= n_cap <= 4 and 1 <= len(lead) <= 3 and all(w.isalpha() and w.islower() for _, w in lead):
            tail = words[len(words) - n_cap:]
            sp = self._bare_name(tail, tail[0][0], e)
            if sp is not None:
                return Speaker(s, e, names.clean(raw), "person", sp.name,
                               names.clean(text[s:tail[0][0]]), sp.entity)
        if 2 <= len(words) <= 5 and _ACRONYM.fullmatch(words[-1][1]) and \
                all(w.islower() or names.place_key(w) for _, w in words[:-1]):
            # "Dutch national carrier KLM": descriptors before an institution's initials
            acr = _ACRONYM.fullmatch(words[-1][1]).group(1)
            return Speaker(s, e, names.clean(raw), "organisation", self._expand(acr), None)
        lw = [_POSS.sub("", w).lower() for _, w in words]
        # the head stands before a complement ("a spokesman for the State Department")
        comp = len(lw)
        for i, w in enumerate(lw):
            if i > 0 and w in ("for", "of", "at", "in", "from", "with", "to", "close"):
                comp = i
                break
        head_words = lw[:comp]
        if not head_words:
            return None
        tt = names.title_tuples()
        k_title = 0
        for k in range(min(names.title_max_len(), len(head_words)), 0, -1):
            if tuple(head_words[-k:]) in tt:
                k_title = k
                break
        k_org = 0
        ot = names.org_tuples()
        for k in range(min(4, len(head_words)), 0, -1):
            if tuple(head_words[-k:]) in ot:
                k_org = k
                break
        first = 1 if head_words[0] in _DETS else 0
        if first >= len(head_words):
            return None
        mods = head_words[first:len(head_words) - max(k_title, k_org)]
        # modifiers must look like modifiers: capitalised words or "senior", "state-run", ...
        role_mods = self.w["role_mods"]
        for (_, w), lwd in zip(words[first:first + len(mods)], mods):
            if not (w[:1].isupper() or lwd in role_mods or lwd in names.NAME_PARTICLES):
                return None
        np_start = words[first][0]
        phrase = names.clean(text[np_start:e])
        inner = [mm for mm in self.idx.mentions_in(s, e)]
        org_inner = [mm for mm in inner if mm.type == "organisation"]
        if k_title:
            title = names.title_tuples()[tuple(head_words[-k_title:])]
            head_end = words[comp - 1][0] + len(words[comp - 1][1])
            role = names.clean(text[np_start:head_end] if comp == len(lw) else text[np_start:e])
            if title in self.w["proxy"] and org_inner:
                org = self.idx.entity(org_inner[-1])
                return Speaker(s, e, names.clean(raw), "organisation", org.name, title, org)
            persons = [mm for mm in inner if mm.type == "person"]
            if persons and comp < len(lw) and " " not in self.idx.entity(persons[-1]).name \
                    and persons[-1].start > words[comp][0]:
                # "the CEO of software company Northwind": a one-word name in the complement
                # is the body the title holder works for, not the speaker
                persons = []
            if persons:
                return self._from_mention(persons[-1], s, e)
            holder = self.idx.holder_of(names.clean(text[np_start:head_end]), before)
            if holder is not None:
                return Speaker(s, e, names.clean(raw), "role", holder.name, role, holder)
            return Speaker(s, e, names.clean(raw), "role", role, role)
        if k_org:
            if org_inner:
                org = self.idx.entity(org_inner[-1])
                return Speaker(s, e, names.clean(raw), "organisation", org.name, None, org)
            head = " ".join(head_words[-k_org:])
            if not mods and head in names.org_heads():
                ent = self.idx.org_by_head(head, before) or self.idx.org_by_head(head, len(text) + 1)
                if ent is not None:
                    return Speaker(s, e, names.clean(raw), "organisation", ent.name, None, ent)
                if first and head_words[0] == "the" and comp == len(lw):
                    # "the airline said", "the company said": a definite description of a body
                    # named before; ``_resolve_pronouns`` finds it like a pronoun's antecedent
                    return Speaker(s, e, names.clean(raw), "organisation", None, None,
                                   pronoun=_DESCRIPTION)
            return Speaker(s, e, names.clean(raw), "organisation", names.canonical_org(phrase), None)
        if len(inner) == 1 and inner[0].type == "organisation" and inner[0].end == e:
            return self._from_mention(inner[0], s, e)
        return self._bare_name(words, s, e)

    def _expand(self, acr: str) -> str:
        """The words an acronym stands for where the text spells them out ("Federal Aviation
        Administration (FAA)", "Ministry of Health (MoH)"), else the acronym; cached per document."""
        cache = self.__dict__.setdefault("_acronyms", {})
        if acr not in cache:
            name = acr
            i = self.text.find("(" + acr + ")")
            if i > 0:
                words = self.text[max(0, i - 120):i].split()
                left = list(acr)
                j = len(words)
                while left and j > 0:
                    w = words[j - 1]
                    if w[:1].isupper() and w[0] == left[-1]:
                        left.pop()
                    elif w not in ("of", "and", "for", "on", "the", "&"):
                        break
                    j -= 1
                if not left:
                    name = " ".join(words[j:]).strip(",;:")
            cache[acr] = name
        return cache[acr]

    def _bare_name(self, words: list[tuple[int, str]], s: int, e: int) -> Speaker | None:
        """A capitalised name the entity pass did not keep ("Macron said"): a person as written."""
        toks = [w for _, w in words]
        if not 1 <= len(toks) <= 4 or words[0][0] != s:
            return None
        nn = self.w["not_name"]
        for i, t in enumerate(toks):
            if 0 < i < len(toks) - 1 and t in names.NAME_PARTICLES:
                continue  # "Anna de Vries"
            if 0 < i < len(toks) - 1 and _INITIAL.fullmatch(t):
                continue  # "Ronald R. Fieldstone"
            if not t[:1].isupper() or t.lower() in nn or (t.isupper() and len(t) > 1) or "." in t[1:-1]:
                return None
        if _is_place(toks) or any(_lower(t) in names.org_names() for t in toks):
            return None
        name = " ".join(_unposs(t) for t in toks)
        return Speaker(s, e, names.clean(self.text[s:e]), "person", name, None)

    def _from_mention(self, m: Mention, s: int, e: int) -> Speaker:
        ent = self.idx.entity(m)
        if m.type == "organisation":
            # "a spokesman for the US State Department": the spokesman speaks for the body
            pre = self.text[max(0, s - 60):s]
            pm = _proxy_before_re().search(pre)
            if pm:
                s2 = s - len(pre) + pm.start()
                return Speaker(s2, e, names.clean(self.text[s2:e]), "organisation", ent.name,
                               pm.group(1).lower(), ent)
            start = min(s, m.full_start)
            return Speaker(start, e, names.clean(self.text[start:e]), "organisation", ent.name, None, ent)
        return Speaker(m.full_start, m.end, names.clean(self.text[m.full_start:m.end]), "person",
                       ent.name, m.title, ent)

    def _np_before(self, pos: int, lo: int) -> Speaker | None | bool:
        """Speaker phrase ending just before a cue at ``pos``; False when the cue is passive."""
        text = self.text
        e = pos
        mw = _WORD.match(text, pos)
        progressive = bool(mw and mw.group().endswith("ing"))  # "is promoting": not a passive
        # drop adverbs/auxiliaries between the speaker and the verb ("has also said", "on Tuesday said")
        for _ in range(4):
            j = _back_space(text, e, lo)
            k = max(lo, text.rfind(" ", lo, j) + 1)
            lw = text[k:j].lower()
            if lw in self.w["passive"] and progressive and lw not in ("been", "being", "get", "got"):
                e = k
                continue
            if lw in self.w["passive"]:
                return False
            if lw in self.w["skip"]:
                e = k
                continue
            if lw in _WEEKDAYS:
                j2 = _back_space(text, k, lo)
                k2 = max(lo, text.rfind(" ", lo, j2) + 1)
                if text[k2:j2].lower() in ("on", "late", "early"):
                    e = k2
                    continue
            break
        e = _back_space(text, e, lo)
        if e <= lo:
            return None
        if text[e - 1] == ")":
            # "Rep. Jane Doe (D-Md.) said": the party and state tag stands between name and verb
            o = text.rfind("(", max(lo, e - 40), e)
            if o > lo:
                ma = _ACRONYM.fullmatch(text[o + 1:e - 1])
                if ma and self._expand(ma.group(1)) != ma.group(1):
                    # "The National Weather Service (NWS) said": the body its initials spell out
                    s0 = o - len(self._expand(ma.group(1))) - 1
                    s0 = text.find(self._expand(ma.group(1)), max(lo, s0 - 2), o)
                    if s0 >= lo:
                        return Speaker(s0, e, names.clean(text[s0:e]), "organisation",
                                       self._expand(ma.group(1)), None)
                e = _back_space(text, o, lo)
        # a mention (with appositive) ending here
        m = self.idx.mention_ending_at(e)
        if m is not None and m.full_start >= lo:
            if m.type == "organisation" or self.idx.entity(m).type == "organisation" or \
                    " " not in self.idx.entity(m).name:
                # "the CEO of cybersecurity company CrowdStrike said": the title holder speaks
                pre = text[max(lo, m.full_start - 80):m.full_start]
                tm = _title_of_before_re().search(pre)
                if tm:
                    sp = self._resolve_np(m.full_start - len(pre) + tm.start(), m.end, pos)
                    if sp is not None and sp.type in ("person", "role"):
                        return sp
            return self._from_mention(m, m.full_start, m.end)
        k = max(lo, text.rfind(" ", lo, e) + 1)
        if text[k:e].lower() in self.w["pronouns"]:
            return Speaker(k, e, text[k:e], "pronoun", pronoun=text[k:e].lower())
        if text[k:e].lower() in ("who", "which"):
            # "Trump, who said he ...": the relative pronoun is the mention, its antecedent the name
            j = _back_space(text, k, lo)
            ante = self._np_before(j - 1, lo) if j > lo and text[j - 1] == "," else None
            if isinstance(ante, Speaker):
                return Speaker(k, e, text[k:e], ante.type, ante.name, ante.role, ante.entity, ante.pronoun)
            return Speaker(k, e, text[k:e], "unknown")
        if text[e - 1] == ",":
            # "Putin, who spoke by phone with Trump, said": skip a comma-bracketed insertion
            c = text.rfind(",", max(lo, e - 200), e - 1)
            inner = text[c + 1:e - 1]
            if c > lo and len(inner.split()) <= 16 and not any(ch in inner for ch in "“”\"") \
                    and not self.cues_between(c, e):
                m = self.idx.mention_ending_at(_back_space(text, c, lo))
                if m is not None and m.full_start >= lo:
                    return self._from_mention(m, m.full_start, m.end)
                sp = self._np_before(c, lo) if inner.strip() else None
                if sp:
                    return sp
        # otherwise the phrase back to the last boundary
        w0 = max(lo, e - 160)
        s = _after_last_boundary(text, w0, e)
        if s == w0 and w0 > lo:
            return None
        if s >= e or len(text[s:e].split()) > 14:
            return None
        return self._resolve_np(s, e, pos)

    def _np_after(self, pos: int, limit: int) -> Speaker | None:
        """Speaker phrase right after a cue ("said Lavrov", "said the ministry")."""
        text = self.text
        m = _BLANKS.match(text, pos)
        if not m:
            return None
        s = m.end()
        e = _np_after_re().match(text, s, limit).end()
        sp = self._resolve_np(s, e, pos)
        if sp is None:
            # "says analyst John Doe of the Carnegie Endowment": the name that opens the phrase
            mm = self.idx.mention_starting_at(s)
            if mm is not None and mm.end <= e:
                return self._from_mention(mm, mm.full_start, mm.end)
            sp = self._name_in_phrase(s, e)
        return sp

    def _name_in_phrase(self, s: int, e: int) -> Speaker | None:
        """The name a short descriptor phrase holds: "MSNBC host Chris Matthews", "9/11 widow
        Terry Strada", "Cameron Easley for Morning Consult", "Rep. Jim Jordan (R-Ohio)"."""
        text = self.text
        words = [(x.start(), x.group()) for x in _WORD.finditer(text, s, e)]
        if not words or len(words) > 10 or words[0][1].lower() in _DETS:
            return None  # "the Daily Ledger" names a body, not a person
        # the first run of two to four capitalised words (initials allowed) after at most
        # three descriptors, stopping at the first lower-case word after it
        nn = self.w["not_name"]
        for i in range(min(4, len(words))):
            if words[i][1].endswith("."):
                continue  # a title ("Rep.", "Dr.") opens no name
            j = i
            while j < len(words) and words[j][1][:1].isupper() and words[j][1].lower() not in nn:
                j += 1
            for k in range(min(j, i + 4), i + 1, -1):  # longest first: "Jim Jordan R-Ohio", "Jim Jordan"
                sp = self._bare_name(words[i:k], words[i][0], words[k - 1][0] + len(words[k - 1][1]))
                if sp is not None:
                    return sp
        return None

    def _subject(self, cue: tuple[int, int, str], sent: Sentence, depth: int = 0) -> Speaker | None | bool:
        """Speaker of a cue: its subject, or the clause subject for participles and conjunctions."""
        cs, ce, form = cue
        if self.verbs.get(form) == "source":
            return self._np_after(ce, sent.end)
        sp = self._np_before(cs, sent.start)
        if sp is False or sp is not None:
            return sp
        prev_word = self.text[max(sent.start, cs - 12):cs].strip().lower()
        if not form.endswith("ing") and (prev_word.endswith(("”", '"', "’", "'")) or not prev_word):
            # “...,” said Peskov: the speaker follows the verb
            return self._np_after(ce, sent.end)
        if form.endswith("ing") or prev_word.endswith(("but", "and", ",")):
            narrow = names.speech_verbs()  # a verb of thought or intention in between is no speech cue
            earlier = [c for c in self.cues_between(max(sent.start, cs - _REACH), cs)
                       if narrow.get(c[2]) not in (None, "source") and not self._in_quote(c[0])]
            if earlier and depth < 4:
                return self._subject(earlier[-1], sent, depth + 1)
            return self._sentence_subject(sent, cs)
        return None

    def _subject_mentions(self, sent: Sentence) -> list:
        """The mentions of a sentence that can be its subject: at its start, or after a comma
        within its first 14 words. Found once per sentence: a run-on sentence of cues does not
        scan (and copy) everything before each of them."""
        got = self._subjects.get(sent.start)
        if got is not None:
            return got
        text = self.text
        ms = self.idx.mentions
        got = []
        for i in range(bisect.bisect_left(self.idx.starts, sent.start), len(ms)):
            m = ms[i]
            if m.start >= sent.end:
                break
            e = _back_space(text, m.full_start, sent.start)  # the end of text[sent.start:full_start].rstrip()
            if e <= sent.start:
                got.append(m)
            elif text[e - 1] == ",":
                # more than 14 words before it? (read from a bounded window unless blanks fill it)
                w = min(e, sent.start + 400)
                n = len(text[sent.start:w].split(None, 14))
                if n <= 14 and w < e:
                    n = len(text[sent.start:e].split(None, 14))
                if n <= 14:
                    got.append(m)
        self._subjects[sent.start] = got
        return got

    def _sentence_subject(self, sent: Sentence, before: int) -> Speaker | None:
        text = self.text
        for m in self._subject_mentions(sent):  # the first in mentions_in(sent.start, before)
            if m.start >= before:
                break
            if m.end <= before:
                return self._from_mention(m, m.full_start, m.end)
        mw = _WORD.match(text, sent.start)
        if mw and mw.group().lower() in self.w["pronouns"]:
            return Speaker(mw.start(), mw.end(), mw.group(), "pronoun", pronoun=mw.group().lower())
        return None

    def _generic_np(self, pos: int, lo: int) -> Speaker | None:
        """The phrase before a cue that no name, role or institution reading covers ("a new
        poll", "data from the survey"): an unnamed source, cited by its span only."""
        text = self.text
        e = _back_space(text, pos, lo)
        if text[max(lo, e - 3):e] in (" to", "\tto") or text[lo:e] == "to":
            return None  # "met on Thursday to discuss ...": a purpose clause has no subject of its own
        skipped = False
        for _ in range(4):
            k = max(lo, text.rfind(" ", lo, e) + 1)
            lw = text[k:e].lower()
            if lw in self.w["skip"] or lw in _AUX or lw.endswith(("ly", "n't", "n’t")):
                e = _back_space(text, k, lo)
                skipped = True
                continue
            break
        if e <= lo:
            return None
        if text[k:e].lower() in self.w["passive"]:
            return None
        if skipped:
            # "Lavrov did not want": the named reading past the auxiliaries
            sp = self._np_before(e, lo)
            if sp:
                return sp
        w0 = max(lo, e - 120)
        s = _after_last_boundary(text, w0, e)
        s, e = _trim(text, s, e)
        words = text[s:e].split()
        last = words[-1].lower() if words else ""
        if not 1 <= len(words) <= 8 or not last[:1].isalpha() or last in _DETS | _DEMONSTRATIVES:
            return None
        return Speaker(s, e, names.clean(text[s:e]), "unknown")

    def _resolve_pronouns(self, attrs: list[_Attr]) -> None:
        """Give each pronoun speaker the most recent compatible speaker, else person mention."""
        genders: dict[tuple, str | None] = {("e", ent.id): ent.gender for ent in self.idx.entities}
        events: list[tuple[int, tuple, str, Entity | None, str]] = []
        pdata = self.w["pronouns"]
        for a in sorted(attrs, key=lambda a: a.speaker.start if a.speaker else a.start):
            sp = a.speaker
            if sp is None:
                continue
            if sp.type == "organisation" and sp.pronoun == _DESCRIPTION:
                ref = self._antecedent(sp.start, None, False, True, events, genders, body=True)
                if ref is not None:
                    sp.entity, sp.name = ref[2], ref[1]
                else:
                    sp.name = names.canonical_org(sp.text)
                sp.pronoun = None
            elif sp.type == "pronoun" and sp.name is None:
                info = pdata.get(sp.pronoun or "", {})
                want = info.get("gender")
                ref = self._antecedent(sp.start, want, info.get("person", True), info.get("org", False),
                                       events, genders)
                if ref is not None:
                    key, name, ent, _kind = ref
                    sp.entity, sp.name = ent, name
                    if want and genders.get(key) is None:
                        genders[key] = want
            if sp.name is not None and sp.type != "pronoun" or sp.entity is not None:
                ent = sp.entity
                kind = ent.type if ent is not None else ("organisation" if sp.type == "organisation"
                                                         else "person")
                key = ("e", ent.id) if ent is not None else ("n", sp.name)
                if key not in genders and sp.role:
                    genders[key] = title_gender(sp.role)
                events.append((sp.start, key, sp.name or "", ent, kind))

    def _resolve_delayed_roles(self, attrs: list[_Attr]) -> None:
        """A title no named holder precedes ("The CEO of Northwind said ...") names the person
        who speaks next, by name, within two paragraphs ("..., Anna Berg said"), when that
        person bears no other title.

        Notes: the delayed identification of news ledes (AP style: a lede gives the role, the
        next paragraph the name)."""
        order = sorted((a for a in attrs if a.speaker is not None), key=lambda a: a.speaker.start)
        for i, a in enumerate(order):
            sp = a.speaker
            if sp.type != "role" or sp.entity is not None or not sp.role or not _DEFINITE.match(sp.text or ""):
                continue  # "a spokesman said": an unnamed source, never the next person named
            title_words = set(sp.role.lower().split())
            bi = self.block_at(sp.start)
            for b in order[i + 1:]:
                other = b.speaker
                if self.block_at(other.start) > bi + 2:
                    break
                if other.type != "person" or other.entity is None or " " not in (other.name or ""):
                    continue
                titles = other.entity.titles
                if not titles or any(t.lower().split()[-1] in title_words for t in titles):
                    sp.name, sp.entity, sp.type = other.name, other.entity, "person"
                break

    def _antecedent(self, pos: int, gender, person: bool, org: bool, events, genders, body: bool = False):
        """The latest compatible speaker before ``pos``, else person mention. A ``body`` (the
        antecedent of "the airline") may be a one-word name the entity pass typed as a person
        ("Delta said"): people are introduced by full name, bodies by one word."""
        def ok(key: tuple, kind: str, name: str = "") -> bool:
            if body and kind == "person" and name and " " not in name and \
                    not (key[0] == "e" and self.idx.entities[key[1]].titles):
                return True
            if kind == "person" and not person or kind == "organisation" and not org:
                return False
            g = genders.get(key)
            return not gender or g is None or g == gender

        bi = self.block_at(pos)
        for p, key, name, ent, kind in reversed(events):
            if p >= pos:
                continue
            if self.block_at(p) < bi - 3:
                break  # events are in text order: every earlier one is further back still
            if ok(key, kind, name):
                return key, name, ent, kind
        # no earlier speaker: a person mention, one whose gender is known to match first
        near = None
        for i in range(bisect.bisect_left(self.idx.starts, pos) - 1, -1, -1):
            m = self.idx.mentions[i]
            ent = self.idx.entity(m)
            key = ("e", ent.id)
            if (near is not None or body) and self.block_at(m.start) < bi - 2:
                break  # a body is named near its description: no scan back through the document
            if not ok(key, ent.type, ent.name):
                continue
            if not gender or genders.get(key) == gender:
                return key, ent.name, ent, ent.type  # nearest, or nearest known to match the gender
            if near is None:
                near = (key, ent.name, ent, ent.type)
        return near
