"""Shared fixtures for the structure tests."""
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

# Every kernel started by this test session (nbval's and the student tests') inherits IPYTHONDIR and
# so runs tests/no_network.py first: a notebook that touches the network fails its test.
_ipython_dir = Path(tempfile.mkdtemp(prefix="ffk-ipython-"))
(_ipython_dir / "profile_default" / "startup").mkdir(parents=True)
shutil.copy(ROOT / "tests" / "no_network.py", _ipython_dir / "profile_default" / "startup" / "00_no_network.py")
os.environ["IPYTHONDIR"] = str(_ipython_dir)


def load(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def source(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def config():
    """The few keys of _config.yml the tests need (parsed without a YAML library on purpose)."""
    text = (ROOT / "_config.yml").read_text()
    repo = re.search(r"^repository:\n(?:  .*\n)*", text, re.M).group(0)
    return {"url": re.search(r"url:\s*(\S+)", repo).group(1),
            "branch": re.search(r"branch:\s*(\S+)", repo).group(1)}


def standard_cells():
    """The setup cell and the checking helper, as CONTRIBUTING.md states them."""
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "CONTRIBUTING.md").read_text(), re.S)
    return [b.rstrip("\n") for b in blocks[:2]]


@pytest.fixture(params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def notebook(request):
    return request.param, load(request.param)
