"""A real `streamlit run serve.py` and a data file crafted to make a reader work without end: the first page
answers within 15 s (503, the rebuild hint), and a server that was serving good data goes on serving it when
its file is replaced by such a one, and logs why."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

import pytest
from support.browser import ARTIFACTS, running_server, wait_until
from support.data import CRAFTED_CASES, copy_file, crafted_gpkg

ANSWER_S = 15  # the first page answers within this, whatever the file


def _get(url: str) -> tuple[int, str, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=ANSWER_S + 5) as resp:
            return resp.status, resp.read().decode("utf-8", "replace"), time.monotonic() - started
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace"), time.monotonic() - started


def _install(live, crafted: tuple) -> None:
    """The crafted file (and a journal it has) put where the server reads its data."""
    bad, _ = crafted
    live.write_bytes(bad.read_bytes())
    journal, beside = bad.with_name(bad.name + "-journal"), live.with_name(live.name + "-journal")
    if journal.exists():
        beside.write_bytes(journal.read_bytes())
    else:
        beside.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def crafted(gpkg, tmp_path_factory):
    folder = tmp_path_factory.mktemp("crafted-server")
    return {case: crafted_gpkg(gpkg, folder, case) for case in CRAFTED_CASES}


def test_without_good_data_every_page_answers_at_once_with_the_rebuild_hint(crafted, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    live = tmp_path / "rsp.gpkg"
    _install(live, crafted[CRAFTED_CASES[0]])
    with running_server(env={"RSP_GPKG": str(live), "RSP_READ_LIMIT_S": "2"}) as server:
        for case in CRAFTED_CASES:
            _install(live, crafted[case])
            status, body, took = _get(server.url + "/?lan=25")
            assert status == 503 and "make data" in body and "Kartdata saknas" in body, (case, status)
            assert took < ANSWER_S, f"{case}: the first page took {took:.1f} s"
            assert _get(server.url + "/_stcore/health")[0] == 200
        status, body, _ = _get(server.url + "/om?lang=en")
        assert status == 503 and "Map data unavailable" in body and 'lang="en"' in body


def test_a_server_serving_good_data_goes_on_serving_it_when_the_file_is_replaced(gpkg, crafted, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    live = copy_file(gpkg, tmp_path, "rsp.gpkg")
    with running_server(env={"RSP_GPKG": str(live), "RSP_READ_LIMIT_S": "2"}) as server:
        status, body, _ = _get(server.url + "/?lan=25")
        assert status == 200 and "Region Norrbotten" in body
        for case in CRAFTED_CASES:
            _install(live, crafted[case])
            for _ in range(2):  # the request that notices the new file, and one after its refusal
                status, body, took = _get(server.url + "/?lan=25")
                assert status == 200 and "Region Norrbotten" in body, (case, status)
                assert took < ANSWER_S, f"{case}: the page took {took:.1f} s"
        wait_until(
            lambda: "is refused; still serving the version read before" in server.log_path.read_text(encoding="utf-8"),
            timeout=20,
            what="the log to say why the new file is not served",
        )
