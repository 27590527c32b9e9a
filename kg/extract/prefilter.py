"""Cheap necessary conditions that let the extractor skip regex work that cannot match.

Case-insensitive patterns made of long alternations ("ha investito", "acquired by", …)
try every alternative at every position of a sentence. The helpers here find, from the
words a sentence contains, where a match could start or whether one can exist at all;
the patterns then run only there, so what they find never changes.

Words are compared lower-cased. That agrees with the regex engine's case-insensitive
matching for *plain* characters only: U+0000–U+017F (less ``µ İ ı ſ``, which the engine
folds together with letters outside that range), general punctuation, currency signs and
the private-use characters of masked sentences. Text with any other character is scanned
in full.
"""

from __future__ import annotations

import re

_PLAIN = re.compile("[\x00-\xb4\xb6-\u012f\u0132-\u017e\u2000-\u206f\u20a0-\u20c0\ue000-\uf8ff]*")
WORD = re.compile(r"\w+")
_QUANTIFIERS = "?*{"


def plain(text: str) -> bool:
    """True when lower-casing ``text`` compares it the way a case-insensitive regex does.

    >>> plain("Società per Azioni – 5 €"), plain("Straſse")
    (True, False)
    """
    return _PLAIN.fullmatch(text) is not None


def literal_heads(pattern: str) -> list[tuple[str, bool]] | None:
    """The literal texts one of which starts every match of ``pattern``, lower-cased, each
    with whether a non-word character (or the end of the match) is sure to follow its
    leading word.

    The pattern is one trigger of a lexicon: a space in it stands for ``\\s+``. A leading
    group of literal alternatives gives a head per alternative. None when nothing can be
    said (a class or other group first, a top-level alternation, a character that is not
    plain).

    >>> literal_heads("acquired by"), literal_heads("investments? in")
    ([('acquired', True)], [('investment', False)])
    >>> literal_heads("(?:ha|aveva) esaminato"), literal_heads("(?:a|b)?c")
    ([('ha', True), ('aveva', True)], None)
    >>> literal_heads("-backed"), literal_heads("ex-")
    ([('-backed', True)], [('ex-', True)])
    """
    if _top_level_bar(pattern):
        return None
    group = _LEADING_GROUP.match(pattern)
    if group is not None:
        rest = pattern[group.end() :]
        if rest[:1] in ("?", "*", "+", "{"):
            return None
        heads = [_literal_head(alt + rest) for alt in group.group(1).split("|")]
        return None if any(h is None for h in heads) else heads  # type: ignore[return-value]
    head = _literal_head(pattern)
    return None if head is None else [head]


def _top_level_bar(pattern: str) -> bool:
    """True when ``pattern`` is an alternation at its top level ("a|b c")."""
    depth, i = 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # a class: up to its closing bracket ("[]a]" holds a "]")
            i += 2 if pattern[i + 1 : i + 2] != "^" else 3
            while i < len(pattern) and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
        i += 1
    return False


_LEADING_GROUP = re.compile(r"\(\?:([\w '’-]+(?:\|[\w '’-]+)*)\)")


def _literal_head(pattern: str) -> tuple[str, bool] | None:
    head: list[str] = []
    i = 0
    closed = True  # the head is the whole pattern
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern) and not pattern[i + 1].isalnum():
            lit, width = pattern[i + 1], 2
        elif ch == "\\" or ch in ".^$()[]{}|*+?":
            closed = False
            break
        elif ch == " ":
            closed = not pattern[i + 1 : i + 2] or pattern[i + 1] not in _QUANTIFIERS
            break
        else:
            lit, width = ch, 1
        nxt = pattern[i + width : i + width + 1]
        if nxt and nxt in _QUANTIFIERS:  # "s?" may be absent
            closed = False
            break
        head.append(lit)
        i += width
        if nxt == "+":  # at least one: keep it, but more may follow
            closed = False
            break
    text = "".join(head)
    if not text or not plain(text):
        return None
    word = WORD.match(text)
    if word is not None and word.end() < len(text):
        closed = True  # a literal non-word character follows the leading word
    return text.lower(), closed


def first_words(low: str) -> dict[str, int]:
    """Each word of a lower-cased text with where it first occurs.

    >>> first_words("a b a")
    {'a': 0, 'b': 2}
    """
    first: dict[str, int] = {}
    for m in WORD.finditer(low):
        first.setdefault(m.group(), m.start())
    return first


class Gate:
    """Where in a sentence a match of any of ``patterns`` can start (see :func:`literal_heads`)."""

    def __init__(self, patterns: list[str]) -> None:
        found = [literal_heads(p) for p in patterns]
        self.always = any(h is None for h in found)  # nothing known about some pattern
        words, stems, inside = set(), [], []
        for text, closed in (head for heads in found if heads is not None for head in heads):
            word = WORD.match(text)
            if word is None:
                inside.append(text)  # "-backed": starts with punctuation
            elif closed:
                words.add(word.group())
            else:
                stems.append(word.group())
        self.words = frozenset(words)
        self.stems = tuple(stems)
        self.inside = tuple(inside)
        self.texts = self.stems + self.inside  # looked up as text

    def start(self, low: str | None, first: dict[str, int]) -> int | None:
        """The first position where a match may start, None when no pattern can match.

        ``low`` is the lower-cased sentence (None when it is not plain: then 0) and
        ``first`` its :func:`first_words`. A word starting with a stem holds it, so stems
        are looked up as text: looser, and cheaper than comparing each word.
        """
        if self.always or low is None:
            return 0
        hits = first.keys() & self.words
        at = min(map(first.__getitem__, hits)) if hits else None
        for text in self.texts:
            i = low.find(text)
            if i != -1 and (at is None or i < at):
                at = i
        return at


class Words:
    """Whether a text can hold one of some literal words or phrases, case-insensitively.

    >>> Words(["startup", "big tech"]).may_occur("La Startup di Milano")
    True
    >>> Words(["startup", "big tech"]).may_occur("Big  tech")  # no single space
    False
    """

    def __init__(self, words: list[str]) -> None:
        self.always = not all(plain(w) for w in words)
        self.words = tuple(sorted({w.lower() for w in words if w}))
        self._any = re.compile(_trie(self.words)) if self.words else None

    def may_occur(self, text: str) -> bool:
        """False only when ``text`` is plain and none of the words occurs in it."""
        if self.always or not plain(text):
            return True
        return self._any is not None and self._any.search(text.lower()) is not None


def _trie(words: tuple[str, ...]) -> str:
    """A pattern matching any of ``words``, alternatives merged on shared prefixes (the
    engine then tries one branch per character, not one per word: twice as fast as testing
    each word, with 35–75 words a list).

    >>> _trie(("startup", "start", "stake"))
    'sta(?:ke|rt)'
    """
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        if "" in node:  # a word ends here: any longer one holds it, so it is enough
            return ""
        branches = [re.escape(char) + pattern(node[char]) for char in sorted(node)]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return pattern(root)
