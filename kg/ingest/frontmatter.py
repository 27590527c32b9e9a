"""Article metadata written into the text itself: the ``---`` header and a leading date token.

A header is ``---`` / ``key: value`` lines / ``---``; the keys kg knows are title, url,
published and lang (others are ignored, so headers written for other tools still load).
Values are validated here so an error can name the line it is on.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from kg.errors import InputError

KEYS: tuple[str, ...] = ("title", "url", "published", "lang")

_DATE = re.compile(
    r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?"
)
_LANG = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")
_KEY = re.compile(r"[A-Za-z_][\w.-]*")
_DATE_TOKEN = re.compile(r"\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*", re.IGNORECASE)


def parse_published(value: str) -> str:
    """Validate a publication date; return it as ISO 8601 YYYY, YYYY-MM or YYYY-MM-DD.

    A timestamp keeps only its date. Raises ValueError naming the value when it is not a
    real date in one of those forms.

    >>> parse_published("2024-02-26T10:00:00Z")
    '2024-02-26'
    >>> parse_published("2023-12")
    '2023-12'
    """
    match = _DATE.fullmatch(value.strip())
    problem = ValueError(
        f"bad published date {value!r} (expected YYYY, YYYY-MM or YYYY-MM-DD, a real date)"
    )
    if not match:
        raise problem
    year, month, day = match["y"], match["m"], match["d"]
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
        if match["H"] is not None:
            dt.time(int(match["H"]), int(match["M"]), min(int(match["S"] or 0), 59))
    except ValueError:
        raise problem from None
    return "-".join(part for part in (year, month, day) if part)


def parse_lang(value: str) -> str:
    """Return the ISO 639 primary code of a language tag ("it-IT" → "it").

    >>> parse_lang("fr-CA")
    'fr'
    """
    match = _LANG.fullmatch(value.strip())
    if not match:
        raise ValueError(f"bad language code {value!r}")
    return match.group(1).lower()


def check_url(value: str) -> str:
    """Return ``value`` when it is an absolute URL, else raise ValueError.

    >>> check_url("https://news.example/zephyr-robotics")
    'https://news.example/zephyr-robotics'
    """
    url = value.strip()
    parts = urlsplit(url)
    if not parts.scheme or not (parts.netloc or parts.scheme == "urn") or re.search(r"\s", url):
        raise ValueError(f"bad url {value!r} (expected an absolute URL such as https://...)")
    return url


def split_front_matter(text: str, *, source: str) -> tuple[dict[str, str], str]:
    """Split an optional ``---`` header off ``text``; return its known keys and the body.

    Raises InputError naming ``source`` and the line for a header that is not closed, a line
    that is not ``key: value``, or a value that does not validate.

    >>> split_front_matter("---\\ntitle: Zephyr\\nlang: it\\n---\\nTesto.", source="a.txt")
    ({'title': 'Zephyr', 'lang': 'it'}, 'Testo.')
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return {}, text
    if not any(line.strip() in ("---", "...") for line in lines[1:]):
        raise InputError(source, "broken front matter: no closing '---'", line=1)
    meta: dict[str, str] = {}
    for number, line in enumerate(lines[1:], start=2):
        stripped = line.strip()
        if stripped in ("---", "..."):
            return meta, "\n".join(lines[number:])
        if not stripped or stripped.startswith("#"):
            continue
        key, colon, value = stripped.partition(":")
        key = key.strip().lower()
        if not colon or not _KEY.fullmatch(key):
            shown = stripped if len(stripped) <= 40 else stripped[:37] + "..."
            raise InputError(
                source, f"broken front matter: expected 'key: value', got {shown!r}", line=number
            )
        if key in KEYS:
            value = _unquote(value.strip())
            if value:
                try:
                    meta[key] = _validate(key, value)
                except ValueError as err:
                    raise InputError(source, str(err), line=number) from None
    raise AssertionError("unreachable: a closing line exists")


def take_date_token(text: str) -> tuple[str | None, str]:
    """Remove a leading "date YYYY-MM[-DD]" token; return its date (or None) and the text.

    >>> take_date_token(" date 2024-02 Zephyr Robotics raccoglie fondi")
    ('2024-02', 'Zephyr Robotics raccoglie fondi')
    """
    match = _DATE_TOKEN.match(text)
    if not match:
        return None, text
    try:
        date = parse_published(match.group(1))
    except ValueError:
        return None, text
    return date, text[match.end() :]


def _unquote(value: str) -> str:
    """Drop matching surrounding quotes, or else a trailing ``# comment``."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return re.sub(r"\s+#.*$", "", value).strip()


def _validate(key: str, value: str) -> str:
    """Check and normalize one known header value."""
    if key == "published":
        return parse_published(value)
    if key == "lang":
        return parse_lang(value)
    if key == "url":
        return check_url(value)
    return value
