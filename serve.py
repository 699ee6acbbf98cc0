"""The server entry: `streamlit run serve.py` serves app.py behind the app's HTTP guard.

`app` below is a Streamlit ASGI application (`st.App`, public API): `streamlit run` finds it and serves
app.py with the guard (geo/web/guard.py) in front. The guard answers what Streamlit alone would get wrong for
a public site: only allow-listed files under /app/static, no public /_stcore/metrics, and the app's own
"not found" page for addresses no page has (/om/x). `make run` and the browser tests start the app this way;
plain `streamlit run app.py` also works, without the guard.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from geo.web import serverlog
from geo.web.guard import Guard

serverlog.install()

APP = Path(__file__).resolve().parent / "app.py"

app = st.App(APP, middleware=[Middleware(Guard, base_path=st.get_option("server.baseUrlPath") or "")])
