"""Where user data lives, and how files are written: atomically, 0600, never by accident."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import FileExists

APP = "walletcomplain"


def home() -> Path:
    """WALLETCOMPLAIN_HOME, else the platform's user data directory."""
    override = os.environ.get("WALLETCOMPLAIN_HOME", "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs  # only here: most commands never need it

    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def cache_dir() -> Path:
    return home() / "cache"


def private_dir(path: Path) -> Path:
    """Create `path` (and the data directory above it) readable by the user only."""
    base = home()
    for d in [base, *reversed([p for p in path.parents if base in p.parents]), path]:
        if not d.exists():
            d.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def write_atomic(path: Path, data: bytes, *, force: bool = False, mode: int = 0o600) -> None:
    """Write to a temporary file beside `path`, then rename it into place.

    A crash or a full disk leaves either the old file or the new one, never half
    of one. Without `force` an existing file is left alone (FileExists).
    """
    import tempfile  # here, not at start-up: most runs write nothing

    path = Path(path)
    if path.exists() and not force:
        raise FileExists(str(path))
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode) if hasattr(os, "fchmod") else None
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if not force and path.exists():  # appeared while we were writing
            raise FileExists(str(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
