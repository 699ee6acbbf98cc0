"""app_pages/_ui.py: the app's edge (downloads that fail say so)."""

from __future__ import annotations

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
