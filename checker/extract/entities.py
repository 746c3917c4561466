"""People and organisations named in a source (kind "entity").

A news story is told through who said what; comparing sources needs to know
that "Russian Foreign Minister Sergey Lavrov", "Sergei Lavrov" and "Lavrov"
are one person and that "the U.S. State Department" and "State Department"
are one institution. This module finds capitalised name runs, reads titles
before the name ("Kremlin spokesman Dmitry Peskov"), inside it ("U.S.
Secretary of State Marco Rubio") or in an appositive ("Valentina Matvienko,
speaker of ..."), and links mentions into entities: a full name by its
transliteration-folded key, a bare surname to the most recent full name with
that surname (never merging two first names), an institution to the fuller
name it shortens. Places are left out (``data/places.json``).

``analyse(doc)`` returns the mention-level index the quote extractor uses to
resolve speakers; ``extract`` returns one record per entity.

Notes: title-before-name and appositive patterns follow AP style for titles;
surname linking follows the news convention of full name on first reference,
surname afterwards (AP Stylebook, "names"). A name with no title, no
speech verb and no other supporting mention is not reported.
"""

from __future__ import annotations

import bisect
import re
import weakref
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ..model import Document, Sentence
from . import names
from .base import Record


def _upper_class() -> str:
    extra = "".join(chr(c) for c in range(0xC0, 0x250) if chr(c).isupper())
    return "A-Z" + extra


_UP = _upper_class()
_TOKEN = (
    rf"(?:[{_UP}]\.(?:[{_UP}]\.)+(?:-[{_UP}][\w'’]*)?"  # U.S., U.S.-Russia
    r"|(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Prof|St|Jr)\."
    rf"|[{_UP}]\.(?= [{_UP}])"  # middle initial
    rf"|[{_UP}][\w'’]*(?:-[\w'’]+){{0,3}}(?:\.[{_UP}][a-z]+)?)"
)
_CONNECTORS = ("of", "for", "to", "and", "the", "de", "da", "del", "der", "van", "von", "bin", "ibn", "arap", "al",
               "la", "le", "du")
_NON_PARTICLES = frozenset(("of", "for", "to", "and", "the"))
_RUN = re.compile(
    rf"(?<![\w'’]){_TOKEN}(?:(?: (?:{'|'.join(_CONNECTORS)})){{0,2}} {_TOKEN}){{0,9}}")
_PIECE = re.compile(r"\S+")
_POSS = re.compile(r"(?:['’]s|(?<=s)['’])$")
_WORD_BEFORE = re.compile(r"[\w'’.-]+")
_DELIMS = ",.;:()\n\"“”"
_MOD_BEFORE = re.compile(r"(?:^|[\s(])([a-z]+)(?:-| )$")
_CLAUSE_CHARS = re.compile(r"[^,.;:()\n\"“”]*")
_PREPS = frozenset(("to", "for", "of", "in", "at", "on"))
_LOWER_MODS = frozenset(("former", "then", "acting", "new", "newly", "appointed", "newly-appointed",
                         "current", "outgoing", "incoming", "top", "senior", "interim", "deputy",
                         "first", "chief", "the", "state-run", "state", "late", "ex"))


@dataclass(slots=True)
class Mention:
    """One mention of a name: ``start``/``end`` cover the name as written (no title)."""

    start: int
    end: int
    text: str
    type: str  # "person" | "organisation"
    tokens: tuple[str, ...]
    title: str | None = None
    full_start: int = -1  # start of the title/modifiers before the name, else ``start``
    ext_end: int = -1  # end of a following appositive (after its closing comma), else ``end``
    strong: bool = False
    entity: int = -1


@dataclass
class Entity:
    id: int
    type: str
    name: str
    key: str
    tokens: tuple[str, ...] = ()
    aliases: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    gender: str | None = None

    def value(self) -> dict:
        return {"name": self.name, "type": self.type, "aliases": sorted(self.aliases),
                "titles": sorted(self.titles), "mentions": len(self.mentions), "key": self.key}


