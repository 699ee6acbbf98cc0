"""The one data model of a process: loaded once per GeoPackage path and file version, for the app's pages and
the guard alike, outside Streamlit's caches (any client can send Streamlit's ``clear_cache``, which empties
those for everyone).

- A file is read in a thread of its own; sessions and requests arriving together wait for that one read.
- A changed file (a new build, a monthly link check) is picked up by the next request, without a restart:
  while it loads, and if it is refused, the last good model goes on being served, and the log says why.
- Without any good model (the first read failed, or is taking too long), ``model()`` raises DataUnavailable,
  which every page turns into one friendly message: no page waits without end.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from ..data.gpkg import REBUILD_HINT, DataUnavailable
from ..data.model import Model, load
from ..paths import GPKG, GPKG_ENV
from ..rules import LOAD_WAIT_S

log = logging.getLogger(__name__)


def gpkg_path() -> Path:
    """data/rsp.gpkg, or the file named by RSP_GPKG."""
    return Path(os.environ.get(GPKG_ENV) or GPKG)


def _done(value: Model | None = None, error: BaseException | None = None) -> Future:
    future: Future = Future()
    future.set_exception(error) if error is not None else future.set_result(value)
    return future


class Store:
    """The model of one GeoPackage path (``load`` reads and checks a file: geo/data/model.py)."""

    def __init__(self, path: Path, loader: Callable[[Path, str], Model] = load) -> None:
        self.path = Path(path)
        self._loader = loader
        self._lock = threading.Lock()
        self._good: Model | None = None  # the last model that was read and checked
        self._pending: tuple[str, Future] | None = None  # the version being read, and its future
        self._failed: tuple[str, DataUnavailable] | None = None  # the last version refused, and why

    def version(self) -> str | None:
        """The file's version (its modification time, size and inode), or None when it is not there."""
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return f"{st.st_mtime_ns}-{st.st_size}-{st.st_ino}"

    def future(self) -> Future:
        """A future of the model to serve now: the file's current version once read; while a newer version is
        being read, or after it was refused, the last good model at once."""
        version = self.version()
        with self._lock:
            good = self._good
            if good is not None and good.version == version:
                return _done(good)
            if version is None:
                if good is not None:
                    return _done(good)
                return _done(error=DataUnavailable(f"The data file {self.path} is missing. {REBUILD_HINT}"))
            if self._failed and self._failed[0] == version:
                return _done(good) if good is not None else _done(error=self._failed[1])
            if self._pending is None or self._pending[0] != version:
                future: Future = Future()
                self._pending = (version, future)
                threading.Thread(target=self._read, args=(version, future), daemon=True, name="rsp-data").start()
            return _done(good) if good is not None else self._pending[1]

    def _read(self, version: str, future: Future) -> None:
        started = time.perf_counter()
        try:
            model = self._loader(self.path, version)
        except DataUnavailable as exc:
            with self._lock:
                self._failed = (version, exc)
                kept = self._good
            if kept is not None:
                log.error(
                    "the data file %s was changed and is refused; still serving the version read before: %s",
                    self.path,
                    exc,
                )
            else:
                log.error("map data unavailable: %s", exc)
            future.set_exception(exc)
            return
        except Exception as exc:  # anything unforeseen: refused the same way, never a dead thread
            error = DataUnavailable(
                f"The data file {self.path} cannot be read ({type(exc).__name__}: {exc}). {REBUILD_HINT}"
            )
            with self._lock:
                self._failed = (version, error)
            log.exception("reading %s failed", self.path)
            future.set_exception(error)
            return
        with self._lock:
            if self._good is None or self._pending is None or self._pending[0] == version:
                self._good = model
            self._failed = None
        log.info("RSP data loaded from %s in %.0f ms", self.path, (time.perf_counter() - started) * 1000)
        future.set_result(model)

    def refused(self) -> str:
        """Why the file's current version was refused ("" when it was not, or is still being read)."""
        version = self.version()
        with self._lock:
            return str(self._failed[1]) if self._failed and self._failed[0] == version else ""

    def model(self, timeout: float = LOAD_WAIT_S) -> Model:
        """The model to serve now; raises DataUnavailable when there is none (after ``timeout`` seconds of a
        first read that has not ended, too)."""
        try:
            return self.future().result(timeout)
        except FutureTimeout:
            raise DataUnavailable(f"The data file {self.path} is still being read after {timeout:.0f} s.") from None


_STORES: dict[Path, Store] = {}
_STORES_LOCK = threading.Lock()


def store_for(path: Path | None = None) -> Store:
    """The process's store for a GeoPackage (by default ``gpkg_path()``)."""
    key = Path(path or gpkg_path()).resolve()
    with _STORES_LOCK:
        return _STORES.setdefault(key, Store(key))
