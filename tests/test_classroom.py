"""The classroom end to end, with nbgrader: made-up students graded by `make autograde`.

For three chapters, three made-up students hand in the release version (`make assignment`):
  made-up-perfect    pasted the instructor's solutions         -> every automatic point
  made-up-untouched  handed the release in as it came          -> no automatic point
  made-up-wrong      one coding exercise's answer wrong        -> exactly that exercise's points lost
and in one chapter made-up-reordered (the perfect answers, with a self-check cell deleted and
exercises moved) is still graded in full: nbgrader puts the deleted tests back from its gradebook.
Alongside them, a file that is not a notebook, a notebook handed in for the wrong chapter and one
stripped of its grading metadata are reported by name and skipped. The scores are read from _build/grades.csv (nbgrader export); the
manually graded answers (derivations, experiments) score nothing until a teacher grades them, so
"every automatic point" is the sum of the tests cells' points. Nothing in notebooks/ may change.
"""
import copy
import csv
import hashlib
import shutil
import sqlite3
import subprocess
import zipfile

import nbformat
import pytest

from classroom import CHAPTERS, nbgrader
from conftest import COURSE
from helpers import ROOT
from test_student import MUTATE, WRONG, defined_functions

GRADED = ["01_linear_logistic_regression", "03_neural_networks_backprop", "06_recurrent_networks"]
REORDERED = "03_neural_networks_backprop"
MADE_UP = "made-up-"


def meta(cell):
    return cell.metadata.get("nbgrader", {})


def points(nb, tests_only):
    return sum(meta(c).get("points", 0) for c in nb.cells
               if meta(c).get("grade") and (not tests_only or not meta(c).get("solution")))


def perfect(release, source):
    """The release with every solution cell replaced by the instructor's."""
    nb = copy.deepcopy(release)
    answers = {meta(c)["grade_id"]: c.source for c in source.cells if meta(c).get("solution")}
    for cell in nb.cells:
        if meta(cell).get("solution"):
            cell.source = answers[meta(cell)["grade_id"]]
    return nb


def wrong(release, source):
    """The perfect answers, except the first coding exercise's function returns bent values."""
    nb = perfect(release, source)
    cell = next(c for c in nb.cells if meta(c).get("grade_id", "").endswith("-solution"))
    wraps = "\n".join(f"{f} = _wrong_answer({f})" for f in defined_functions(cell))
    cell.source += "\n" + MUTATE.format(expr=WRONG["values"]) + wraps
    tests_id = meta(cell)["grade_id"].replace("-solution", "-tests")
    lost = next(meta(c)["points"] for c in nb.cells if meta(c).get("grade_id") == tests_id)
    return nb, lost


def reordered(release, source):
    """The perfect answers; the last tests cell deleted, the last exercise moved to the front."""
    nb = perfect(release, source)
    last_tests = max(i for i, c in enumerate(nb.cells) if meta(c).get("grade_id", "").endswith("-tests"))
    del nb.cells[last_tests]
    first = next(i for i, c in enumerate(nb.cells) if meta(c).get("solution"))
    heading = max(i for i, c in enumerate(nb.cells)
                  if c.cell_type == "markdown" and c.source.startswith("### Exercise"))
    moved = nb.cells[heading:]
    del nb.cells[heading:]
    nb.cells[first:first] = moved
    return nb


def fingerprint():
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (ROOT / "notebooks").iterdir()}


