"""Turn Tillväxtverket's *Regional samordning* page into the contact table (one row per county).

Everything is validated before anything is written; problems are collected and reported together,
each naming the county it concerns.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from ..rules import MAX_PAGE_BYTES
from . import counties as cty
from .contacts import ORG_TYPES, PERSON_SEPARATOR, Row, normalise_phone, row_problems, table_problems
from .page import Line, PageTooLarge, read_page
from .validate import field_problem, nfc, url_problem

DEFAULT_SOURCE_URL = (
    "https://tillvaxtverket.se/amnesomraden/regional-kapacitet/service-i-landsbygder/regional-samordning.html"
)

_TYPE_PREFIXES = (
    (re.compile(r"^länsstyrelse(?:n|rna)?\s+i\s+(.+)$", re.I), "lansstyrelse"),
    (re.compile(r"^region(?:en|erna)?\s+i\s+(.+)$", re.I), "region"),
    (re.compile(r"^samverkansorgan(?:et|en)?\s+i\s+(.+)$", re.I), "samverkansorgan"),
)
_PHONE_RE = re.compile(r"^(?:telefon|tel\.?|växel)\s*:?\s*(.+)$", re.I)
_PERIOD_RE = re.compile(r"^regionala serviceprogram\s+(\d{4})\s*[-–—]\s*(\d{4})$", re.I)
_MARKUP_RE = re.compile(r"[<>`]|\$\{|javascript:|&#|&[a-z]+;", re.I)


class IngestError(ValueError):
    """The page cannot be turned into a valid contact table. ``problems`` lists each one."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Block:
    heading: str
    lan_kod: str | None
    org_name: str = ""
    phone: str = ""
    persons: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # lines between the phone and the website not read as persons
    programme_url: str = ""
    info_url: str = ""


@dataclass
class Result:
    rows: list[Row]
    kind: str  # "html" | "text"
    warnings: list[str]


def _starts(line: Line, word: str) -> bool:
    return line.clean.casefold().startswith(word.casefold())


def _index_of(lines: list[Line], word: str, start: int = 0) -> int | None:
    for i in range(start, len(lines)):
        if _starts(lines[i], word):
            return i
    return None


def _split_names(listing: str) -> list[str]:
    listing = re.sub(r"\([^)]*\)", " ", listing).strip(" .:;")
    return [p.strip(" .") for p in re.split(r",|\s+och\s+|\s+samt\s+", listing) if p.strip(" .")]


def parse_responsibility(lines: list[Line]) -> tuple[dict[str, str], list[str]]:
    """``{lan_kod: org_type}`` from the "Ansvariga organisationer" paragraph, plus problems."""
    start = _index_of(lines, "Ansvariga organisationer")
    if start is None:
        return {}, ["the page has no 'Ansvariga organisationer' paragraph: organisation types cannot be read"]
    end = _index_of(lines, "Regionala kontaktpersoner", start + 1) or len(lines)
    types: dict[str, str] = {}
    problems: list[str] = []
    for line in lines[start + 1 : end]:
        text = line.clean
        for pattern, org_type in _TYPE_PREFIXES:
            m = pattern.match(text)
            if not m:
                continue
            for name in _split_names(m.group(1)):
                county = cty.lookup(name)
                if county is None:
                    problems.append(f"'Ansvariga organisationer': unknown county name {name!r}")
                elif county.lan_kod in types:
                    problems.append(
                        f"{county.lan} ({county.lan_kod}): listed twice in 'Ansvariga organisationer' "
                        f"(as {types[county.lan_kod]} and {org_type})"
                    )
                else:
                    types[county.lan_kod] = org_type
            break
    return types, problems


def _next_nonblank(lines: list[Line]) -> list[int | None]:
    """For each index, the index of the next line with text after it (one backward pass: linear)."""
    out: list[int | None] = [None] * len(lines)
    following = None
    for i in range(len(lines) - 1, -1, -1):
        out[i] = following
        if lines[i].clean:
            following = i
    return out


def _is_heading(lines: list[Line], i: int, nxt: int | None) -> bool:
    line = lines[i]
    text = line.clean
    if not text or _PHONE_RE.match(text) or _starts(line, "Här finns") or _starts(line, "Mer information"):
        return False
    if line.heading:
        return True
    if len(text) <= 60 and cty.lookup(text) is not None:
        return True
    return nxt is not None and _starts(lines[nxt], "Här finns") and ":" not in text and len(text) <= 60


def _pick_link(line: Line) -> str:
    """The address of a line's link: the first whose text is more than the screen-reader suffix."""
    with_href = [ln for ln in line.links if ln.href]
    for link in with_href:
        if Line(link.text).clean:
            return link.href
    return with_href[0].href if with_href else ""


