"""`streamlit run` with every script run timed (for the benchmark only; the apps are unchanged).

Usage: python bench/serve.py TIMING_LOG APP [streamlit options...]
Each finished run appends a JSON line: {"start": epoch s, "end": epoch s, "fragment": bool}.
"""

from __future__ import annotations

import json
import sys
import threading
import time

from streamlit.runtime.scriptrunner import script_runner
from streamlit.web import cli

log_path, app, *options = sys.argv[1:]
_lock = threading.Lock()
_original = script_runner.ScriptRunner._run_script


def _timed(self, rerun_data):
    start = time.time()
    try:
        return _original(self, rerun_data)
    finally:
        entry = {"start": start, "end": time.time(), "fragment": bool(rerun_data.fragment_id_queue)}
        with _lock, open(log_path, "a") as fh:
            fh.write(json.dumps(entry) + "\n")


script_runner.ScriptRunner._run_script = _timed
sys.argv = ["streamlit", "run", app, *options]
sys.exit(cli.main())
