"""Bytes → clean text: size/binary guards, charset detection, mojibake repair, normalization.

News files arrive in every state: UTF-8 with or without a BOM, UTF-16 from Windows tools,
Windows-1252 from old CMS exports, files mixing both, and text that was decoded with the
wrong codepage once and re-encoded (mojibake). Everything here turns that into one clean,
NFC-normalized ``str`` and says what it repaired, or raises an ``InputError`` naming the file.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from itertools import product

import ftfy
from ftfy.badness import BADNESS_RE
from ftfy.chardata import CONTROL_CHARS, LIGATURES, WIDTH_MAP

from kg.errors import InputError

try:  # to read ftfy's mojibake pattern (see _quick_badness)
    import re._constants as sre
    import re._parser as sre_parse
except ImportError:  # pragma: no cover - another Python
    sre = sre_parse = None  # type: ignore[assignment]

#: Leading bytes of common binary formats that are never articles.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "GZIP archive"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x7fELF", "ELF executable"),
    (b"\xfd7zXZ\x00", "XZ archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL_BYTES = frozenset(range(0x01, 0x09)) | frozenset(range(0x0E, 0x1B)) | {0x1C, 0x1D}
_CONTROL_DELETE = bytes(sorted(_CONTROL_BYTES))  # for counting them with bytes.translate
_CP1252_UNDEFINED = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})
#: Unicode categories that plausible legacy-decoded text rarely contains.
_ODD_CATEGORIES = frozenset({"So", "Sk", "Sm", "No", "Co", "Cc", "Cf"})


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from a file, with human-readable notes on what was repaired."""

    text: str
    repairs: tuple[str, ...] = ()


def check_size(size: int, max_bytes: int, *, source: str) -> None:
    """Refuse files larger than ``max_bytes`` before reading them into memory."""
    if size > max_bytes:
        raise InputError(source, f"file too large ({size} bytes > {max_bytes})")


def binary_kind(data: bytes) -> str | None:
    """Name the binary format of ``data``, or None when it may be text.

    >>> binary_kind(b"%PDF-1.7 ...")
    'PDF document'
    >>> binary_kind("città".encode()) is None
    True
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:8192]
    controls = len(head) - len(head.translate(None, _CONTROL_DELETE))
    if head and controls / len(head) > 0.05:
        return "control bytes"
    if b"\x00" in data:
        return "NUL bytes"
    return None


def decode_bytes(data: bytes, *, source: str) -> Decoded:
    """Decode a file's bytes: BOM, UTF-8, then Windows-1252 line by line for the rest.

    >>> decode_bytes("più".encode("utf-8"), source="a.txt").text
    'più'
    >>> decode_bytes("caf\\xe9".encode("latin-1"), source="a.txt").repairs
    ('decoded as Windows-1252 (not valid UTF-8)',)
    """
    if not data.strip():
        raise InputError(source, "empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as err:
                raise InputError(
                    source, f"invalid {codec.upper()} after its byte order mark"
                ) from err
            if not text.strip():
                raise InputError(source, "empty file")
            return Decoded(text)
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return Decoded(utf16, ("decoded as UTF-16 without byte order mark",))
    kind = binary_kind(data)
    if kind is not None:
        raise InputError(source, f"binary file ({kind})")
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError:
        return _decode_mixed(data, source)


def _bomless_utf16(data: bytes) -> str | None:
    """Recognise UTF-16 text without a BOM: NUL in every other byte of mostly-ASCII text."""
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data[:4096]:
        return None
    head = data[:8192]
    even, odd = head[0::2], head[1::2]
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) > 0.4 * len(zeros) and other.count(0) < 0.05 * len(other):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            if all(c.isprintable() or c in "\n\r\t" for c in text[:4096]):
                return text
    return None


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: decode the bytes UTF-8 rejected as Windows-1252."""
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start : err.end]
    for i, byte in enumerate(bad):
        if byte in _CP1252_UNDEFINED:
            at = err.start + i
            raise UnicodeDecodeError("cp1252", err.object, at, at + 1, "undefined byte")
    return bytes(bad).decode("cp1252"), err.end


codecs.register_error("kg.cp1252", _cp1252_fallback)


