"""Write the student edition of every chapter: solutions replaced by a "your turn" stub.

    python tests/student_edition.py [OUTDIR]        (default: _build/student)

The stripping is nbgrader's own ClearSolutions preprocessor: the code between the lines
`### BEGIN SOLUTION` and `### END SOLUTION` of a cell tagged `solution` becomes a stub that raises
NotImplementedError with a "your turn" message. Outputs from the exercises on are cleared, so no
stored output reveals an answer; the chapter body keeps its outputs for comparison.
"""
import sys
from pathlib import Path

import nbformat
from nbgrader.preprocessors import ClearSolutions

ROOT = Path(__file__).resolve().parent.parent
STUB = ('# YOUR CODE HERE\n'
        'raise NotImplementedError("Your turn: write this part of the exercise, then run the self-check below.")')


def student_edition(nb):
    """Return a copy of the notebook object with every solution region replaced by the stub."""
    nb = nbformat.from_dict(nb)
    nb, _ = ClearSolutions(enforce_metadata=False, code_stub={"python": STUB}).preprocess(
        nb, {"language": "python"})
    in_exercises = False
    for cell in nb.cells:
        in_exercises = in_exercises or (cell.cell_type == "markdown" and cell.source.startswith("## Exercises"))
        if in_exercises and cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


def main(outdir):
    outdir.mkdir(parents=True, exist_ok=True)
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nbformat.write(student_edition(nbformat.read(path, as_version=4)), outdir / path.name)
        print(f"student edition: {outdir / path.name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "student")
