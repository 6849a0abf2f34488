"""The one Whoosh release our patches were written against, checked before any is applied.

patches.py and sidecar.py replace private parts of Whoosh-Reloaded's writer and codec; on any other
release those parts may have moved or changed meaning, and a silently wrong index is worse than a
server that will not start.
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

DISTRIBUTION = "Whoosh-Reloaded"
PATCHED_RELEASE = "2.7.5"


class UnsupportedWhoosh(RuntimeError):
    """The installed Whoosh is not the release the archive's patches were written for."""


def check(installed: str | None = None) -> None:
    """Refuse to go on unless `installed` (default: what pip installed) is PATCHED_RELEASE."""
    if installed is None:
        try:
            installed = version(DISTRIBUTION)
        except PackageNotFoundError:
            installed = "none"
    if installed != PATCHED_RELEASE:
        raise UnsupportedWhoosh(
            f"the search index needs {DISTRIBUTION}=={PATCHED_RELEASE} (its private parts are patched in "
            f"archive/index/patches.py and sidecar.py), but {installed} is installed: "
            f"run `pip install -r requirements.txt -c constraints.txt`")
