"""Shared paths and readers for the tests (imported as `helpers`)."""
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


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