def _parse_block(heading: str, body: list[Line]) -> Block:
    county = cty.lookup(heading)
    block = Block(heading, county.lan_kod if county else None)
    phone_at = None
    for i, line in enumerate(body):
        m = _PHONE_RE.match(line.clean)
        if m:
            phone_at = i
            block.phone = m.group(1).strip()
            break
    if phone_at is not None:
        before = [ln for ln in body[:phone_at] if ln.clean and not _starts(ln, "Här finns")]
        block.org_name = before[-1].clean if before else ""
        ended = False
        for line in body[phone_at + 1 :]:
            text = line.clean
            if not text:  # blank, or only a link's screen-reader suffix (HTML may give each name its own <p>)
                continue
            if _starts(line, "Mer information") or _starts(line, "Här finns"):
                break  # the website line ends the names
            if ended or ":" in text or "http" in text or "@" in text:
                # Not a name ("Senast uppdaterad: …", an address); the names stop here, and whatever
                # follows is reported rather than dropped unseen.
                ended = ended or ":" in text or "http" in text
                block.skipped.append(text)
                continue
            block.persons.append(text)
    for line in body:
        if _starts(line, "Här finns") and not block.programme_url:
            block.programme_url = _pick_link(line)
        elif _starts(line, "Mer information") and not block.info_url:
            block.info_url = _pick_link(line)
    return block


def parse_blocks(lines: list[Line]) -> tuple[list[Block], list[str]]:
    start = _index_of(lines, "Regionala kontaktpersoner")
    if start is None:
        return [], ["the page has no 'Regionala kontaktpersoner' section: no contact blocks found"]
    section = lines[start + 1 :]
    level = lines[start].heading
    if level:
        # HTML: the section ends at the next heading of its own rank or higher that does not open a
        # contact block (the page's footer, say); county headings may share the section's rank.
        def opens_block(i: int) -> bool:
            if cty.lookup(section[i].clean) is not None:
                return True
            following = section[i + 1 : i + 4]
            return any(_starts(ln, "Här finns") for ln in following)

        end = next(
            (i for i, ln in enumerate(section) if ln.heading and ln.heading <= level and not opens_block(i)),
            len(section),
        )
        section = section[:end]
    following = _next_nonblank(section)
    heads = [i for i in range(len(section)) if _is_heading(section, i, following[i])]
    blocks: list[Block] = []
    for n, i in enumerate(heads):
        body = section[i + 1 : heads[n + 1] if n + 1 < len(heads) else len(section)]
        block = _parse_block(section[i].clean, body)
        is_contact = block.lan_kod is not None or block.phone or any(_starts(ln, "Här finns") for ln in body)
        if is_contact:
            blocks.append(block)
    return blocks, []


def parse_period(lines: list[Line]) -> str | None:
    for line in lines:
        m = _PERIOD_RE.match(line.clean)
        if m:
            return f"{m.group(1)}-{m.group(2)}"
    return None


def read_links(path) -> dict[str, dict[str, str]]:
    """The project's link supplement, ``{lan_kod: {"info_url": …, "programme_url": …}}``."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return {r["lan_kod"]: r for r in csv.DictReader(fh)}
    except FileNotFoundError:
        return {}


def _clean_url(href: str, base: str, where: str, warnings: list[str]) -> str:
    if not href:
        return ""
    url = urljoin(base, href.strip())
    if why := url_problem(url):
        warnings.append(f"{where}: link {href!r} is refused ({why}); left empty")
        return ""
    return url


def ingest(
    page_text: str,
    links: dict[str, dict[str, str]],
    source_url: str = DEFAULT_SOURCE_URL,
    retrieved: str = "",
) -> Result:
    """Parse and validate; raises IngestError listing every problem, naming the county.

    Linear in the page's size; a page over MAX_PAGE_BYTES or MAX_LINES is refused. ``retrieved``: the
    day the page was read (today when not given).
    """
    retrieved = retrieved or dt.date.today().isoformat()
    if len(page_text) > MAX_PAGE_BYTES:
        raise IngestError(
            [f"the page is {len(page_text) / 1e6:.1f} million characters; at most {MAX_PAGE_BYTES // 2**20} MB is read"]
        )
    try:
        lines, kind = read_page(page_text)
    except PageTooLarge as exc:
        raise IngestError([str(exc)]) from None
    problems: list[str] = []
    warnings: list[str] = []
    by_code = cty.by_code()

    period = parse_period(lines)
    if period is None:
        problems.append("the page names no programme period ('Regionala serviceprogram YYYY-YYYY')")

    types, p = parse_responsibility(lines)
    problems += p
    blocks, p = parse_blocks(lines)
    problems += p

    found = _blocks_by_county(blocks, by_code, problems)
    problems += _coverage_problems(by_code, types, found)
    rows: list[Row] = []
    for code, block in sorted(found.items()):
        name = f"{by_code[code].lan} ({code})"
        e164 = _check_block(name, block, problems, warnings)
        if code in types and not problems:
            rows.append(
                _row(
                    by_code[code],
                    block,
                    types[code],
                    e164,
                    kind,
                    links.get(code, {}),
                    {"period": period or "", "source_url": source_url, "retrieved": retrieved},
                    problems,
                    warnings,
                )
            )

    if not problems:  # the contact table's own rules, as the build and the app's load apply them
        for row in rows:
            problems += [f"{row['lan']} ({row['lan_kod']}): {p}" for p in row_problems(row)]
        problems += table_problems(rows)
    if problems:
        raise IngestError(problems)
    assert {r["org_type"] for r in rows} <= set(ORG_TYPES)
    return Result(rows, kind, warnings)


def _blocks_by_county(blocks: list[Block], by_code, problems: list[str]) -> dict[str, Block]:
    """Each county's contact block; an unknown county or a second block is a problem."""
    found: dict[str, Block] = {}
    for block in blocks:
        if block.lan_kod is None:
            problems.append(f"contact block {block.heading!r}: unknown county name")
            continue
        name = f"{by_code[block.lan_kod].lan} ({block.lan_kod})"
        if block.lan_kod in found:
            problems.append(f"{name}: more than one contact block")
            continue
        found[block.lan_kod] = block
    return found


