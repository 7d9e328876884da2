"""Whether one JSON Schema `pattern` accepts exactly, fewer or more strings than another.

A pattern is an ECMA-262 regular expression that may match anywhere in the string. The
common part of the language (literals, escapes, classes, groups, alternation, quantifiers,
`^`/`$` at the ends of a branch) is turned into an automaton over intervals of code points,
and the two automata are walked together: a state the old one accepts and the new one does
not yields a string the new pattern refuses. So `\\-` inside a class, `\\/` or `[0-9]{1,}` for
`[0-9]+` are the same pattern, and `^[0-9]+$` -> `^[0-9]{1,12}$` is a narrowing with
a witness. Lookarounds, backreferences and word boundaries are not decided (Unsupported).
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

MAX_CODE_POINT = 0x10FFFF
MAX_STATES = 20_000  # an automaton bigger than this is not compared (the verdict is "unknown")


class Unsupported(Exception):
    """A pattern outside the part of the regex language compared here."""


# -- character sets as sorted, disjoint (lo, hi) intervals ---------------------------------

def _norm(intervals) -> tuple:
    out = []
    for lo, hi in sorted(intervals):
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return tuple(out)


def _complement(intervals) -> tuple:
    out, start = [], 0
    for lo, hi in _norm(intervals):
        if lo > start:
            out.append((start, lo - 1))
        start = hi + 1
    if start <= MAX_CODE_POINT:
        out.append((start, MAX_CODE_POINT))
    return tuple(out)


def _char(c: str) -> tuple:
    return ((ord(c), ord(c)),)


ANY = ((0, MAX_CODE_POINT),)
LINE_TERMINATORS = ((0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029))
DOT = _complement(LINE_TERMINATORS)  # ECMA-262: `.` matches anything but a line terminator
DIGIT = ((0x30, 0x39),)
WORD = _norm([(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)])
SPACE = _norm([(0x09, 0x0D), (0x20, 0x20), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A),
               (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000), (0xFEFF, 0xFEFF)])
CLASS_ESCAPES = {"d": DIGIT, "D": _complement(DIGIT), "w": WORD, "W": _complement(WORD),
                 "s": SPACE, "S": _complement(SPACE)}
CONTROL_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "v": "\v", "f": "\f", "0": "\0"}


# -- parsing into a small syntax tree ------------------------------------------------------
# ("set", intervals) | ("cat", [nodes]) | ("alt", [nodes]) | ("rep", node, min, max or None)
# | ("bol",) | ("eol",)

class _Parser:
    def __init__(self, text: str):
        self.text, self.i = text, 0

    def peek(self, ahead: int = 0):
        j = self.i + ahead
        return self.text[j] if j < len(self.text) else None

    def take(self) -> str:
        c = self.text[self.i]
        self.i += 1
        return c

    def parse(self):
        node = self.alternation()
        if self.i != len(self.text):
            raise Unsupported(f"unbalanced ')' at {self.i}")
        return node

    def alternation(self):
        branches = [self.sequence()]
        while self.peek() == "|":
            self.take()
            branches.append(self.sequence())
        return branches[0] if len(branches) == 1 else ("alt", branches)

    def sequence(self):
        items = []
        while self.peek() is not None and self.peek() not in "|)":
            atom = self.atom()
            items.append(self.quantified(atom))
        return ("cat", items)

    def quantified(self, atom):
        c = self.peek()
        bounds = None
        if c == "*":
            bounds = (0, None)
        elif c == "+":
            bounds = (1, None)
        elif c == "?":
            bounds = (0, 1)
        elif c == "{":
            match = re.match(r"\{(\d+)(,(\d*))?\}", self.text[self.i:])
            if match:
                low = int(match[1])
                high = low if match[2] is None else (int(match[3]) if match[3] else None)
                if high is not None and high < low:
                    raise Unsupported("quantifier range out of order")
                self.i += len(match[0]) - 1
                bounds = (low, high)
        if bounds is None:
            return atom
        if atom[0] in ("bol", "eol"):
            raise Unsupported("quantified anchor")
        self.take()
        if self.peek() == "?":  # lazy: the same strings match
            self.take()
        return ("rep", atom, *bounds)

    def atom(self):
        c = self.take()
        if c == "(":
            if self.peek() == "?":
                if self.peek(1) != ":":
                    raise Unsupported("lookaround or named group")
                self.i += 2
            node = self.alternation()
            if self.peek() != ")":
                raise Unsupported("unclosed group")
            self.take()
            return node
        if c == "[":
            return ("set", self.char_class())
        if c == ".":
            return ("set", DOT)
        if c == "^":
            return ("bol",)
        if c == "$":
            return ("eol",)
        if c == "\\":
            return ("set", self.escape(in_class=False))
        if c in "*+?":
            raise Unsupported(f"nothing to repeat before {c!r}")
        return ("set", _char(c))  # a lone '{', '}' or ']' is a literal (ECMA-262 Annex B)

    def escape(self, in_class: bool) -> tuple:
        if self.peek() is None:
            raise Unsupported("trailing backslash")
        c = self.take()
        if c in CLASS_ESCAPES:
            return CLASS_ESCAPES[c]
        if c in CONTROL_ESCAPES and not (c == "0" and self.peek() is not None and self.peek().isdigit()):
            return _char(CONTROL_ESCAPES[c])
        if c == "b":
            if in_class:
                return ((0x08, 0x08),)
            raise Unsupported("word boundary")
        if c == "B" or c.isdigit() or c == "k":
            raise Unsupported(f"\\{c} (boundary or backreference)")
        if c in "xu":
            size = 2 if c == "x" else 4
            digits = self.text[self.i:self.i + size]
            if len(digits) == size and all(d in "0123456789abcdefABCDEF" for d in digits):
                self.i += size
                return ((int(digits, 16), int(digits, 16)),)
            return _char(c)
        if c == "c":
            letter = self.peek()
            if letter is not None and letter.isascii() and letter.isalpha():
                self.take()
                return ((ord(letter) % 32, ord(letter) % 32),)
            return _char("\\") if not in_class else _norm(_char("\\") + _char("c"))
        return _char(c)  # identity escape: \/ \- \. \{ ... stand for the character itself

    def char_class(self) -> tuple:
        negated = self.peek() == "^"
        if negated:
            self.take()
        intervals = []
        while True:
            c = self.peek()
            if c is None:
                raise Unsupported("unclosed character class")
            if c == "]":
                self.take()
                break
            low = self.class_atom()
            if self.peek() == "-" and self.peek(1) not in (None, "]"):
                self.take()
                high = self.class_atom()
                if len(low) != 1 or len(high) != 1 or low[0][0] != low[0][1] or high[0][0] != high[0][1]:
                    raise Unsupported("range with a class escape")
                if high[0][0] < low[0][0]:
                    raise Unsupported("range out of order")
                intervals.append((low[0][0], high[0][0]))
            else:
                intervals.extend(low)
        found = _norm(intervals)
        return _complement(found) if negated else found

    def class_atom(self) -> tuple:
        c = self.take()
        if c == "\\":
            return self.escape(in_class=True)
        return _char(c)


def parse(pattern: str):
    """The pattern's syntax tree, with each top-level branch's anchors made explicit."""
    tree = _Parser(pattern).parse()
    branches = tree[1] if tree[0] == "alt" else [tree]
    out = []
    for branch in branches:
        items = list(branch[1])
        if items and items[0] == ("bol",):
            items.pop(0)
        else:
            items.insert(0, ("rep", ("set", ANY), 0, None))  # a search may start anywhere
        if items and items[-1] == ("eol",):
            items.pop()
        else:
            items.append(("rep", ("set", ANY), 0, None))
        if any(_has_anchor(item) for item in items):
            raise Unsupported("anchor inside a branch")
        out.append(("cat", items))
    return ("alt", out)


def _has_anchor(node) -> bool:
    kind = node[0]
    if kind in ("bol", "eol"):
        return True
    if kind in ("cat", "alt"):
        return any(_has_anchor(n) for n in node[1])
    if kind == "rep":
        return _has_anchor(node[1])
    return False


# -- automata -------------------------------------------------------------------------

class _Nfa:
    def __init__(self):
        self.eps: list[list[int]] = []
        self.edges: list[list[tuple]] = []  # (intervals, target)

    def state(self) -> int:
        if len(self.eps) >= MAX_STATES:
            raise Unsupported("pattern too large to compare")
        self.eps.append([])
        self.edges.append([])
        return len(self.eps) - 1

    def build(self, node, start: int) -> int:
        """Wire node from start; return its end state."""
        kind = node[0]
        if kind == "set":
            end = self.state()
            self.edges[start].append((node[1], end))
            return end
        if kind == "cat":
            for item in node[1]:
                start = self.build(item, start)
            return start
        if kind == "alt":
            end = self.state()
            for branch in node[1]:
                self.eps[self.build(branch, start)].append(end)
            return end
        _, sub, low, high = node
        for _ in range(low):
            start = self.build(sub, start)
        if high is None:
            loop = self.state()
            self.eps[start].append(loop)
            self.eps[self.build(sub, loop)].append(loop)
            return loop
        end = self.state()
        self.eps[start].append(end)
        for _ in range(high - low):
            start = self.build(sub, start)
            self.eps[start].append(end)
        return end


@dataclass
class _Automaton:
    nfa: _Nfa
    start: frozenset
    accept: int

    @classmethod
    def of(cls, pattern: str) -> _Automaton:
        nfa = _Nfa()
        first = nfa.state()
        accept = nfa.build(parse(pattern), first)
        auto = cls(nfa, frozenset(), accept)
        auto.start = auto.closure({first})
        return auto

    def closure(self, states) -> frozenset:
        seen, todo = set(states), list(states)
        while todo:
            for nxt in self.nfa.eps[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return frozenset(seen)

    def intervals(self):
        for edges in self.nfa.edges:
            for intervals, _ in edges:
                yield from intervals


@dataclass(frozen=True)
class Comparison:
    """How the new pattern's strings relate to the old one's, with a shortest example each way."""
    refused: str | None   # a string the old pattern accepted and the new one refuses
    accepted: str | None  # a string the new pattern accepts and the old one refused

    @property
    def verdict(self) -> str:
        if self.refused is None:
            return "equal" if self.accepted is None else "wider"
        return "narrower" if self.accepted is None else "changed"


def _representative(lo: int, hi: int) -> str:
    for preferred in "a0A-_ ":
        if lo <= ord(preferred) <= hi:
            return preferred
    for code in range(lo, min(hi, lo + 200) + 1):
        if chr(code).isprintable():
            return chr(code)
    return chr(lo)


def compare(old: str, new: str) -> Comparison:
    """Raises Unsupported when either pattern is outside the compared language."""
    a, b = _Automaton.of(old), _Automaton.of(new)
    cuts = sorted({lo for lo, _ in (*a.intervals(), *b.intervals())}
                  | {hi + 1 for _, hi in (*a.intervals(), *b.intervals())} | {0})
    cuts = [c for c in cuts if c <= MAX_CODE_POINT]
    atoms = [(lo, (cuts[k + 1] - 1) if k + 1 < len(cuts) else MAX_CODE_POINT) for k, lo in enumerate(cuts)]

    def moves(auto: _Automaton):
        """Per state, the targets reached on each atom (atoms an edge covers, found by bisect)."""
        table = []
        for edges in auto.nfa.edges:
            on = {}
            for intervals, target in edges:
                for lo, hi in intervals:
                    for k in range(bisect_right(cuts, lo) - 1, bisect_right(cuts, hi)):
                        on.setdefault(k, set()).add(target)
            table.append(on)
        return table

    move_a, move_b = moves(a), moves(b)

    def step(auto, table, states, k):
        targets = set()
        for s in states:
            targets |= table[s].get(k, set())
        return auto.closure(targets) if targets else frozenset()

    start = (a.start, b.start)
    parents: dict = {start: None}
    queue, head = [start], 0
    refused = accepted = None
    while head < len(queue) and (refused is None or accepted is None):
        pair = queue[head]
        head += 1
        in_a, in_b = a.accept in pair[0], b.accept in pair[1]
        if in_a and not in_b and refused is None:
            refused = _witness(parents, pair, atoms)
        if in_b and not in_a and accepted is None:
            accepted = _witness(parents, pair, atoms)
        used = {k for s in pair[0] for k in move_a[s]} | {k for s in pair[1] for k in move_b[s]}
        for k in sorted(used):
            nxt = (step(a, move_a, pair[0], k), step(b, move_b, pair[1], k))
            if nxt not in parents:
                if len(parents) >= MAX_STATES:
                    raise Unsupported("patterns too large to compare")
                parents[nxt] = (pair, k)
                queue.append(nxt)
    return Comparison(refused=refused, accepted=accepted)


def _witness(parents: dict, pair, atoms) -> str:
    chars = []
    while parents[pair] is not None:
        pair, k = parents[pair]
        chars.append(_representative(*atoms[k]))
    return "".join(reversed(chars))


# -- a description that doubled its backslashes ---------------------------------------

_BACKSLASH_RUN = re.compile(r"\\+")


def doubled(pattern: str) -> bool:
    """Every backslash comes in a pair: the text was escaped once more than the regex needs."""
    runs = _BACKSLASH_RUN.findall(pattern)
    return bool(runs) and all(len(run) % 2 == 0 for run in runs)


def undoubled(pattern: str) -> str:
    return _BACKSLASH_RUN.sub(lambda m: "\\" * (len(m[0]) // 2), pattern)


# -- the verdict the gate reports -------------------------------------------------------

@dataclass(frozen=True)
class Judgement:
    comparison: Comparison
    undoubled_side: str | None = None  # "old" or "new" when that side was read with its backslashes halved

    def explain(self) -> str:
        found = []
        if self.comparison.refused is not None:
            found.append(f"now refuses {json.dumps(self.comparison.refused, ensure_ascii=False)}")
        if self.comparison.accepted is not None:
            found.append(f"now accepts {json.dumps(self.comparison.accepted, ensure_ascii=False)}")
        note = (f"; the {self.undoubled_side} pattern read with its doubled backslashes as one"
                if self.undoubled_side else "")
        return f" ({', '.join(found)}{note})" if found else ""


@lru_cache(maxsize=4096)  # one component pattern is reached by many operations
def judge_pattern(old: str, new: str) -> Judgement | None:
    """Compare two patterns; None when that cannot be decided.

    Patterns that differ only in escaping compare equal. When one side escaped every backslash
    twice (3.32.1 wrote `^\\\\+[0-9]+$` for `^\\+[0-9]+$`) and the other did not, that side is read
    with its backslashes halved, as its authors meant; the verdict says so.
    """
    try:
        literal = compare(old, new)
    except Unsupported:
        literal = None
    if literal is not None and literal.verdict == "equal":
        return Judgement(literal)
    if doubled(old) != doubled(new):
        side = "old" if doubled(old) else "new"
        try:
            meant = compare(undoubled(old), new) if side == "old" else compare(old, undoubled(new))
            return Judgement(meant, side)
        except Unsupported:
            pass
    return Judgement(literal) if literal is not None else None
