"""Execute the book's notebooks in fresh kernels: in place (``execute``) or only timed (``bench``).

Usage (through the Makefile, inside .venv):
    python tests/run_notebooks.py execute [notebooks/NN_x.ipynb ...]
    python tests/run_notebooks.py bench   [notebooks/NN_x.ipynb ...]
    python tests/run_notebooks.py compare [notebooks/NN_x.ipynb ...]   (after `execute`: vs git HEAD)

Each notebook runs top to bottom in its own new kernel of *this* Python (the .venv's), the same
kernel nbval uses with --nbval-current-env. No timing metadata is written, so re-executing an
unchanged notebook leaves an unchanged file.
"""
import subprocess
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


def text_outputs(cell):
    """The text a reader sees in a cell's outputs (streams, text/plain, errors), as one string."""
    parts = []
    for out in cell.get("outputs", []):
        parts.append(out.get("text", "") + out.get("data", {}).get("text/plain", "") + out.get("evalue", ""))
    return "".join(parts)


def compare_with_head(path):
    """Text outputs that differ between the working tree and git HEAD, except in cells tagged
    nbval-ignore-output (a timing); returns (cells compared, differing cell indices, images changed)."""
    rel = Path(path).resolve().relative_to(ROOT)
    head = nbformat.reads(subprocess.run(["git", "show", f"HEAD:{rel}"], cwd=ROOT, check=True,
                                         capture_output=True, text=True).stdout, as_version=4)
    now = nbformat.read(path, as_version=4)
    compared, differ, images = 0, [], 0
    for i, (old, new) in enumerate(zip(head.cells, now.cells)):
        if old.cell_type != "code" or "nbval-ignore-output" in old.metadata.get("tags", []):
            continue
        compared += 1
        if text_outputs(old) != text_outputs(new) or old.execution_count != new.execution_count:
            differ.append(i)
        images += sum(a != b for a, b in zip(old.outputs, new.outputs) if "image/png" in a.get("data", {}))
    return compared, differ, images


def main(argv):
    mode, paths = argv[0], argv[1:] or sorted(str(p) for p in (ROOT / "notebooks").glob("*.ipynb"))
    if mode == "compare":
        failed = False
        for path in paths:
            compared, differ, images = compare_with_head(path)
            failed = failed or bool(differ)
            print(f"{Path(path).name:40s} {compared:3d} code cells compared, "
                  f"{len(differ)} text outputs changed {differ or ''}, {images} figures changed")
        sys.exit(1 if failed else 0)
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
            budget = 90 if name.startswith("08_tiny_gpt") else 60  # the tiny GPT gets 90 s
            print(f"| {name} | {s:.1f} | {'ok' if s < budget else f'OVER {budget} s'} |")
        print(f"| **total** | {total:.1f} | {'ok' if total < 300 else 'OVER 5 min'} |")


if __name__ == "__main__":
    if not sys.argv[1:] or sys.argv[1] not in {"execute", "bench", "compare"}:
        sys.exit(__doc__)
    main(sys.argv[1:])
