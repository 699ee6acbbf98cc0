"""The monthly refresh (deploy/rsp-kartan-refresh.timer and .service, `python -m geo refresh`): the units pass
systemd-analyze, and the service's own command, run against a mirror of the regions' sites on 127.0.0.1,
checks every address, rebuilds the data file, and the app, already running, serves the rebuilt data (its
first view, its feed) without a restart. A failed check or build leaves the served file as it was."""

from __future__ import annotations

import configparser
import csv
import os
import shlex
import shutil
import subprocess
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from support.browser import ROOT, streamlit_server, wait_until
from support.data import cli, digest
from support.mirror import mirror_of

from geo.data.linkcheck import CONNECT_TO_ENV
from geo.paths import DATA_ENV, GPKG_ENV

UNITS = ("rsp-kartan-refresh.timer", "rsp-kartan-refresh.service")
DATA_FILES = ("contacts.csv", "today.csv", "links.csv", "counties.csv", "hosts.csv")
ATOM = "{http://www.w3.org/2005/Atom}"
UPPSALA_NEW_TITLE = "Investeringsbidrag för kommersiell service (ny rubrik)"


def _units_for_this_checkout(tmp_path: Path) -> list[Path]:
    """The units with /srv/rsp-kartan replaced by this checkout (what docs/deploy.md's install step does)."""
    out = []
    for name in UNITS:
        path = tmp_path / name
        text = (ROOT / "deploy" / name).read_text(encoding="utf-8")
        path.write_text(text.replace("/srv/rsp-kartan", str(ROOT)), encoding="utf-8")
        out.append(path)
    return out


def _section(unit: Path, name: str):
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(unit)
    return parser[name]


def test_the_timer_and_its_service_pass_systemd_analyze(tmp_path):
    timer, service = _units_for_this_checkout(tmp_path)
    res = subprocess.run(
        ["systemd-analyze", "verify", str(timer), str(service)], capture_output=True, text=True, timeout=60
    )
    assert res.returncode == 0 and res.stdout + res.stderr == "", res.stdout + res.stderr  # a bad line only warns
    when = _section(timer, "Timer")
    assert when["OnCalendar"] == "monthly" and when["RandomizedDelaySec"] and when["Persistent"] == "true"
    assert when["Unit"] == service.name
    run = _section(service, "Service")
    assert run["Type"] == "oneshot" and run["ExecStart"] == f"{ROOT}/.venv/bin/python -m geo refresh"
    assert run["ReadWritePaths"] == f"{ROOT}/data"  # it writes the data folder, nothing else


@pytest.fixture
def site(tmp_path, gpkg):
    """A data folder (the committed files and the session's GeoPackage, no change log yet), and a mirror of
    every host its addresses name."""
    data = tmp_path / "data"
    data.mkdir()
    for name in DATA_FILES:
        shutil.copy(ROOT / "data" / name, data / name)
    shutil.copy(gpkg, data / "rsp.gpkg")
    with mirror_of(data, tmp_path) as mirror:
        yield data, mirror


def _refresh(data: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """The service's ExecStart line, run as the unit would run it, on ``data``."""
    argv = shlex.split(
        _section(_units_for_this_checkout(data.parent)[1], "Service")["ExecStart"]
    )  # .venv/bin/python -m geo refresh
    env = {**os.environ, DATA_ENV: str(data), GPKG_ENV: str(data / "rsp.gpkg"), **env}
    return subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def _set_today(data: Path, code: str, **values: str) -> str:
    """Change county ``code``'s values in the folder's today.csv; returns its support address."""
    path = data / "today.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    columns = list(rows[0])
    for row in rows:
        if row["lan_kod"] == code:
            row.update(values)
            support = row["support_url"]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return support


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=20) as resp:
        return resp.read().decode("utf-8")


def test_the_service_checks_rebuilds_and_the_running_app_serves_the_new_data(site):
    data, mirror = site
    support = _set_today(data, "03", support_title=UPPSALA_NEW_TITLE)
    mirror.dead.add(support.removeprefix("https://"))  # the mirror answers 404 there: a dead link to mark
    with streamlit_server(env={GPKG_ENV: str(data / "rsp.gpkg")}) as url:
        before = _get(f"{url}/?lan=03")
        assert "Investeringsbidrag kommersiell service" in before and UPPSALA_NEW_TITLE not in before
        res = _refresh(data, mirror.env())
        assert res.returncode == 0, res.stdout + res.stderr
        assert "1 change(s) appended" in res.stdout
        with open(data / "link-check.csv", encoding="utf-8") as fh:
            checked = {r["url"]: r["status"] for r in csv.DictReader(fh)}
        assert checked[support] == "404" and sum(s == "200" for s in checked.values()) >= len(checked) - 2
        assert any(line.startswith("HEAD ") for line in mirror.asked)  # the check went to the mirror
        # the app, never restarted, serves the rebuilt file: the new title, the dead mark, the log and its feed
        page = wait_until(
            lambda: next((html for html in [_get(f"{url}/?lan=03")] if UPPSALA_NEW_TITLE in html), None),
            timeout=30,
            what="the running app to serve the rebuilt data",
        )
        assert "fungerade inte vid kontroll" in page
        feed = ET.fromstring(_get(f"{url}/_rsp/andringar.atom").encode())
        [entry] = feed.findall(f"{ATOM}entry")
        assert UPPSALA_NEW_TITLE in entry.find(f"{ATOM}content").text
        assert UPPSALA_NEW_TITLE in _get(f"{url}/andringar")


def test_a_check_that_fails_or_a_build_that_fails_leaves_the_served_file(site, monkeypatch):
    """The refusals, in-process (the same main() as the service's command)."""
    data, mirror = site
    served = digest(data / "rsp.gpkg")
    for key, value in {DATA_ENV: str(data), GPKG_ENV: str(data / "rsp.gpkg"), **mirror.env()}.items():
        monkeypatch.setenv(key, value)
    # the network is down (nothing listens where the check connects): refused, nothing written
    monkeypatch.setenv(CONNECT_TO_ENV, "127.0.0.1:9")
    res = cli("refresh")
    assert res.returncode == 1 and "more likely this machine's network" in res.stderr, res.stderr
    assert not (data / "link-check.csv").exists() and digest(data / "rsp.gpkg") == served
    # the check works but today.csv is broken: the build refuses, the served file stays, the journal says why
    monkeypatch.setenv(CONNECT_TO_ENV, mirror.address)
    _set_today(data, "03", checked="2026-13-45")
    res = cli("refresh")
    assert res.returncode == 1 and "today.csv is not valid; nothing was written" in res.stderr, res.stderr
    assert "03" in res.stderr and digest(data / "rsp.gpkg") == served
