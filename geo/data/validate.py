"""Field checks shared by the data files: text without control characters or markup, web addresses, dates."""

from __future__ import annotations

import csv
import datetime as dt
import ipaddress
import re
import unicodedata
from urllib.parse import urlsplit

from ..rules import MAX_FIELD_LEN

# Markup: a tag opening or closing (<a, </a, <!--), or an HTML entity that could hide one.
_MARKUP = re.compile(r"<\s*[/!?a-zA-Z]|&#?\w+;")
_URL_FORBIDDEN = re.compile(r"[\s\"'<>`\\]")


def control_chars(value: str) -> list[str]:
    """Control and format characters other than ordinary space, as ``U+XXXX`` (NUL, ESC, VT, U+202E …)."""
    found = []
    for char in value:
        if char == " ":
            continue
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") or char in "\u0085":
            code = f"U+{ord(char):04X}"
            if code not in found:
                found.append(code)
    return found


def field_problem(value: str) -> str | None:
    """Why a data value is refused (control characters, absurd length), or None. Markup is allowed here:
    the contact table keeps it literally and the app shows it as text."""
    bad = control_chars(value)
    if bad:
        return f"contains control characters ({', '.join(bad)}): {value[:60]!r}"
    if len(value) > MAX_FIELD_LEN:
        return f"is {len(value):,} characters long (at most {MAX_FIELD_LEN})"
    return None


def text_problem(value: str) -> str | None:
    """Why a text field is refused, or None. Fields are one line of plain text."""
    if why := field_problem(value):
        return why
    if _MARKUP.search(value):
        return f"looks like markup ({value!r})"
    return None


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


# Host names a data file may link to. Refused: user info ("www.region.se@evil.example" reads as the region but
# goes to evil.example), IP literals, loopback and private names, percent-encoding, and labels that mix
# scripts or use any but the Latin one (a Cyrillic "о" in "regionstockholm"); see host_problem.
_PRIVATE_SUFFIXES = ("localhost", "localdomain", "local", "internal", "intranet", "lan", "home", "corp", "home.arpa")
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


def _script(char: str) -> str:
    """The script of a letter by its Unicode name ("LATIN SMALL LETTER A WITH RING ABOVE" → "LATIN")."""
    return unicodedata.name(char, "?").split(" ")[0]


def host_problem(host: str) -> str | None:
    """Why a host name may not be linked to, or None. ``host`` as written in the address."""
    if not host:
        return "has no host"
    if "%" in host:
        return f"host {host!r} is percent-encoded"
    if _is_ip(host):
        return f"host {host!r} is an IP address, not a name"
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
        unicode_host = ascii_host.encode("ascii").decode("idna")
    except (UnicodeError, ValueError):
        return f"host {host!r} is not a valid domain name"
    labels = ascii_host.rstrip(".").split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels) or labels[-1].isdigit():
        return f"host {host!r} is not a public domain name"
    name = ascii_host.rstrip(".")
    if any(name == s or name.endswith("." + s) for s in _PRIVATE_SUFFIXES):
        return f"host {host!r} is a local or private name"
    for label in unicode_host.split("."):
        scripts = {_script(c) for c in label if c.isalpha()}
        if scripts - {"LATIN"}:
            mixed = "mixes scripts" if len(scripts) > 1 else "is not in the Latin script"
            return f"host {host!r} {mixed} ({', '.join(sorted(scripts))} in {label!r}): a look-alike of another name?"
    written = host.lower()
    if written not in (ascii_host, unicode_host):
        # a fullwidth dot "．", a compatibility letter: a browser reads it as another name than the one written
        return f"host {host!r} is not written as the name it stands for ({unicode_host!r}): write that instead"
    return None


def canonical_host(host: str) -> str:
    """A host as IDNA normalises it, lower case, in its ASCII form without a final dot ("" when it is none)."""
    try:
        return host.encode("idna").decode("ascii").lower().rstrip(".")
    except (UnicodeError, ValueError):
        return ""


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    # Forms browsers read as IPv4 too: 2130706433, 0x7f.1, 127.1
    return bool(re.fullmatch(r"(?:0x[0-9a-f]+|\d+)(?:\.(?:0x[0-9a-f]+|\d+)){0,3}\.?", host, re.I))


def url_problem(value: str, allow_hosts: frozenset[str] = frozenset()) -> str | None:
    """Why a web address is refused, or None: only http(s) to a public host name (host_problem), no user
    info, no spaces, quotes or control characters. ``allow_hosts``: hosts taken although not public (the
    link check's local test server)."""
    if _URL_FORBIDDEN.search(value) or control_chars(value):
        return f"{value!r} contains spaces, quotes or control characters"
    try:
        parts = urlsplit(value)
    except ValueError:  # "http://[x/": an unclosed IPv6 bracket
        return f"{value!r} is not a valid web address"
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"{value!r} is not an http(s) address"
    if "@" in parts.netloc:
        return f"{value!r} has user info before its host (the link would go to what follows the '@')"
    try:
        _ = parts.port
    except ValueError:
        return f"{value!r} has an invalid port"
    host = parts.hostname or ""  # lower case, an IPv6 literal without its brackets
    if host not in allow_hosts and (why := host_problem(host)):
        return f"{value!r}: {why}"
    return None


def iso_date_problem(value: str, latest: dt.date | None = None) -> str | None:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return f"{value!r} is not a date (YYYY-MM-DD)"
    if latest is not None and day > latest:
        return f"{value} is in the future"
    return None


class TableError(ValueError):
    """A CSV data file cannot be read at all, or its header is not the contract's."""


def read_table(path, columns: tuple[str, ...]) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """A UTF-8 CSV data file (a byte-order mark, as Excel writes, is fine) as ``(line number, row)`` pairs,
    every value NFC-normalised, plus the lines with the wrong number of fields. Raises TableError when the
    file cannot be read or its columns are not ``columns``."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = tuple(reader.fieldnames or ())
            raw = [dict(r) for r in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise TableError(f"cannot be read ({exc.__class__.__name__}: {exc})") from exc
    if header != columns:
        raise TableError(f"columns are {list(header)}, expected {list(columns)}")
    rows, broken = [], []
    for n, row in enumerate(raw, start=2):
        if None in row or any(v is None for v in row.values()):
            broken.append(f"line {n}: wrong number of fields")
        else:
            rows.append((n, {k: nfc(v) for k, v in row.items()}))
    return rows, broken