def _decode_mixed(data: bytes, source: str) -> Decoded:
    """Decode each line as UTF-8 when it is, else its invalid bytes as Windows-1252."""
    parts: list[str] = []
    legacy: list[str] = []
    legacy_lines = total_lines = offset = 0
    utf8_seen = False
    first_bad: int | None = None
    for line in data.splitlines(keepends=True):
        total_lines += 1
        try:
            text = line.decode("utf-8")
            utf8_seen = utf8_seen or not text.isascii()
        except UnicodeDecodeError as err:
            first_bad = offset + err.start if first_bad is None else first_bad
            try:
                text = line.decode("utf-8", "kg.cp1252")
            except UnicodeDecodeError as bad:
                at, byte = offset + bad.start, line[bad.start]
                raise InputError(
                    source, f"not UTF-8 and not repairable (byte 0x{byte:02x} at {at})"
                ) from None
            legacy_lines += 1
            legacy.append(text)
            utf8_seen = utf8_seen or text != line.decode("cp1252", "replace")
        parts.append(text)
        offset += len(line)
    if first_bad is not None and not _plausible("".join(legacy)):
        byte = data[first_bad]
        raise InputError(source, f"not UTF-8 and not repairable (byte 0x{byte:02x} at {first_bad})")
    if utf8_seen:
        note = f"mixed encodings: {legacy_lines} of {total_lines} lines decoded as Windows-1252"
    else:
        note = "decoded as Windows-1252 (not valid UTF-8)"
    return Decoded("".join(parts), (note,))


def _plausible(chars: str) -> bool:
    """Legacy-decoded characters look like text, not like bytes of another encoding."""
    high = [c for c in chars if ord(c) > 0x7F]
    if not high:
        return True
    odd = sum(unicodedata.category(c) in _ODD_CATEGORIES for c in high)
    return odd / len(high) < 0.25


# Mojibake from single-byte codepages that ftfy does not (reliably) undo: UTF-8 text that was
# decoded once as Thai Windows-874/TIS-620, with the bytes that codepage lacks dropped on the
# way, or as Cyrillic Windows-1251.
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class _Codepage:
    """A single-byte codepage whose mojibake of UTF-8 is recognised by its script's letters."""

    codec: str
    script: str  # name for the repair note
    letters: re.Pattern[str]
    lossy: bool  # may the round trip have dropped bytes the codepage lacks?

    @property
    def runs(self) -> re.Pattern[str]:
        """Runs of characters the codepage encodes as one byte >= 0x80 (where mojibake lives)."""
        high = "".join(bytes([b]).decode(self.codec, "ignore") for b in range(0x80, 0x100))
        return re.compile(f"[{re.escape(high)}]+")


_CODEPAGES = (
    _Codepage("cp874", "Thai", re.compile("[\u0e00-\u0e7f]"), lossy=True),
    _Codepage("cp1251", "Cyrillic", re.compile("[\u0400-\u04ff]"), lossy=False),
)
#: Continuation bytes TIS-620 lacks, so a lossy round trip may have dropped them.
_DROPPED = range(0x80, 0xA1)
#: Characters worth restoring when context alone does not decide.
_LIKELY = "…€–—’‘“”•"
_ANY_CATEGORY = ("L", "P", "S", "Zs")


def repair_codepage_mojibake(text: str) -> tuple[str, tuple[str, ...]]:
    """Undo UTF-8 text decoded once as Thai cp874/TIS-620 or Cyrillic cp1251; note the fixes.

    Bytes the round trip dropped are restored from context (a lone ``ร`` closing a word
    is "à"). Text really written in that script, and runs that do not decode, are left alone.

    >>> repair_codepage_mojibake("la citt\u0e23 \u0e23\u0e08 pi\u0e23\u0e19 bella")[0]
    'la città è più bella'
    """
    notes: list[str] = []
    for codepage in _CODEPAGES:
        text, fixed = _repair_with(codepage, text)
        if fixed:
            notes.append(
                f"repaired {fixed} mojibake sequences ({codepage.script} codepage {codepage.codec})"
            )
    return text, tuple(notes)


def _repair_with(codepage: _Codepage, text: str) -> tuple[str, int]:
    """Repair one codepage's mojibake runs; return the text and how many runs were fixed."""
    foreign = len(codepage.letters.findall(text))
    if not foreign or foreign > 0.3 * len(_LETTER.findall(text)):
        return text, 0
    out: list[str] = []
    last = fixed = 0
    for match in codepage.runs.finditer(text):
        run = match.group()
        if not codepage.letters.search(run):
            continue
        start, end = match.span()
        raw = run.encode(codepage.codec)
        decoded = _decode_run(raw, text[max(0, start - 3) : start], text[end:], codepage.lossy)
        if decoded is None:
            continue
        replacement, ends_with_a0 = decoded
        out += [text[last:start], replacement]
        last = end
        if ends_with_a0 and re.match(r" [,.;:!?)]", text[end : end + 2]):
            last += 1  # the lost no-break space byte 0xA0 had survived as a plain space
        fixed += 1
    return "".join(out) + text[last:], fixed


