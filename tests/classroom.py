"""The classroom: the book's chapters as an nbgrader course (configuration in nbgrader_config.py).

    python tests/classroom.py tag notebooks/NN_topic.ipynb ...   write the grading metadata
    python tests/classroom.py assignment                          release versions (make assignment)
    python tests/classroom.py autograde SUBMISSIONS               grades (make autograde)

Grading is nbgrader's own (generate_assignment, autograde, generate_feedback, export); this file
only lays out the course and checks what students hand in before nbgrader sees it.

The course lives in _build (or $FFK_COURSE): source/<NN_topic>/ is copied from notebooks/ (never
written to), release/<NN_topic>/ is what students get, submitted/, autograded/ and feedback/ follow
nbgrader's layout, gradebook.db is nbgrader's gradebook and grades.csv its export.
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CHAPTERS = {path.stem: path for path in NOTEBOOKS}
COURSE = Path(os.environ.get("FFK_COURSE", ROOT / "_build")).resolve()
NBGRADER = [sys.executable, "-m", "nbgrader"]

# Points per exercise, by the kind its heading names: "### Exercise k (kind): ...".
POINTS = {"coding": 3, "derivation": 2, "calculation": 2, "experiment": 3}
HEADING = re.compile(r"^### Exercise (\d+) \((\w+)\)", re.M)


# ---------------------------------------------------------------- the grading metadata of a chapter

def nbgrader_cell(grade_id, solution=False, grade=False, locked=False, points=None):
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return meta


def grading_metadata(nb, stem):
    """{cell index: nbgrader metadata} for a chapter, derived from its exercise headings.

    The setup and checking cells are read-only; a coding exercise's solution cell is an autograded
    answer and its self-check an autograder-tests cell with POINTS["coding"]; every other exercise's
    solution cell is a manually graded answer with the points of its kind.
    """
    chapter = "ch" + stem[:2]
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    meta = {code[0]: nbgrader_cell(f"{chapter}-setup", locked=True),
            code[1]: nbgrader_cell(f"{chapter}-check", locked=True)}
    number = kind = None
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            for number, kind in HEADING.findall(cell.source):
                pass
        elif "solution" in cell.metadata.get("tags", []):
            exercise = f"{chapter}-ex{number}"
            if kind == "coding":
                meta[i] = nbgrader_cell(f"{exercise}-solution", solution=True)
                meta[i + 1] = nbgrader_cell(f"{exercise}-tests", grade=True, locked=True,
                                            points=POINTS[kind])
            else:
                meta[i] = nbgrader_cell(f"{exercise}-answer", solution=True, grade=True,
                                        points=POINTS[kind])
    return meta


def tag(path):
    """Write the grading metadata into a chapter (and remove nbgrader metadata from other cells)."""
    nb = nbformat.read(path, as_version=4)
    meta = grading_metadata(nb, Path(path).stem)
    for i, cell in enumerate(nb.cells):
        cell.metadata.pop("nbgrader", None)
        if i in meta:
            cell.metadata["nbgrader"] = meta[i]
    nbformat.write(nb, path)


def grade_ids(nb):
    return [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if "nbgrader" in c.metadata]


if __name__ == "__main__" and sys.argv[1:2] == ["tag"]:
    for p in sys.argv[2:]:
        tag(p)
        print(f"tagged {p}")
