"""The student edition (nbgrader's release, `make assignment`) hides every solution and every hidden
test, and every self-check tells a student what is wrong.

Formula functions do no shape policing of their own (they read like their formula); bad input is the
job of `check()` and the self-checks. For each chapter, one kernel runs the chapter body, then for
every coding exercise: the release's stub followed by the release's self-check, a
deliberately wrong answer (values bent) and the instructor's self-check (hidden tests included), a wrong
shape and that self-check, and finally the real solution and that self-check. The self-check must fail
with a one-line message the first three times and pass the last, hidden tests included.
"""
import ast
import re

import nbformat
import pytest

from helpers import NOTEBOOKS
from run_notebooks import execute

WRONG = {
    "values": "np.asarray(a, dtype=float) * 1.25 + 0.5",
    "shape": "np.asarray(a, dtype=float)[..., None]",
}
MUTATE = '''
import functools
def _wrong_answer(f):
    @functools.wraps(f)
    def g(*args, **kwargs):
        out = f(*args, **kwargs)
        bend = lambda a: {expr}
        return tuple(bend(o) for o in out) if isinstance(out, tuple) else bend(out)
    return g
'''
MESSAGES = re.compile(r"largest difference|wrong shape|NaN or inf|expected numbers")
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n.*?### END HIDDEN TESTS\n?", re.S)


def release_of(path, release):
    return nbformat.read(release / path.stem / path.name, as_version=4)


def is_solution(cell):
    return "solution" in cell.get("metadata", {}).get("tags", [])


def is_self_check(cell):
    return (cell.cell_type == "code" and not is_solution(cell)
            and re.search(r"\bcheck(_all)?\(", cell.source) is not None)


def exercises(nb):
    """(solution cell, its self-check cell or None) for every solution cell, in order."""
    cells = nb.cells
    return [(c, cells[i + 1] if i + 1 < len(cells) and is_self_check(cells[i + 1]) else None)
            for i, c in enumerate(cells) if is_solution(c)]


def defined_functions(cell):
    return [n.name for n in ast.parse(cell.source).body if isinstance(n, ast.FunctionDef)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_student_edition_has_no_solution_code(path, release):
    nb = nbformat.read(path, as_version=4)
    student = release_of(path, release)
    assert [c.cell_type for c in student.cells] == [c.cell_type for c in nb.cells]
    for original, stub in zip(nb.cells, student.cells):
        assert not stub.get("outputs"), f"{path.name}: the release keeps an output"
        if not is_solution(original):
            assert stub.source.rstrip() == HIDDEN.sub("", original.source).rstrip()
            assert "HIDDEN TESTS" not in stub.source
            continue
        assert "BEGIN SOLUTION" not in stub.source and "your turn" in stub.source.lower()
        region = re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", original.source, re.S)
        for line in "".join(region).splitlines():
            if re.search(r"\w", line) and not line.strip().startswith("#"):
                assert line not in stub.source, f"{path.name}: solution line left in: {line!r}"


_probes = {}


def probe(path, release):
    """Run the chapter body and every exercise probe once; cache the result."""
    if path in _probes:
        return _probes[path]
    nb = nbformat.read(path, as_version=4)
    student = release_of(path, release).cells
    stubs = {id(o): s for o, s in zip(nb.cells, student)}
    first = next(i for i, c in enumerate(nb.cells) if is_solution(c))
    cells = [nbformat.v4.new_code_cell(c.source) for c in nb.cells[:first] if c.cell_type == "code"]
    checks = []                                   # (index of a self-check run, what ran before it, label)
    for solution, self_check in exercises(nb):
        if self_check is None:                    # a derivation or an experiment: just run it
            cells.append(nbformat.v4.new_code_cell(solution.source))
            continue
        runs = [(stubs[id(solution)].source, "stub")]  # then the release's self-check
        for kind, expr in WRONG.items():
            wraps = "\n".join(f"{f} = _wrong_answer({f})" for f in defined_functions(solution))
            runs.append((solution.source + "\n" + MUTATE.format(expr=expr) + wraps, kind))
        runs.append((solution.source, "solution"))
        released_check = stubs[id(self_check)].source
        for code, kind in runs:
            cells.append(nbformat.v4.new_code_cell(code))
            cells.append(nbformat.v4.new_code_cell(
                released_check if kind == "stub" else self_check.source))
            checks.append((len(cells) - 1, kind, self_check.source.splitlines()[0]))
    probe_nb = nbformat.v4.new_notebook(cells=cells, metadata=nb.metadata)
    execute(probe_nb, path.parent, allow_errors=True)
    _probes[path] = probe_nb, checks
    return _probes[path]


def errors_of(cell):
    return [o for o in cell.outputs if o.output_type == "error"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_self_checks_fail_clearly_and_pass_on_the_solution(path, release):
    probe_nb, checks = probe(path, release)
    assert checks, f"{path.name} has no coding exercise with a self-check"
    for index, kind, label in checks:
        outputs = probe_nb.cells[index].outputs
        errors = errors_of(probe_nb.cells[index])
        where = f"{path.name}, self-check {label!r} on the {kind}"
        if kind == "solution":
            assert not errors, f"{where}: {errors[0].ename}: {errors[0].evalue}"
            assert "OK:" in "".join(o.get("text", "") for o in outputs), where
        elif kind == "stub":
            assert errors and errors[0].ename == "NotImplementedError", where
            assert "your turn" in errors[0].evalue.lower(), where
        else:
            assert errors, f"{where}: the self-check passed a wrong answer"
            assert errors[0].ename in {"AssertionError", "ValueError"}, f"{where}: {errors[0].ename}"
            message = errors[0].evalue
            assert "\n" not in message and MESSAGES.search(message), f"{where}: {message!r}"