def _sequence_length(lead: int) -> int | None:
    """Number of continuation bytes a UTF-8 lead byte announces (None: not a lead byte)."""
    if 0xC2 <= lead <= 0xDF:
        return 1
    if 0xE0 <= lead <= 0xEF:
        return 2
    if 0xF0 <= lead <= 0xF4:
        return 3
    return None


def _decode_run(raw: bytes, before: str, after: str, lossy: bool) -> tuple[str, bool] | None:
    """Decode one run's bytes as UTF-8, restoring dropped bytes; None if it does not decode."""
    out: list[str] = []
    i, guessed_a0 = 0, False
    while i < len(raw):
        need = _sequence_length(raw[i])
        if need is None:
            return None
        j = i + 1
        while j < len(raw) and j - i <= need and 0x80 <= raw[j] <= 0xBF:
            j += 1
        seq = raw[i:j]
        guessed_a0 = False
        if len(seq) == need + 1:
            try:
                out.append(seq.decode("utf-8"))
            except UnicodeDecodeError:
                return None
        elif not lossy:
            return None
        else:
            context = "".join(out)[-3:] if out else before
            following = after[:1] if j == len(raw) else "x"  # more mojibake: a letter, mostly
            guess = _guess(seq, need, context, following)
            if guess is None:
                return None
            out.append(guess)
            guessed_a0 = j == len(raw) and guess.encode("utf-8").endswith(b"\xa0")
        i = j
    return "".join(out), guessed_a0


def _guess(seq: bytes, need: int, before: str, after: str) -> str | None:
    """The most likely character for a UTF-8 sequence that lost bytes, judged by its neighbours."""
    missing = need + 1 - len(seq)
    candidates: list[str] = []
    for slots in _slot_patterns(need, missing):
        for fill in product(_DROPPED, repeat=missing):
            rest, filler = iter(seq[1:]), iter(fill)
            raw = bytes([seq[0], *(next(filler) if s else next(rest) for s in slots)])
            try:
                char = raw.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if unicodedata.category(char).startswith(_ANY_CATEGORY):
                candidates.append(char)
    prev = before[-1:]
    sentence_start = not before.strip() or before.rstrip()[-1] in ".!?:\n"
    if prev.isalpha() and after.isalpha():
        order = ("’", "ß", "œ") if prev.islower() and after.islower() else ("’", "Œ")
    elif prev.isalpha():
        order = ("à", "”", "œ") if prev.islower() else ("À", "”", "Œ")
    elif after.isalpha():
        order = ("“",)
    else:
        order = ("–", "À" if sentence_start else "à", "\xa0")
    for char in (*order, *_LIKELY):
        if char in candidates:
            return char
    printable = [c for c in candidates if unicodedata.category(c) == "Zs"]
    return printable[0] if len(candidates) == 1 and printable else None


def _slot_patterns(need: int, missing: int) -> list[tuple[bool, ...]]:
    """Where the missing bytes may sit among a sequence's ``need`` continuation bytes."""
    patterns = product((True, False), repeat=need)
    return [p for p in patterns if sum(p) == missing]


_FTFY = ftfy.TextFixerConfig(unescape_html=False, uncurl_quotes=False, explain=True)
_TRANSLATE = str.maketrans(
    {
        **dict.fromkeys("’‘‛", "'"),
        **dict.fromkeys("“”„‟", '"'),
        **dict.fromkeys("\t\u00a0\u2007\u202f\u205f\u3000", " "),
        **{chr(c): " " for c in range(0x2000, 0x200B)},
        **dict.fromkeys("\u200b\u2060\ufeff\u00ad"),  # zero-width and soft hyphen: drop
        "\u2028": "\n",
        "\u2029": "\n\n",
        "\f": "\n\n",
        "\v": "\n",
    }
)

#: The characters ``_TRANSLATE`` changes: replaced where they stand (``str.translate`` looks
#: every character of a non-ASCII text up in the table, ten times slower on news text).
_UNTYPOGRAPHIC = re.compile("[" + re.escape("".join(map(chr, _TRANSLATE))) + "]")
_REPLACEMENTS = {chr(k): chr(v) if isinstance(v, int) else v or "" for k, v in _TRANSLATE.items()}


def _untypographic(match: re.Match[str]) -> str:
    return _REPLACEMENTS[match.group()]