@dataclass
class EntityIndex:
    """Entities of one document and their mentions, in text order."""

    entities: list[Entity]
    mentions: list[Mention]
    by_end: dict[int, Mention]
    by_start: dict[int, Mention]
    starts: list[int] = field(default_factory=list)
    # entity id -> sorted starts of its mentions (built on first use by holder_of)
    _mention_starts: dict[int, list[int]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.starts = [m.start for m in self.mentions]

    def entity(self, m: Mention) -> Entity:
        return self.entities[m.entity]

    def mention_ending_at(self, end: int) -> Mention | None:
        return self.by_end.get(end)

    def mention_starting_at(self, start: int) -> Mention | None:
        return self.by_start.get(start)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions lying inside ``[start, end)``, in text order."""
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def holder_of(self, role: str, before: int) -> Entity | None:
        """The person whose titles end with ``role`` (modifiers compared): latest before, else first."""
        words = names.clean(role).lower().split()
        place = None
        core = words
        for i, w in enumerate(words):
            if names.place_key(w):
                place = names.place_key(w)
                core = words[i + 1:]
        core_s = " ".join(core)
        if not core_s:
            return None
        best: Entity | None = None
        best_pos = -1
        for ent in self.entities:
            if ent.type != "person":
                continue
            ok = False
            for t in ent.titles:
                tl = t.lower()
                if tl == core_s or tl.endswith(" " + core_s):
                    tplace = next((names.place_key(w) for w in tl.split() if names.place_key(w)), None)
                    if place is None or tplace is None or tplace == place:
                        ok = True
            if not ok:
                continue
            starts = self._mention_starts.get(ent.id)
            if starts is None:
                starts = self._mention_starts[ent.id] = sorted(m.start for m in ent.mentions)
            k = bisect.bisect_left(starts, before)  # mentions before ``before``: starts[:k]
            pos = starts[k - 1] if k else -1 - ent.mentions[0].start  # later mentions rank below
            if best is None or pos > best_pos:
                best, best_pos = ent, pos
        return best

    def org_by_head(self, head: str, before: int) -> Entity | None:
        """The latest organisation before ``before`` whose name ends with ``head``."""
        hk = names.org_key(head)
        for i in range(bisect.bisect_left(self.starts, before) - 1, -1, -1):
            m = self.mentions[i]
            if m.type == "organisation":
                ent = self.entities[m.entity]
                if ent.key == hk or ent.key.endswith(" " + hk):
                    return ent
        return None


def body_blocks(doc: Document) -> list[tuple[int, int, list[Sentence]]]:
    """Paragraph spans of the body (from its sentences) with their sentences."""
    out: list[tuple[int, int, list[Sentence]]] = []
    cur = -1
    for s in doc.sentences:
        if out and s.paragraph == cur:
            ps, _pe, sents = out[-1]
            sents.append(s)
            out[-1] = (ps, s.end, sents)
        else:
            out.append((s.start, s.end, [s]))
            cur = s.paragraph
    return out


@cache
def _not_name() -> frozenset[str]:
    return frozenset(names.pronoun_data()["not_name"])


@cache
def _gender_titles() -> tuple[frozenset[str], frozenset[str]]:
    pd = names.pronoun_data()
    return frozenset(pd["female_titles"]), frozenset(pd["male_titles"])


def title_gender(title: str) -> str | None:
    fem, masc = _gender_titles()
    tl = title.lower()
    words = tl.replace("-", " ").split()
    for w in words:
        if w in fem:
            return "f"
        if w in masc:
            return "m"
    return None


@cache
def _title_last_words() -> frozenset[str]:
    return frozenset(k[-1] for k in names.title_tuples())


@cache
def _title_first_words() -> frozenset[str]:
    return frozenset(k[0] for k in names.title_tuples())


def _title_at(words: list[str], i: int) -> int:
    """Length of the longest title starting at ``words[i]`` (lower-case words), else 0."""
    if words[i] not in _title_first_words():
        return 0
    tt = names.title_tuples()
    for k in range(min(names.title_max_len(), len(words) - i), 0, -1):
        if tuple(words[i:i + k]) in tt:
            return k
    return 0


@cache
def _portfolios() -> frozenset[tuple[str, ...]]:
    """What a minister or secretary is "of": the words before "minister"/"secretary" in the title
    lexicon ("transport minister" -> transport), and what follows "minister of" there."""
    out = set()
    for t in names.titles():
        w = t.split()
        if len(w) >= 2 and w[-1] in ("minister", "secretary", "ministers", "secretaries") and w[0] not in (
                "prime", "deputy", "vice", "assistant", "under", "press", "first"):
            out.add(tuple(w[:-1]))
        if len(w) >= 3 and w[0] in ("minister", "secretary") and w[1] in ("of", "for"):
            out.add(tuple(w[2:]))
    return frozenset(out)


def _portfolio_len(words: list[str]) -> int:
    """Length of a portfolio or place opening ``words`` ("transport", "foreign affairs", "united states")."""
    for k in range(min(3, len(words)), 0, -1):
        if tuple(words[:k]) in _portfolios() or " ".join(words[:k]) in _place_words():
            return k
    return 0


def _org_suffix(words: list[str]) -> int:
    """Length of the longest institution name/head that ends ``words`` (lower case), else 0."""
    ot = names.org_tuples()
    for k in range(min(4, len(words)), 0, -1):
        if tuple(words[len(words) - k:]) in ot:
            return k
    return 0


@cache
def _place_words() -> frozenset[str]:
    """Lower-case place names, aliases and demonyms as written (fast membership test)."""
    out = set(names.places())
    for k in list(out):
        out.add(k)
    return frozenset(out) | names.place_surface()


def _is_place(tokens: list[str]) -> bool:
    pw = _place_words()
    n = len(tokens)
    low = [_lower(t) for t in tokens]
    for i in range(n):
        if low[i] in pw:
            return True
        for j in range(i + 2, min(n, i + 3) + 1):
            if " ".join(low[i:j]) in pw:
                return True
    return False


def _unposs(tok: str) -> str:
    if tok.endswith(("'s", "’s")):
        return tok[:-2]
    if tok.endswith(("s'", "s’")):
        return tok[:-1]
    return tok


@lru_cache(maxsize=8192)
def _lower(tok: str) -> str:
    return _unposs(tok).lower()


def _is_poss(tok: str) -> bool:
    return tok.endswith(("'s", "’s", "s'", "s’"))


class _Parser:
    """Turns capitalised runs of one document into mentions."""

    def __init__(self, text: str):
        self.text = text
        self.mentions: list[Mention] = []
        self.singles: list[Mention] = []  # one-token names without evidence, kept for linking
        self.pending: list[tuple[int, str, int, int]] = []  # one-word runs parsed after the others
        self.verbs = names.speech_verbs()
        self.not_name = _not_name()

    # -- context around a name -------------------------------------------
    def _title_before(self, pos: int, lo: int) -> tuple[int, str] | None:
        """A lower-case title (with modifiers) ending just before ``pos``: (start, title)."""
        if pos - 2 < lo or self.text[pos - 1] != " " or not self.text[pos - 2].isalpha():
            return None
        w0 = max(lo, pos - 40)
        sp = self.text.rfind(" ", w0, pos - 1)
        prev = self.text[(sp if sp >= 0 else w0 - 1) + 1:pos - 1].lower()
        if prev not in _title_last_words():
            return None
        base = max(lo, pos - 80)
        window = self.text[base:pos]
        ws = [(m.start(), m.group()) for m in _WORD_BEFORE.finditer(window)]
        if not ws:
            return None
        low = [w.lower() for _, w in ws]
        n = len(low)
        for k in range(min(names.title_max_len(), n), 0, -1):
            if tuple(low[n - k:]) in names.title_tuples():
                # the title must touch the name: nothing but a space in between
                last_end = ws[-1][0] + len(ws[-1][1])
                if window[last_end:].strip():
                    return None
                i = self._extend_mods(window, ws, low, n - k)
                start = base + ws[i][0]
                title = names.clean(self.text[start:pos])
                return start, title
        return None

    def _extend_mods(self, window: str, ws: list[tuple[int, str]], low: list[str], i: int) -> int:
        """Index of the first modifier of the title at ``i``: "Russia's foreign intelligence chief"."""
        def adjacent(j: int) -> bool:
            return not window[ws[j - 1][0] + len(ws[j - 1][1]):ws[j][0]].strip()

        def modifier(j: int) -> bool:
            w = ws[j][1]
            return low[j] in _LOWER_MODS or _is_poss(w) or (w[:1].isupper() and low[j] not in self.not_name)

        while i > 0 and adjacent(i) and modifier(i - 1):
            i -= 1
        # up to three lower-case nouns, when a possessive, a name or an article comes before them
        j = i
        while j > 0 and i - j < 3 and adjacent(j) and ws[j - 1][1].isalpha() and ws[j - 1][1].islower() \
                and low[j - 1] not in self.not_name:
            j -= 1
        if j < i and j > 0 and adjacent(j) and (modifier(j - 1) or low[j - 1] in ("the", "a", "an")):
            i = j
            while i > 0 and adjacent(i) and modifier(i - 1):
                i -= 1
        while i < len(low) - 1 and low[i] in ("the", "a", "an"):
            i += 1
        return i

    def _appositive_after(self, end: int, hi: int) -> tuple[int, str] | None:
        """", speaker of the Russian parliament's upper house," after a name: (ext_end, title)."""
        text = self.text
        if not text.startswith(", ", end):
            return None
        limit = min(hi, end + 140)
        if end + 2 >= limit:
            return None
        stop = _CLAUSE_CHARS.match(text, end + 2, limit).end()
        if stop >= limit:
            return None
        body = text[end + 2:stop]
        words = body.split()
        if not words:
            return None
        low = [_lower(w) for w in words]
        i = 0
        if low[0] in ("the", "a", "an"):
            i = 1
        j = i
        nouns = 0  # lower-case modifiers such as "foreign policy" in "the EU's foreign policy chief"
        while j < len(words) and j < i + 6:
            k = _title_at(low, j)
            if k:
                rest = low[j + k:]
                if not rest or rest[0] in _PREPS:
                    return stop + 1 if text[stop] == "," else stop, names.clean(body[body.find(words[i]):])
                return None
            if words[j][:1].isupper() or low[j] in _LOWER_MODS:
                pass
            elif words[j].isalpha() and words[j].islower() and low[j] not in self.not_name and nouns < 3:
                nouns += 1
            else:
                return None
            j += 1
        return None

    def _appositive_before(self, pos: int, lo: int) -> tuple[int, str] | None:
        """"ambassador to the United States, NAME": (start, title) of the title before ", "."""
        text = self.text
        if pos - 2 < lo or text[pos - 2:pos] != ", ":
            return None
        cut = pos - 2
        limit = max(lo, cut - 140)
        s = max(limit, max(text.rfind(c, limit, cut) for c in _DELIMS) + 1)
        body = text[s:cut]
        ws = [(m.start(), m.group()) for m in _WORD_BEFORE.finditer(body)]
        low = [_lower(w) for _, w in ws]
        for i in range(max(0, len(low) - 12), len(low)):
            k = _title_at(low, i)
            if not k:
                continue
            rest = low[i + k:]
            if rest and rest[0] not in _PREPS:
                continue
            j = self._extend_mods(body, ws, low, i)
            start = s + ws[j][0]
            return start, names.clean(text[start:cut])
        return None

    def _mods_before(self, pos: int, lo: int) -> int:
        """Start of lower-case modifiers glued before a title ("former", "then-")."""
        start = pos
        while True:
            window = self.text[max(lo, start - 30):start]
            m = _MOD_BEFORE.search(window)
            if not m or m.group(1) not in _LOWER_MODS or m.group(1) in ("the", "a", "first", "state"):
                return start
            start = start - len(window) + m.start(1)

    def _followed_by_verb(self, end: int) -> bool:
        m = _WORD_BEFORE.match(self.text, end + 1) if self.text.startswith(" ", end) else None
        if not m:
            return False
        w = m.group().lower()
        if w in ("has", "had", "also", "later", "then"):
            m = _WORD_BEFORE.match(self.text, m.end() + 1)
            w = m.group().lower() if m else ""
        return self.verbs.get(w) in ("bare", "that", "quote")

    # -- runs --------------------------------------------------------------
    def parse_block(self, ps: int, pe: int) -> None:
        for m in _RUN.finditer(self.text, ps, pe):
            self._run(m.start(), m.group(), ps, pe)

    def finish(self) -> None:
        """Parse the one-word names worth it: a known surname, or a title, appositive or verb beside it."""
        surnames = {names.fold_word(_unposs(m.tokens[-1])) for m in self.mentions
                    if m.type == "person" and len(m.tokens) >= 2}
        text = self.text
        for rstart, run, lo, hi in self.pending:
            end = rstart + len(run)
            if (names.fold_word(_unposs(run)) in surnames or text.startswith(", ", end)
                    or text[rstart - 2:rstart] == ", " or self._followed_by_verb(end)
                    or self._title_before(rstart, lo)):
                self._segment([(rstart, run)], lo, hi)
        self.pending = []

    def _run(self, rstart: int, run: str, lo: int, hi: int) -> None:
        if " " not in run:
            # fast path for the commonest run, one capitalised word
            base = _lower(run)
            if base in names.org_names():
                self._segment([(rstart, run)], lo, hi)
            elif not (base in self.not_name or base in _place_words() or run.isupper()
                      or (base,) in names.title_tuples()):
                self.pending.append((rstart, run, lo, hi))
            return
        toks = [(rstart + p.start(), p.group()) for p in _PIECE.finditer(run)]
        # drop leading function words and connectors
        while toks and (toks[0][1].lower() in self.not_name or toks[0][1] in _CONNECTORS):
            toks.pop(0)
        if not toks:
            return
        # split at calendar/function words inside the run and at possessives
        segs: list[list[tuple[int, str]]] = [[]]
        for off, tok in toks:
            low = tok.lower()
            if tok[:1].isupper() and low in self.not_name:
                segs.append([])
                continue
            segs[-1].append((off, tok))
            if _is_poss(tok):
                segs.append([])
        segs = [s for s in segs if s]
        i = 0
        while i < len(segs):
            seg = segs[i]
            # "Russia's Foreign Ministry": a possessive modifier joins a following institution
            if (_is_poss(seg[-1][1]) and i + 1 < len(segs) and len(seg) <= 2
                    and _org_suffix([_lower(t) for _, t in segs[i + 1]])):
                self._segment(seg + segs[i + 1], lo, hi, poss_mod=len(seg))
                i += 2
                continue
            self._segment(seg, lo, hi)
            i += 1

    def _segment(self, seg: list[tuple[int, str]], lo: int, hi: int, poss_mod: int = 0) -> None:
        while seg and seg[-1][1] in _CONNECTORS:
            seg = seg[:-1]
        while seg and seg[0][1] in _CONNECTORS:
            seg = seg[1:]
        if not seg:
            return
        low = [_lower(t) for _, t in seg]
        # "Foreign Minister Sergei Lavrov and U.S. Secretary of State Marco Rubio": two titled names
        for j in (range(1, len(seg) - 1) if "and" in low else ()):
            if low[j] == "and" and any(_title_at(low, x) for x in range(j + 1, len(seg) - 1)) \
                    and any(_title_at(low, x) for x in range(0, j)):
                self._segment(seg[:j], lo, hi)
                self._segment(seg[j + 1:], lo, hi)
                return
        # titles inside the segment: the last one wins ("U.S. Secretary of State Marco Rubio")
        ti = tk = -1
        i = 0
        while i < len(seg):
            if seg[i][1] in _CONNECTORS:
                i += 1
                continue
            k = _title_at(low, i)
            if k and i + k < len(seg):
                ti, tk = i, k
                i += k
            else:
                i += 1
        if ti >= 0:
            self._titled(seg, low, ti, tk, lo, hi)
            return
        # sub-runs joined by "and" are separate names unless a title governs them
        if "and" in low:
            cur: list[tuple[int, str]] = []
            for off, tok in seg:
                if tok == "and":
                    self._plain_segment(cur, lo, hi)
                    cur = []
                else:
                    cur.append((off, tok))
            self._plain_segment(cur, lo, hi)
            return
        self._plain_segment(seg, lo, hi, poss_mod)

    def _titled(self, seg, low, ti, tk, lo, hi) -> None:
        # modifiers before the title: institutions and countries ("Kremlin", "U.S.")
        mstart = ti
        if ti > 0:
            mods = seg[:ti]
            ml = [_lower(t) for _, t in mods]
            if _org_suffix(ml):
                self._org(mods, lo)
        tstart = self._mods_before(seg[0][0], lo)
        rest = seg[ti + tk:]
        title_end = seg[ti + tk - 1][0] + len(seg[ti + tk - 1][1])
        title = names.clean(self.text[tstart:title_end])
        said = tuple(low[ti:ti + tk])
        plural = said != tuple(names.title_tuples()[said].split())
        groups: list[list[tuple[int, str]]]
        if rest and rest[0][1] in _PREPS:
            # "Ambassador to the United States Alexander Darchiyev": the name is the last two words
            caps = [x for x in rest[1:] if x[1] not in _CONNECTORS]
            if len(caps) < 3:
                return
            tail = caps[-2:]
            if tail[0][1].endswith("."):
                tail = caps[-3:]
            k = _portfolio_len([_lower(t) for _, t in caps])
            if k and 2 <= len(caps) - k <= 3:
                tail = caps[k:]  # "Minister of Transport Anna Maria Kowal": all of the name after the portfolio
            title = names.clean(self.text[tstart:tail[0][0]])
            groups = [tail]
        elif "and" in [t for _, t in rest]:
            groups = [[]]
            for x in rest:
                if x[1] == "and":
                    groups.append([])
                else:
                    groups[-1].append(x)
            if not plural:
                # "Foreign Minister Sergey Lavrov and Marco Rubio": the title is the first name's
                self._person(groups[0], title, tstart, lo, hi, strong=True)
                for g in groups[1:]:
                    self._plain_segment(g, lo, hi)
                return
        else:
            groups = [rest]
        for g in groups:
            g = [x for x in g if x[1] not in _NON_PARTICLES]
            if g:
                t = title
                if plural:
                    t = names.clean(self.text[tstart:title_end])
                    t = t[:-1] if t.endswith("s") else t
                self._person(g, t, tstart, lo, hi, strong=True)

    def _plain_segment(self, seg, lo, hi, poss_mod: int = 0) -> None:
        while seg and seg[0][1] in _CONNECTORS:
            seg = seg[1:]
        while seg and seg[-1][1] in _CONNECTORS:
            seg = seg[:-1]
        if not seg:
            return
        low = [_lower(t) for _, t in seg]
        k = _org_suffix(low)
        if k:
            single = len(seg) == 1
            if single and low[0] in names.org_heads():
                return  # a bare "Ministry" is not a name
            self._org(seg, lo)
            return
        # "the state-run TASS news agency": an institution head in lower case after the name
        end = seg[-1][0] + len(seg[-1][1])
        nxt = self.text[end:end + 16].lower()
        if nxt.startswith((" news agency", " news agencies", " agency", " newspaper", " ministry")) \
                and not _is_place([t for _, t in seg]):
            self._org(seg, lo)
            return
        if any(t in _NON_PARTICLES for _, t in seg):
            # "Ministry of ..." handled above; other runs with function words are split,
            # name particles ("Anna de Vries", "Ursula von der Leyen") stay inside the name
            parts: list[list[tuple[int, str]]] = [[]]
            for x in seg:
                if x[1] in _NON_PARTICLES:
                    parts.append([])
                else:
                    parts[-1].append(x)
            for p in parts:
                if p:
                    self._plain_segment(p, lo, hi)
            return
        if poss_mod:
            seg = seg[poss_mod:]
        toks = [t for _, t in seg]
        if len(toks) > 5 or any(not t[:1].isupper() and not (0 < i < len(toks) - 1 and t in _CONNECTORS)
                                for i, t in enumerate(toks)):
            return
        if _is_place(toks) or any(t.isupper() and len(t) > 1 and "." not in t for t in toks[:1]):
            # places are not entities; an all-capitals first word is an acronym, not a name
            return
        start = seg[0][0]
        before = self._title_before(start, lo)
        if before:
            self._person(seg, before[1], before[0], lo, hi, strong=True, checked=True)
            return
        appos = self._appositive_before(start, lo)
        if appos:
            self._person(seg, appos[1], appos[0], lo, hi, strong=True, checked=True)
            return
        self._person(seg, None, start, lo, hi, strong=False)

    def _person(self, seg, title, full_start, lo, hi, strong, checked: bool = False) -> None:
        while seg and seg[0][1] in _CONNECTORS:
            seg = seg[1:]
        # "von der" stays inside "Ursula von der Leyen"; "of", "and", "the" never join a name
        seg = [x for x in seg if x[1] not in _NON_PARTICLES]
        if not seg:
            return
        last_off, last = seg[-1]
        last = _unposs(last)
        seg[-1] = (last_off, last)
        start = seg[0][0]
        end = last_off + len(last)
        toks = tuple(t for _, t in seg)
        if any(t.lower() in self.not_name for t in toks) or not toks[-1][:1].isupper():
            return
        if title is not None and not checked and _is_place(list(toks)):
            return
        ext_end = end
        appos = self._appositive_after(end, hi)
        if appos:
            ext_end = appos[0]
            if title is None:
                title = appos[1]
            strong = True
        if not strong and self._followed_by_verb(end) and (
                len(toks) >= 2 or "." not in toks[0] and not toks[0].isupper()):
            # "Lavrov said": a name that speaks is a person (places were filtered above)
            strong = True
        if title and title.split()[-1].lower().rstrip(".") in ("mr", "mrs", "ms", "dr"):
            strong = True
        m = Mention(start, end, self.text[start:end], "person", toks, title,
                    full_start if full_start >= 0 else start, ext_end, strong)
        if len(toks) == 1 and not strong:
            self.singles.append(m)
        else:
            self.mentions.append(m)

    def _org(self, seg, lo) -> None:
        seg = list(seg)
        seg[-1] = (seg[-1][0], _unposs(seg[-1][1]))
        toks = [t for _, t in seg]
        start = seg[0][0]
        end = seg[-1][0] + len(seg[-1][1])
        full = start - 4 if start - 4 >= lo and self.text[start - 4:start].lower() == "the " else start
        self.mentions.append(Mention(start, end, self.text[start:end], "organisation",
                                     tuple(toks), None, full, end, True))


def _link(mentions: list[Mention], singles: list[Mention]) -> list[Entity]:
    """Group mentions into entities (see the module docstring for the rules)."""
    entities: list[Entity] = []
    by_key: dict[tuple[str, str], int] = {}
    persons_full = [m for m in mentions if m.type == "person" and not names.is_surname_only(m.tokens)]
    surnames: dict[str, list[Mention]] = {}
    for m in persons_full:
        surnames.setdefault(names.surname_key(m.tokens), []).append(m)
    keys_strong = {names.person_key(m.tokens) for m in persons_full if m.strong}

    def new(kind: str, name: str, key: str, toks: tuple[str, ...]) -> int:
        entities.append(Entity(len(entities), kind, name, key, toks))
        return len(entities) - 1

    # supporting evidence for weak full names: a strong mention of the same person,
    # or a surname used on its own with a title or a speech verb
    single_support = {names.surname_key(m.tokens) for m in mentions
                      if m.type == "person" and names.is_surname_only(m.tokens) and m.strong}
    allm = sorted(mentions + [s for s in singles if names.surname_key(s.tokens) in surnames],
                  key=lambda m: m.start)
    out_mentions: list[Mention] = []
    last_full: dict[str, int] = {}  # surname key → entity of its latest full-name mention
    for m in allm:
        if m.type == "organisation":
            key = names.org_key(m.text)
            eid = by_key.get(("organisation", key))
            if eid is None:
                # a shorter name links to the latest fuller one it ends ("State Department")
                for e in reversed(entities):
                    if e.type == "organisation" and (e.key.endswith(" " + key) or key.endswith(" " + e.key)):
                        eid = e.id
                        break
            if eid is None:
                eid = new("organisation", names.canonical_org(m.text), key, m.tokens)
            by_key[("organisation", key)] = eid
        elif not names.is_surname_only(m.tokens):
            key = names.person_key(m.tokens)
            if not m.strong and key not in keys_strong and names.surname_key(m.tokens) not in single_support:
                continue
            eid = by_key.get(("person", key))
            if eid is None:
                eid = new("person", " ".join(m.tokens), key, m.tokens)
                by_key[("person", key)] = eid
            last_full[names.surname_key(m.tokens)] = eid
        else:
            sk = names.surname_key(m.tokens)
            if sk in last_full:
                eid = last_full[sk]
            else:
                cands = surnames.get(sk, [])
                later = [c for c in cands if c.start > m.start][:1]
                lk = names.person_key(later[0].tokens) if later else None
                if lk and (lk in keys_strong or later[0].strong or sk in single_support):
                    eid = by_key.get(("person", lk))
                    if eid is None:
                        eid = new("person", " ".join(later[0].tokens), lk, later[0].tokens)
                        by_key[("person", lk)] = eid
                elif m.strong:
                    eid = by_key.get(("person", sk))
                    if eid is None:
                        eid = new("person", m.tokens[0], sk, m.tokens)
                        by_key[("person", sk)] = eid
                else:
                    continue
        m.entity = eid
        out_mentions.append(m)
        ent = entities[eid]
        ent.mentions.append(m)
    for ent in entities:
        _finish(ent)
    mentions[:] = out_mentions
    return entities


def _finish(ent: Entity) -> None:
    for m in ent.mentions:
        if ent.type == "person":
            ent.aliases.add(" ".join(m.tokens))
        else:
            ent.aliases.add(m.text)
        if m.title:
            ent.titles.add(m.title)
    if ent.type == "person":
        best = max(ent.mentions, key=lambda m: (len(m.tokens), -m.start))
        ent.name = " ".join(best.tokens)
        ent.tokens = best.tokens
        ent.key = names.person_key(best.tokens)
        for t in sorted(ent.titles):
            g = title_gender(t)
            if g:
                ent.gender = g
                break
    else:
        best = max(ent.mentions, key=lambda m: (len(names.org_key(m.text).split()), -m.start))
        ent.name = names.canonical_org(best.text)
        ent.key = names.org_key(best.text)


_CACHE: list = [None, None, None]  # weakref to the last document, its text, its index


def analyse(doc: Document) -> EntityIndex:
    """Entities and mentions of a document's body (cached for the last document)."""
    ref, text, idx = _CACHE
    if ref is not None and ref() is doc and text is doc.text:
        return idx
    p = _Parser(doc.text)
    for ps, pe, _sents in body_blocks(doc):
        p.parse_block(ps, pe)
    p.finish()
    mentions = sorted(p.mentions, key=lambda m: m.start)
    entities = _link(mentions, p.singles)
    by_end: dict[int, Mention] = {}
    by_start: dict[int, Mention] = {}
    for m in mentions:
        by_end[m.end] = m
        by_end.setdefault(m.ext_end, m)
        by_start[m.start] = m
        by_start.setdefault(m.full_start, m)
    idx = EntityIndex(entities, mentions, by_end, by_start)
    _CACHE[:] = [weakref.ref(doc), doc.text, idx]
    return idx


def extract(doc: Document, found: dict[str, list[Record]]) -> list[Record]:
    """One "entity" record per person or organisation, spanning its first mention."""
    idx = analyse(doc)
    out = []
    for ent in idx.entities:
        if not ent.mentions:
            continue
        first = ent.mentions[0]
        out.append(Record("entity", first.start, first.end, ent.value()))
    out.sort(key=lambda r: (r.start, r.end, r.value["name"]))
    return out
