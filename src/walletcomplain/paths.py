"""Where user data lives, and how files are written: atomically, 0600, never by accident."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import FileExists, MissingFolder, NotRegular

APP = "walletcomplain"


def home() -> Path:
    """WALLETCOMPLAIN_HOME, else the platform's user data directory."""
    override = os.environ.get("WALLETCOMPLAIN_HOME", "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs  # only here: most commands never need it

    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def cache_dir() -> Path:
    """Under WALLETCOMPLAIN_HOME when it is set, else the platform's user cache directory:
    the cache can be deleted at any time, so it stays out of the data directory (and out of
    its backups)."""
    override = os.environ.get("WALLETCOMPLAIN_HOME", "").strip()
    if override:
        return Path(override).expanduser() / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def private_dir(path: Path) -> Path:
    """Create `path`, and any missing folder above it, readable by the user only (0700).

    Every folder is made with mode 0700 on its own (Path.mkdir(parents=True) would give
    the ones above 0777 less the umask: 0777 under umask 000).
    """
    path = Path(path)
    missing = []
    for d in [path, *path.parents]:
        if os.path.isdir(d):
            break
        missing.append(d)
    for d in reversed(missing):
        try:
            os.mkdir(d, 0o700)
        except FileExistsError:
            if not os.path.isdir(d):
                raise
    return path


def write_atomic(
    path: Path, data: bytes | bytearray, *, force: bool = False, mode: int = 0o600
) -> None:
    """Write to a temporary file beside `path`, then rename it into place.

    A crash or a full disk leaves either the old file or the new one, never half
    of one. Without `force` an existing file is left alone (FileExists); with it,
    only a regular file is replaced, never a device, FIFO, socket or folder
    (NotRegular). A missing folder is not created (MissingFolder): a mistyped
    path should not quietly become a new tree of folders.
    """
    import stat
    import tempfile  # here, not at start-up: most runs write nothing

    path = Path(path)
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise NotRegular(str(path))
    if st is not None and not force:
        raise FileExists(str(path))
    if not os.path.lexists(path.parent):
        raise MissingFolder(str(path.parent))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode) if hasattr(os, "fchmod") else None
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if not force and os.path.lexists(path):  # appeared while we were writing
            raise FileExists(str(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
