"""geo/__main__.py: the command line (`python -m geo ingest|build`), its messages and exit codes.

Two cases run it as a real process (its contract: the module runs, exit codes, standard streams); the
refusals run the same main() in-process (support.data.cli), without a Python start-up each."""

from __future__ import annotations

import time

import pytest
from support.data import FIXTURES, HOSTILE_DIR, cli, digest, run_geo

from geo.data.contacts import read_contacts
from geo.paths import CONTACTS_CSV


@pytest.fixture
def seed_file(tmp_path, seed_text):
    path = tmp_path / "page.txt"
    path.write_text(seed_text, encoding="utf-8")
    return path


def test_committed_contacts_are_what_ingest_of_the_seed_gives(seed_file, tmp_path):
    committed = read_contacts(CONTACTS_CSV)
    out = tmp_path / "contacts.csv"
    res = run_geo("ingest", str(seed_file), "--out", str(out), "--retrieved", committed[0]["retrieved"])
    assert res.returncode == 0, res.stderr
    assert out.read_bytes() == CONTACTS_CSV.read_bytes()


def test_missing_block_exits_nonzero_and_leaves_output_unchanged(seed_file, tmp_path, seed_text):
    out = tmp_path / "contacts.csv"
    assert cli("ingest", str(seed_file), "--out", str(out)).returncode == 0
    before = out.read_bytes()
    broken = seed_text.replace("Kronoberg\n\nHär finns", "Xx\n\nHär finns").replace(
        "\nRegion Kronoberg\nTelefon: 0470-58 80 00\nAline Kärrbäck", ""
    )
    seed_file.write_text(broken, encoding="utf-8")
    res = cli("ingest", str(seed_file), "--out", str(out))
    assert res.returncode != 0
    assert "Kronobergs län (07)" in res.stderr and "nothing was written" in res.stderr
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file left


def test_changed_contact_prints_the_diff_and_check_writes_nothing(seed_file, tmp_path, seed_text):
    out = tmp_path / "contacts.csv"
    assert cli("ingest", str(seed_file), "--out", str(out), "--retrieved", "2026-01-01").returncode == 0
    before = out.read_bytes()
    seed_file.write_text(
        seed_text.replace("Tomas Olsson Lasu", "Eva Nilsson").replace("026-15 40 00", "026-15 40 01"), encoding="utf-8"
    )
    res = cli("ingest", str(seed_file), "--out", str(out), "--check", "--retrieved", "2026-02-02")
    assert res.returncode == 0, res.stderr
    assert (
        "Norrbottens län (25): contact_persons: 'Johanna Lindberg; Tomas Olsson Lasu' → 'Johanna Lindberg; Eva Nilsson'"
        in res.stdout
    )
    assert "Gävleborgs län (21): phone: '026-15 40 00' → '026-15 40 01'" in res.stdout
    assert "Gävleborgs län (21): phone_e164: '+4626154000' → '+4626154001'" in res.stdout
    assert "Uppsala" not in res.stdout
    assert out.read_bytes() == before
    res = cli("ingest", str(seed_file), "--out", str(out), "--retrieved", "2026-02-02")
    assert res.returncode == 0 and out.read_bytes() != before
    assert read_contacts(out)[-1]["contact_persons"] == "Johanna Lindberg; Eva Nilsson"


def test_unreadable_page_gives_a_clear_message(tmp_path):
    bad = tmp_path / "page.bin"
    bad.write_bytes(b"\xff\xfe\x00bad")
    res = run_geo("ingest", str(bad), "--out", str(tmp_path / "c.csv"))
    assert res.returncode == 1 and "not UTF-8" in res.stderr
    res = cli("ingest", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "c.csv"))
    assert res.returncode == 1 and "cannot read" in res.stderr


@pytest.fixture
def contacts_out(tmp_path):
    out = tmp_path / "contacts.csv"
    out.write_bytes(CONTACTS_CSV.read_bytes())
    return out


@pytest.mark.parametrize(
    "name, needle",
    [
        ("page-esc-in-person.txt", "Norrbottens län (25): contact_persons contains control characters (U+001B)"),
        ("page-vt-in-org.txt", "Norrbottens län (25): org_name contains control characters (U+000B)"),
        ("page-rlo-in-person.txt", "Norrbottens län (25): contact_persons contains control characters (U+202E)"),
        ("page-nul-in-org.txt", "Norrbottens län (25): org_name contains control characters (U+0000)"),
    ],
)
def test_control_characters_in_a_page_are_refused_by_name(contacts_out, name, needle):
    before = digest(contacts_out)
    res = cli("ingest", str(HOSTILE_DIR / name), "--out", str(contacts_out))
    assert res.returncode == 1 and needle in res.stderr, res.stderr
    assert "nothing was written" in res.stderr
    assert digest(contacts_out) == before


def test_a_page_of_many_lines_is_refused_quickly(tmp_path, contacts_out):
    page = tmp_path / "page.txt"
    seed = (FIXTURES / "regional-samordning.txt").read_text(encoding="utf-8")
    page.write_text(seed + "\n" + "rad\n" * 60_000, encoding="utf-8")
    before = digest(contacts_out)
    start = time.monotonic()
    res = cli("ingest", str(page), "--out", str(contacts_out))
    assert res.returncode == 1 and "more than 50,000 lines" in res.stderr
    assert digest(contacts_out) == before
    assert time.monotonic() - start < 60  # a bound against hanging, not a speed target (bench/ingest.py)


def test_a_page_over_20_mb_is_refused_unread(tmp_path, contacts_out):
    page = tmp_path / "page.txt"
    with open(page, "wb") as fh:
        fh.truncate(20 * 1024 * 1024 + 1)
    before = digest(contacts_out)
    res = cli("ingest", str(page), "--out", str(contacts_out))
    assert res.returncode == 1 and "larger than 20 MB" in res.stderr
    assert digest(contacts_out) == before
