"""Start the app: `python serve.py [streamlit options]` = `streamlit run app.py [options]`, minus one trap.

Streamlit treats a folder named `pages/` beside the main script as its legacy multipage layout until
the first script run calls `st.navigation`. The very first session after a start then runs in that
mode, and a link straight to a page (`/kontakter`) shows a spurious "Page not found" dialog. This app
always uses `st.navigation`, so the legacy mode is switched off before the server starts (the state
Streamlit itself reaches after the first run).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent / "app.py"

if __name__ == "__main__":
    PagesManager.uses_pages_directory = False
    os.chdir(APP.parent)  # .streamlit/config.toml (static serving, no usage statistics) is read from here
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())