def _coverage_problems(by_code, types: dict[str, str], found: dict[str, Block]) -> list[str]:
    """Every county needs both an organisation type and a contact block."""
    problems = []
    for code, county in by_code.items():
        name = f"{county.lan} ({code})"
        in_types, block = code in types, found.get(code)
        if not in_types and block is None:
            problems.append(f"{name}: missing from the page (no organisation type and no contact block)")
        elif not in_types:
            problems.append(f"{name}: has a contact block but is not named in 'Ansvariga organisationer'")
        elif block is None:
            problems.append(f"{name}: named in 'Ansvariga organisationer' but has no contact block")
    return problems


def _check_block(name: str, block: Block, problems: list[str], warnings: list[str]) -> str | None:
    """A block's own problems and warnings; returns its phone number in E.164 form (None if it has none)."""
    if not block.org_name:
        problems.append(f"{name}: contact block has no organisation")
    if not block.phone:
        problems.append(f"{name}: contact block has no 'Telefon:' line")
    e164 = normalise_phone(block.phone) if block.phone else None
    if block.phone and e164 is None:
        problems.append(f"{name}: phone {block.phone!r} is not a valid Swedish number")
    if not block.persons:
        problems.append(f"{name}: contact block names no contact person")
    if block.skipped:
        listed = ", ".join(repr(x[:80]) for x in block.skipped[:5]) + (" …" if len(block.skipped) > 5 else "")
        warnings.append(
            f"{name}: {len(block.skipped)} line(s) after the phone were not read as contact persons "
            f"(they hold ':', 'http' or '@', or follow such a line): {listed}; check the block"
        )
    return e164


def _row(
    county,
    block: Block,
    org_type: str,
    e164: str | None,
    kind: str,
    supplement: dict[str, str],
    page: dict[str, str],
    problems: list[str],
    warnings: list[str],
) -> Row:
    """A county's row of the contact table: the block's values, links from the page (HTML) or else from
    links.csv, every field NFC-normalised and checked."""
    name, source_url = f"{county.lan} ({county.lan_kod})", page["source_url"]
    if kind == "html":
        programme = _clean_url(block.programme_url, source_url, f"{name} programme link", warnings)
        info = _clean_url(block.info_url, source_url, f"{name} website link", warnings)
    else:
        programme = info = ""
    programme = programme or _clean_url(supplement.get("programme_url", ""), source_url, f"{name} links.csv", warnings)
    info = info or _clean_url(supplement.get("info_url", ""), source_url, f"{name} links.csv", warnings)
    row = {
        "period": page["period"],
        "lan_kod": county.lan_kod,
        "lan": county.lan,
        "iso_3166_2": county.iso_3166_2,
        "org_type": org_type,
        "org_name": block.org_name,
        "phone": block.phone,
        "phone_e164": e164 or "",
        "contact_persons": PERSON_SEPARATOR.join(block.persons),
        "programme_url": programme,
        "info_url": info,
        "source_url": source_url,
        "retrieved": page["retrieved"],
    }
    for col in ("org_name", "phone", "contact_persons", "programme_url", "info_url"):
        row[col] = nfc(row[col])
        if why := field_problem(row[col]):
            problems.append(f"{name}: {col} {why}")
        elif _MARKUP_RE.search(row[col]):
            warnings.append(f"{name}: {col} looks like markup ({row[col]!r}); kept literally, the app shows it as text")
    return row
