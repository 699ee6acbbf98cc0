"""Benchmark: ingest of hostile and huge pages stays bounded (issue "Harden …": under 10 s for 20 MB).

    .venv/bin/python -m bench.ingest

Each case is a page of about 20 MB built here from the test fixture, ingested the way `python -m geo ingest`
does (through the command line, in a fresh process, so that reading the file is timed too). Prints a
Markdown table (median of REPS runs, peak RSS of the process) and writes bench/results/ingest.json.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
RESULTS = ROOT / "bench" / "results"
REPS = int(os.environ.get("BENCH_REPS", "3"))
MB = 1024 * 1024
TARGET = 20 * MB - 4096  # just under the limit


def _fill(page: str, marker: str, unit: str) -> str:
    n = max(0, (TARGET - len(page.encode())) // len(unit.encode()))
    return page.replace(marker, marker + unit * n, 1)


def cases() -> dict[str, str]:
    text = (FIXTURES / "regional-samordning.txt").read_text(encoding="utf-8")
    html = (FIXTURES / "regional-samordning.html").read_text(encoding="utf-8")
    return {
        "text: seed + short lines after 'Regionala kontaktpersoner'": _fill(
            text, "Regionala kontaktpersoner\n", "rad\n"
        ),
        "text: seed + one 20 MB line": _fill(text, "Regionala kontaktpersoner\n", "x"),
        "html: seed + <p> paragraphs": _fill(html, "</h2>", "<p>rad</p>"),
        "html: seed + one huge <script>": html.replace(
            "</body>", "<script>" + "x" * (TARGET - len(html)) + "</script></body>"
        ),
        "html: seed + one huge attribute": html.replace(
            "</body>", '<img src="data:,' + "x" * (TARGET - len(html)) + '"></body>'
        ),
        "text: seed only (a real page)": text,
        "over the limit: 20 MB + 1 byte": "x" * (20 * MB + 1),
    }


def run_case(path: Path, out: Path) -> tuple[float, int, float]:
    start = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import resource, sys, runpy; sys.argv = ['geo'] + sys.argv[1:]; "
            "code = 0\n"
            "try:\n    runpy.run_module('geo', run_name='__main__')\nexcept SystemExit as e:\n    code = e.code or 0\n"
            "print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(code)",
            "ingest",
            str(path),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    rss = next((int(line.split()[1]) for line in proc.stderr.splitlines() if line.startswith("MAXRSS")), 0)
    return elapsed, proc.returncode, rss / 1024


def main() -> int:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, page in cases().items():
            path = Path(tmp) / "page"
            path.write_text(page, encoding="utf-8")
            runs = [run_case(path, Path(tmp) / "contacts.csv") for _ in range(REPS)]
            rows.append(
                {
                    "case": name,
                    "bytes": path.stat().st_size,
                    "seconds_median": round(statistics.median(r[0] for r in runs), 2),
                    "exit": runs[0][1],
                    "peak_rss_mib": round(max(r[2] for r in runs)),
                }
            )
            print(rows[-1], flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "ingest.json").write_text(json.dumps({"reps": REPS, "rows": rows}, indent=2, ensure_ascii=False) + "\n")
    print("\n| case | size | median time | exit | peak RSS |\n|---|---|---|---|---|")
    for r in rows:
        outcome = "written" if r["exit"] == 0 else "refused"
        print(
            f"| {r['case']} | {r['bytes'] / MB:.1f} MB | {r['seconds_median']} s | {r['exit']} ({outcome}) | {r['peak_rss_mib']} MiB |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