@cache  # compiled on first use, not when kg starts
def _fixed_by_ftfy() -> re.Pattern[str]:
    """Every character one of ftfy's fixers (other than the mojibake repair) would change:
    C1 controls, ligatures, full/half-width forms, line separators, surrogates, escapes and
    the control characters it removes."""
    chars = {*LIGATURES, *WIDTH_MAP, *CONTROL_CHARS, *map(ord, "\r\u2028\u2029\x1b")}
    chars |= set(range(0x80, 0xA0)) | set(range(0xD800, 0xE000))
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(chars)) + "]")


def _non_ascii_within(items: list, k: int) -> bool:
    """Whether every match of the parsed pattern ``items`` holds a non-ASCII character among
    its first ``k``; False also when the pattern is beyond this small analysis."""
    if k <= 0 or not items:
        return False
    (op, arg), rest = items[0], items[1:]
    if op is sre.AT:  # an anchor takes no character
        return _non_ascii_within(rest, k)
    if op is sre.SUBPATTERN:
        return _non_ascii_within([*arg[3], *rest], k)
    if op is sre.BRANCH:
        return all(_non_ascii_within([*branch, *rest], k) for branch in arg[1])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[1] == 1:  # "x?" or "x"
        once = _non_ascii_within([*arg[2], *rest], k)
        return once and (arg[0] == 1 or _non_ascii_within(rest, k))
    if op is sre.LITERAL:
        return arg >= 0x80 or _non_ascii_within(rest, k - 1)
    if op is sre.IN:
        ascii_too = any(
            kind is not sre.LITERAL
            and kind is not sre.RANGE
            or (value if kind is sre.LITERAL else value[0]) < 0x80
            for kind, value in arg
        )
        return not ascii_too or _non_ascii_within(rest, k - 1)
    if op in (sre.ANY, sre.NOT_LITERAL):
        return _non_ascii_within(rest, k - 1)
    return False  # lookarounds, back-references, longer repeats: not analysed


@cache  # compiled on first use, not when kg starts
def _quick_badness() -> re.Pattern[str] | None:
    """ftfy's mojibake pattern, tried only where a non-ASCII character is near: the same
    answers, four times faster on news text. None when that equivalence cannot be shown
    for the installed ftfy (every match must hold a non-ASCII character among its first 3)."""
    try:  # the standard library's own regex parser (private: any surprise means "no")
        parsed = sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
        if not _non_ascii_within(list(parsed), 3):
            return None
    except Exception:  # noqa: BLE001
        return None
    near = r"(?=[\s\S]{0,2}[^\x00-\x7f])"
    return re.compile(f"{near}(?:{BADNESS_RE.pattern})", BADNESS_RE.flags)


def _ftfy(text: str) -> tuple[str, list | None]:
    """``ftfy.fix_and_explain`` with our settings, skipping the fixers that have nothing to
    change: most articles hold none of their characters and are in NFC already, and then
    only the mojibake check can change them (the whole of ftfy runs when it does)."""
    if _fixed_by_ftfy().search(text) is None and unicodedata.is_normalized("NFC", text):
        quick = _quick_badness()
        if quick is not None and quick.search(text) is None:
            return text, []  # what ftfy answers for text that does not look like mojibake
        fixed, steps = ftfy.fix_encoding_and_explain(text, _FTFY)
        if fixed == text:
            return fixed, steps
    return ftfy.fix_and_explain(text, _FTFY)


def clean_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Repair mojibake, then normalize; return the text and notes on what was repaired.

    >>> clean_text("Il prezzo \u00e8 salito \u2013 dice l\u2019analista")[0]
    "Il prezzo è salito – dice l'analista"
    """
    repairs: list[str] = []
    text, notes = repair_codepage_mojibake(text)
    repairs.extend(notes)
    fixed_text, steps = _ftfy(text)
    codecs_used = [arg for step, arg in steps or () if step == "encode"]
    if codecs_used:
        repairs.append(f"repaired mojibake (UTF-8 text that had been read as {codecs_used[0]})")
    return normalize_text(fixed_text), tuple(repairs)


def normalize_text(text: str) -> str:
    r"""NFC, straight quotes (« » kept), plain spaces, collapsed blanks, paragraph breaks kept.

    >>> normalize_text("  \u201cCiao\u201d\u00a0 mondo\r\n\n\n\nFine  ")
    '"Ciao" mondo\n\nFine'
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r" {2,}", " ", _UNTYPOGRAPHIC.sub(_untypographic, text))
    text = re.sub(r" ?\n ?", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