@pytest.fixture(scope="module")
def graded(tmp_path_factory, release):
    """Write the submissions, run `make autograde` once; (its output, grades.csv rows, expected)."""
    gradebook = COURSE / "gradebook.db"
    if gradebook.exists():
        with sqlite3.connect(gradebook) as db:
            real = [s for (s,) in db.execute("SELECT id FROM student") if not s.startswith(MADE_UP)]
        if real:
            pytest.skip(f"{gradebook} holds real students ({', '.join(real[:3])}, ...); "
                        "not touching it (use COURSE=... for a real course)")
    before = fingerprint()
    submissions = tmp_path_factory.mktemp("submissions")
    expected = {}

    def hand_in(student, stem, nb_or_text):
        path = submissions / student / stem / f"{stem}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(nb_or_text, str):
            path.write_text(nb_or_text)
        else:
            nbformat.write(nb_or_text, path)
        return path

    for stem in GRADED:
        source = nbformat.read(CHAPTERS[stem], as_version=4)
        student_nb = nbformat.read(release / stem / f"{stem}.ipynb", as_version=4)
        auto, total = points(source, tests_only=True), points(source, tests_only=False)
        bent, lost = wrong(student_nb, source)
        hand_in(f"{MADE_UP}perfect", stem, perfect(student_nb, source))
        hand_in(f"{MADE_UP}untouched", stem, student_nb)
        hand_in(f"{MADE_UP}wrong", stem, bent)
        expected.update({(f"{MADE_UP}perfect", stem): (auto, total),
                         (f"{MADE_UP}untouched", stem): (0, total),
                         (f"{MADE_UP}wrong", stem): (auto - lost, total)})
        if stem == REORDERED:
            hand_in(f"{MADE_UP}reordered", stem, reordered(student_nb, source))
            expected[(f"{MADE_UP}reordered", stem)] = (auto, total)
    # What must be reported and skipped: a file that is not a notebook, another chapter's notebook,
    # one without grading metadata, a folder that is no chapter, stray files.
    hand_in(f"{MADE_UP}mixup", GRADED[0], "my answers are in the PDF")
    other = nbformat.read(release / GRADED[0] / f"{GRADED[0]}.ipynb", as_version=4)
    hand_in(f"{MADE_UP}mixup", GRADED[1], other)
    stripped = nbformat.read(release / GRADED[2] / f"{GRADED[2]}.ipynb", as_version=4)
    for cell in stripped.cells:
        cell.metadata.pop("nbgrader", None)
    hand_in(f"{MADE_UP}mixup", GRADED[2], stripped)
    (submissions / f"{MADE_UP}mixup" / "homework").mkdir()
    (submissions / f"{MADE_UP}perfect" / GRADED[0] / "notes.txt").write_text("scratch")
    (submissions / "answers.ipynb").write_text("{}")

    result = subprocess.run(["make", "--no-print-directory", f"COURSE={COURSE}", "autograde",
                             f"SUBMISSIONS={submissions}"], cwd=ROOT, capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    with open(COURSE / "grades.csv", newline="") as f:
        rows = {(r["student_id"], r["assignment"]): r for r in csv.DictReader(f)}
    assert fingerprint() == before, "make assignment/autograde changed a file in notebooks/"
    return output, rows, expected


def test_made_up_students_get_exactly_the_expected_marks(graded):
    _, rows, expected = graded
    got = {key: (float(rows[key]["score"]), float(rows[key]["max_score"]))
           for key in expected if key in rows}
    assert got == {key: (float(a), float(t)) for key, (a, t) in expected.items()}


def test_feedback_exists_for_every_graded_submission(graded):
    _, _, expected = graded
    for student, stem in expected:
        html = COURSE / "feedback" / student / stem / f"{stem}.html"
        assert html.exists() and html.stat().st_size > 10_000, html
        page = html.read_text()
        assert "Score:" in page, f"{html}: no scores in the feedback"
        assert "HIDDEN TESTS" not in page and "rng_hidden" not in page, f"{html}: shows hidden tests"


def test_bad_submissions_are_reported_by_name_and_skipped(graded):
    output, rows, _ = graded
    mixup = f"{MADE_UP}mixup"
    for line in [f"SKIPPED: {mixup}/{GRADED[0]}/{GRADED[0]}.ipynb: not a notebook",
                 f"SKIPPED: {mixup}/{GRADED[1]}/{GRADED[1]}.ipynb: is the notebook of {GRADED[0]}",
                 f"SKIPPED: {mixup}/{GRADED[2]}/{GRADED[2]}.ipynb: carries no grading metadata",
                 f"SKIPPED: {mixup}/homework: not a chapter of the book",
                 f"SKIPPED: {MADE_UP}perfect/{GRADED[0]}/notes.txt: not {GRADED[0]}.ipynb",
                 "SKIPPED: answers.ipynb: not a student's folder"]:
        assert line in output, f"missing {line!r} in:\n{output}"
    assert not [key for key in rows if key[0] == mixup], "a skipped submission was graded"


def test_zip_collect_sorts_an_lms_download(tmp_path, release):
    """`nbgrader zip_collect` with the course's pattern (Canvas file names), in a scratch course."""
    stem = GRADED[0]
    (tmp_path / "release").mkdir()
    shutil.copytree(release / stem, tmp_path / "release" / stem)
    archive = tmp_path / "downloaded" / stem / "archive"
    archive.mkdir(parents=True)
    notebook = (release / stem / f"{stem}.ipynb").read_bytes()
    with zipfile.ZipFile(archive / "submissions.zip", "w") as zf:
        zf.writestr(f"doejane_12345_67890_{stem}.ipynb", notebook)
        zf.writestr(f"smithbob_LATE_23456_78901_{stem}-1.ipynb", notebook)
    result = nbgrader("zip_collect", stem, "--force", course=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    for student in ["doejane", "smithbob"]:
        assert (tmp_path / "submitted" / student / stem / f"{stem}.ipynb").read_bytes() == notebook
