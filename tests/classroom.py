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


# ---------------------------------------------------------------- running nbgrader

def nbgrader(*args, course=COURSE):
    """Run one nbgrader command from the repository root (so it reads nbgrader_config.py)."""
    env = dict(os.environ, FFK_COURSE=str(course),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    return subprocess.run(NBGRADER + list(args), cwd=ROOT, env=env, capture_output=True, text=True)


def last_error(result):
    """nbgrader's most telling log line for a failed command: the exception, if it names one."""
    lines = [ln.strip() for ln in (result.stdout + result.stderr).splitlines() if ln.strip()]
    exceptions = [ln for ln in lines if re.match(r"\w+(Error|Exception)\b.*:", ln)]
    errors = [ln for ln in lines if "ERROR" in ln]
    return (exceptions or errors or lines or ["(no output)"])[-1]


def assignment():
    """Copy each chapter into the course's source/ and write nbgrader's release version of it."""
    failed = []
    for stem, path in CHAPTERS.items():
        source = COURSE / "source" / stem
        source.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, source / path.name)
        result = nbgrader("generate_assignment", stem, "--force")
        release = COURSE / "release" / stem / path.name
        if result.returncode == 0 and release.exists():
            print(f"release: {release.relative_to(ROOT) if release.is_relative_to(ROOT) else release}")
        else:
            failed.append(stem)
            print(f"FAILED: generate_assignment {stem}: {last_error(result)}")
    return not failed


# ---------------------------------------------------------------- checking what students hand in

def chapter_of(nb):
    """The chapter stem a notebook's grading metadata names (None if it carries none)."""
    numbers = {gid[2:4] for gid in grade_ids(nb) if re.match(r"ch\d\d-", gid)}
    stems = [s for s in CHAPTERS if s[:2] in numbers]
    return stems[0] if len(stems) == 1 else None


def screen(submissions):
    """Sort SUBMISSIONS/<student>/<NN_topic>/... into gradable (student, stem, path) and problems."""
    gradable, problems = [], []
    for stray in sorted(p for p in submissions.iterdir() if not p.is_dir()):
        problems.append(f"{stray.name}: not a student's folder (expected <student id>/NN_topic/)")
    for student in sorted(p for p in submissions.iterdir() if p.is_dir()):
        for folder in sorted(student.iterdir()):
            where = f"{student.name}/{folder.name}"
            if not folder.is_dir() or folder.name not in CHAPTERS:
                problems.append(f"{where}: not a chapter of the book (expected a folder NN_topic)")
                continue
            expected = folder / f"{folder.name}.ipynb"
            for other in sorted(set(folder.iterdir()) - {expected, folder / "timestamp.txt"}):
                problems.append(f"{where}/{other.name}: not {expected.name}; ignored")
            if not expected.exists():
                problems.append(f"{where}: no {expected.name}; nothing to grade")
                continue
            try:
                nb = nbformat.read(expected, as_version=4)
                nbformat.validate(nb)
            except Exception as error:  # not JSON, not a notebook, or a broken one
                reason = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
                problems.append(f"{where}/{expected.name}: not a notebook ({reason}); skipped")
                continue
            if not grade_ids(nb):
                problems.append(f"{where}/{expected.name}: carries no grading metadata (saved by an "
                                "editor that drops it?); skipped")
                continue
            chapter = chapter_of(nb)
            if chapter is not None and chapter != folder.name:
                problems.append(f"{where}/{expected.name}: is the notebook of {chapter}; skipped")
                continue
            gradable.append((student.name, folder.name, expected))
    return gradable, problems


def autograde(submissions):
    """Grade every gradable submission with nbgrader; feedback; export grades.csv. True if all ran."""
    submissions = Path(submissions).resolve()
    if not (COURSE / "gradebook.db").exists() or not (COURSE / "release").exists():
        print("no course yet: running `make assignment` first")
        if not assignment():
            return False
    gradable, problems = screen(submissions)
    for problem in problems:
        print(f"SKIPPED: {problem}")
    submitted = COURSE / "submitted"
    graded, failed = {}, []
    for student, stem, path in gradable:
        target = submitted / student / stem / path.name
        if path.resolve() != target.resolve():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        result = nbgrader("autograde", stem, "--student", student, "--force")
        if result.returncode == 0:
            graded.setdefault(stem, []).append(student)
            print(f"autograded: {student}/{stem}")
        else:
            failed.append(f"{student}/{stem}")
            print(f"FAILED: autograde {student}/{stem}: {last_error(result)}")
    for stem, students in graded.items():
        for student in students:
            result = nbgrader("generate_feedback", stem, "--student", student, "--force")
            html = COURSE / "feedback" / student / stem / f"{stem}.html"
            if result.returncode != 0 or not html.exists():
                failed.append(f"feedback {student}/{stem}")
                print(f"FAILED: generate_feedback {student}/{stem}: {last_error(result)}")
    csv = COURSE / "grades.csv"
    result = nbgrader("export", "--to", str(csv))
    if result.returncode != 0:
        failed.append("export")
        print(f"FAILED: export: {last_error(result)}")
    count = sum(len(s) for s in graded.values())
    print(f"graded {count} submission(s), skipped {len(problems)} problem(s), "
          f"{len(failed)} failure(s); grades: {csv}; feedback: {COURSE / 'feedback'}")
    return not failed


if __name__ == "__main__" and sys.argv[1:2] == ["assignment"]:
    sys.exit(0 if assignment() else 1)
if __name__ == "__main__" and sys.argv[1:2] == ["autograde"]:
    if len(sys.argv) != 3 or not Path(sys.argv[2]).is_dir():
        sys.exit("usage: make autograde SUBMISSIONS=<dir>  (<dir>/<student>/<NN_topic>/<NN_topic>.ipynb)")
    sys.exit(0 if autograde(sys.argv[2]) else 1)


if __name__ == "__main__" and sys.argv[1:2] == ["tag"]:
    for p in sys.argv[2:]:
        tag(p)
        print(f"tagged {p}")
