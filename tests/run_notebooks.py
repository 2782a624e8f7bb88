"""Execute the book's notebooks in fresh kernels: in place (``execute``) or only timed (``bench``).

Usage (through the Makefile, inside .venv):
    python tests/run_notebooks.py execute [notebooks/NN_x.ipynb ...]
    python tests/run_notebooks.py bench   [notebooks/NN_x.ipynb ...]

Each notebook runs top to bottom in its own new kernel of *this* Python (the .venv's), the same
kernel nbval uses with --nbval-current-env. No timing metadata is written, so re-executing an
unchanged notebook leaves an unchanged file.
"""
import sys
import time
from pathlib import Path

import nbformat
from jupyter_client import KernelManager
from nbclient import NotebookClient
from nbval.kernel import NbvalKernelspecManager

ROOT = Path(__file__).resolve().parent.parent


def execute(nb, cwd, timeout=600, allow_errors=False):
    """Execute a notebook object in place in a fresh kernel of this Python; return the seconds taken."""
    km = KernelManager(kernel_name="python3", kernel_spec_manager=NbvalKernelspecManager())
    client = NotebookClient(nb, km=km, timeout=timeout, record_timing=False, allow_errors=allow_errors,
                            resources={"metadata": {"path": str(cwd)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def run(path, timeout=600):
    """Execute one notebook file in a fresh kernel; return (notebook, seconds)."""
    nb = nbformat.read(path, as_version=4)
    return nb, execute(nb, Path(path).parent, timeout)


def merge_streams(outputs):
    """Join consecutive stream outputs of the same name (how they split depends on timing)."""
    merged = []
    for out in outputs:
        if (out.output_type == "stream" and merged and merged[-1].output_type == "stream"
                and merged[-1].name == out.name):
            merged[-1].text += out.text
        else:
            merged.append(out)
    return merged


def main(argv):
    mode, paths = argv[0], argv[1:] or sorted(str(p) for p in (ROOT / "notebooks").glob("*.ipynb"))
    rows = []
    for path in paths:
        nb, seconds = run(path)
        rows.append((Path(path).name, seconds))
        if mode == "execute":
            for cell in nb.cells:
                cell.metadata.pop("execution", None)
                if cell.cell_type == "code":
                    cell.outputs = merge_streams(cell.outputs)
            nbformat.write(nb, path)
        print(f"{Path(path).name:40s} {seconds:6.1f} s", flush=True)
    if mode == "bench":
        total = sum(s for _, s in rows)
        print("\n| notebook | wall time (s) | budget |\n|---|---:|---|")
        for name, s in rows:
            print(f"| {name} | {s:.1f} | {'ok' if s < 60 else 'OVER 60 s'} |")
        print(f"| **total** | {total:.1f} | {'ok' if total < 300 else 'OVER 5 min'} |")


if __name__ == "__main__":
    if not sys.argv[1:] or sys.argv[1] not in {"execute", "bench"}:
        sys.exit(__doc__)
    main(sys.argv[1:])
