"""The Whoosh patches refuse any release but the one they were written against."""
import subprocess
import sys

import pytest

from archive import ROOT
from archive.index import guard


def test_the_installed_release_is_the_patched_one():
    guard.check()  # the pinned requirement; raises if pip installed anything else
    assert guard.PATCHED_RELEASE in (ROOT / "requirements.txt").read_text()


@pytest.mark.parametrize("installed", ["2.7.4", "2.7.6", "2.8.0", "none"])
def test_another_release_is_refused_with_what_to_do(installed):
    with pytest.raises(guard.UnsupportedWhoosh, match=rf"Whoosh-Reloaded==2\.7\.5.*{installed} is installed.*pip install"):
        guard.check(installed)


def test_importing_the_index_package_fails_on_another_release():
    """The check runs before a single patch is applied: a process that finds another release stops."""
    code = ("import importlib.metadata as m; real = m.version\n"
            "m.version = lambda name: '2.8.0' if name == 'Whoosh-Reloaded' else real(name)\n"
            "import archive.index\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0
    assert "UnsupportedWhoosh" in result.stderr and "2.8.0 is installed" in result.stderr
