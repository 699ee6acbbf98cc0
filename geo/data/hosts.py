"""The reviewed hosts: every web address in the data files must go to a host that a person has reviewed for
its county (``data/hosts.csv``: the region's own domain, and each other host with the reason it may be
linked: the Länsstyrelse of 2014–2020, a local paper that was the source of a fact). A domain there covers
its subdomains; ``*`` reviews it for every county. Hosts are compared in their IDNA-normalised form, so a
look-alike inside the Latin script (a dotless ı, "rn" for "m") is simply another, unreviewed name: a new
host stops the build, naming the county, the field and the host, until it is reviewed and added.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from ..paths import HOSTS_CSV
from .counties import by_code
from .validate import TableError, canonical_host, host_problem, read_table, text_problem, url_problem

COLUMNS = ("lan_kod", "domain", "reason")
EVERY_COUNTY = "*"


class HostsError(ValueError):
    """``data/hosts.csv`` breaks its format; the message names each line."""


@lru_cache(maxsize=4)
def _reviewed(path: Path, mtime_ns: int) -> dict[str, frozenset[str]]:
    try:
        numbered, problems = read_table(path, COLUMNS)
    except TableError as exc:
        raise HostsError(f"{path}: {exc}") from exc
    counties = by_code()
    found: dict[str, set[str]] = {}
    for n, row in numbered:
        code, domain, reason = row["lan_kod"].strip(), row["domain"].strip().lower(), row["reason"].strip()
        if code != EVERY_COUNTY and code not in counties:
            problems.append(f"line {n}: lan_kod {code[:10]!r} is neither a county code nor {EVERY_COUNTY}")
        if why := host_problem(domain):
            problems.append(f"line {n}: domain {why}")
        elif canonical_host(domain) != domain:
            problems.append(
                f"line {n}: domain {domain!r} is not written in its ASCII form ({canonical_host(domain)!r})"
            )
        if not reason or text_problem(reason):
            problems.append(f"line {n}: a reviewed host needs its reason, in plain text")
        found.setdefault(code, set()).add(domain)
    if problems:
        raise HostsError(f"{path}: " + "; ".join(problems))
    return {code: frozenset(domains) for code, domains in found.items()}


HOSTS_FILE = HOSTS_CSV  # the file the rule reads (the ingest tests read a copy of the page with made-up hosts)


def reviewed(path: Path | None = None) -> dict[str, frozenset[str]]:
    """The reviewed domains by county code (and ``*``), read once per version of the file."""
    path = Path(path or HOSTS_FILE)
    return _reviewed(path, path.stat().st_mtime_ns)


def covers(domains: Iterable[str], host: str) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def review_problem(lan_kod: str, url: str, path: Path | None = None) -> str | None:
    """Why ``url`` (an address the other rules take) may not stand in county ``lan_kod``'s row, or None."""
    host = canonical_host(urlsplit(url).hostname or "")
    lists = reviewed(path)
    if covers(lists.get(lan_kod, ()), host) or covers(lists.get(EVERY_COUNTY, ()), host):
        return None
    return (
        f"host {host!r} is not among the hosts reviewed for this county (data/hosts.csv): review it and add it "
        f"with its reason, or correct the address"
    )


def address_problem(lan_kod: str, url: str) -> str | None:
    """The data files' rule for an address in county ``lan_kod``'s row: a clean http(s) address to a public
    host (geo/data/validate.url_problem), and a host reviewed for the county."""
    return url_problem(url) or review_problem(lan_kod, url)
