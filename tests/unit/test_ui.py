"""app_pages/_ui.py: the app's edge (downloads that fail say so; the page reruns when it reconnects)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize("lang, text", [("sv", "Filen kunde inte skapas"), ("en", "The file could not be made")])
def test_a_failing_download_says_so_in_plain_words(lang, text, caplog):
    from app_pages._ui import download

    def broken() -> bytes:
        raise ValueError("IllegalCharacterError: /srv/rsp/data/rsp.gpkg")

    with pytest.raises(RuntimeError) as err:
        download(broken, lang)()
    assert str(err.value).startswith(text) and "/srv" not in str(err.value)
    assert "IllegalCharacterError" in caplog.text  # the details go to the log
    assert download(lambda: b"ok", lang)() == b"ok"


def _bundles() -> str:
    import streamlit

    folder = Path(streamlit.__file__).parent / "static" / "static" / "js"
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.glob("index.*.js"))


def test_streamlits_front_end_still_reruns_on_reconnect_while_a_fragment_auto_reruns():
    """rerun_on_reconnect relies on this rule of Streamlit's front end (a private behaviour): when it fails,
    a page whose server process died shows its view but its downloads and clicks do nothing until reloaded
    (tests/test_browser_proxy.py shows the effect; this test names the cause fast)."""
    from app_pages._ui import RECONNECT_RULE

    bundle = _bundles()
    assert "Requesting a script run." in bundle
    rule = bundle.index("Requesting a script run.")
    assert RECONNECT_RULE in bundle[rule - 400 : rule], (
        f"Streamlit's front end no longer asks for a script run on reconnect when {RECONNECT_RULE!r}: "
        "app_pages/_ui.py rerun_on_reconnect needs another way"
    )
