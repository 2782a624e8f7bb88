"""Test-session set-up: the network guard for every kernel, the `notebook` and `release` fixtures."""
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from helpers import NOTEBOOKS, ROOT, load

# Every kernel started by this test session (nbval's and the student tests') inherits IPYTHONDIR and
# so runs tests/no_network.py first: a notebook that touches the network fails its test.
_ipython_dir = Path(tempfile.mkdtemp(prefix="ffk-ipython-"))
(_ipython_dir / "profile_default" / "startup").mkdir(parents=True)
shutil.copy(ROOT / "tests" / "no_network.py", _ipython_dir / "profile_default" / "startup" / "00_no_network.py")
os.environ["IPYTHONDIR"] = str(_ipython_dir)

# The classroom tests always use the course in _build (never a teacher's COURSE=... elsewhere).
COURSE = ROOT / "_build"
os.environ["FFK_COURSE"] = str(COURSE)


@pytest.fixture(params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def notebook(request):
    return request.param, load(request.param)


@pytest.fixture(scope="session")
def release():
    """`make assignment`, once per session: nbgrader's release of every chapter; the release dir."""
    result = subprocess.run(["make", "--no-print-directory", f"COURSE={COURSE}", "assignment"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return COURSE / "release"
