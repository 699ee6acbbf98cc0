"""geo/data/hosts.py and data/hosts.csv: every address in the data files goes to a host reviewed for its county;
a look-alike inside the Latin script is just another, unreviewed name, and the build refuses it, naming the
county, the field and the host, and leaving the GeoPackage as it was."""

from __future__ import annotations

import csv

import pytest
from support.data import cli, digest

from geo.data.hosts import HostsError, address_problem, reviewed
from geo.data.validate import canonical_host, host_problem
from geo.paths import CONTACTS_CSV, TODAY_CSV

# (file, county, field, the address put there, what the refusal says)
HOSTILE = [
    ("today", "01", "region_url", "https://www.reg\u0131onstockholm.se/", "www.xn--regonstockholm-"),  # dotless ı
    ("today", "01", "support_url", "https://www.regionstockholrn.se/stod", "www.regionstockholrn.se"),  # rn for m
    ("today", "01", "support_url", "https://www.regionstockholm\uff0ese/stod", "is not written as the name"),  # ．
    ("contacts", "01", "info_url", "https://www.regionstockholm\uff0ese/", "is not written as the name"),
    ("contacts", "25", "info_url", "https://www.norrbotten.se.evil.example/", "www.norrbotten.se.evil.example"),
    ("today", "25", "region_url", "https://evilnorrbotten.se/", "evilnorrbotten.se"),  # no dot before the domain
    ("today", "03", "source_url", "https://www.lansstyrelsen.se/uppsala", "www.lansstyrelsen.se"),  # not Uppsala's
    ("today", "20", "source_url", "https://www.borlange.se.example.com/", "www.borlange.se.example.com"),
    ("contacts", "09", "programme_url", "https://xn--gotlnd-bua.se/program", "xn--gotlnd-bua.se"),  # gotlånd.se
    ("today", "14", "programme_url", "https://www.vgreg1on.se/rsp", "www.vgreg1on.se"),  # a digit for an i
]


def _copy_with(kind: str, code: str, field: str, value: str, folder) -> tuple[str, str]:
    source = CONTACTS_CSV if kind == "contacts" else TODAY_CSV
    with open(source, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        columns, rows = reader.fieldnames, list(reader)
    for row in rows:
        if row["lan_kod"] == code:
            row[field] = value
    out = folder / source.name
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return ("--contacts", str(out)) if kind == "contacts" else ("--today", str(out))


@pytest.mark.parametrize("kind, code, field, value, needle", HOSTILE)
def test_a_hostile_host_is_refused_at_build_naming_county_field_and_host(
    gpkg, tmp_path, kind, code, field, value, needle
):
    before = digest(gpkg)
    option = _copy_with(kind, code, field, value, tmp_path)
    res = cli("build", *option, "--out", str(gpkg))
    assert res.returncode == 1, res.stdout
    line = next((x for x in res.stderr.splitlines() if f"({code})" in x and field in x), "")
    assert needle in line, res.stderr
    assert digest(gpkg) == before


def test_every_current_address_is_to_a_reviewed_host():
    for source in (CONTACTS_CSV, TODAY_CSV):
        with open(source, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                for field, value in row.items():
                    if field.endswith("url") and value:
                        assert address_problem(row["lan_kod"], value) is None, (source.name, row["lan_kod"], field)


@pytest.mark.parametrize(
    "host, normal",
    [
        ("www.regionstockholm\uff0ese", "www.regionstockholm.se"),
        ("WWW.Gotland.SE.", "www.gotland.se"),
        ("www.sörmland.se", "www.xn--srmland-90a.se"),
    ],
)
def test_hosts_are_compared_after_idna_normalisation(host, normal):
    assert canonical_host(host) == normal


def test_a_host_written_otherwise_than_it_reads_is_refused_everywhere():
    assert "is not written as the name" in host_problem("www.regionstockholm\uff0ese")
    assert host_problem("www.sörmland.se") is None  # Swedish letters written as themselves are fine


@pytest.mark.parametrize(
    "line, needle",
    [
        ("99,regionstockholm.se,x", "neither a county code"),
        ("01,10.0.0.1,x", "IP address"),
        ("01,regionstockholm.se,", "needs its reason"),
        ("01,REGIONSTOCKHOLM.SE,x", None),  # read in lower case
        ("01,sörmland.se,x", "not written in its ASCII form"),
    ],
)
def test_the_reviewed_hosts_file_is_read_strictly(tmp_path, line, needle):
    path = tmp_path / "hosts.csv"
    path.write_text("lan_kod,domain,reason\n" + line + "\n", encoding="utf-8")
    if needle is None:
        assert reviewed(path)["01"] == frozenset({"regionstockholm.se"})
    else:
        with pytest.raises(HostsError, match=needle):
            reviewed(path)
