"""The book's structure: table of contents, chapter template, stored outputs, imports, offline rules."""
import ast
import re
import sys

from helpers import NOTEBOOKS, ROOT, code_cells, config, load, source, standard_cells

ALLOWED_IMPORTS = {"tensorflow", "keras", "numpy", "matplotlib", "sklearn"} | set(sys.stdlib_module_names)
FORBIDDEN_CODE = {
    "pip or shell command": re.compile(r"^\s*[!%]", re.M),
    "open() of a file": re.compile(r"(?<![\w.])open\("),
    "a URL": re.compile(r"https?://"),
    "a download (keras.datasets / get_file)": re.compile(r"keras\.datasets|get_file\("),
    "a file from the repository": re.compile(r"""["'](\.\./|\./|notebooks/|book/|tests/)"""),
    "a network module": re.compile(r"\b(urllib|socket|http\.client|requests)\b"),
}


def toc_files():
    return re.findall(r"(?:root|file):\s*(\S+)", (ROOT / "_toc.yml").read_text())


def test_there_are_chapters():
    assert NOTEBOOKS, "notebooks/ holds no chapter"


def test_every_toc_entry_exists():
    for entry in toc_files():
        assert any((ROOT / f"{entry}{ext}").exists() for ext in (".md", ".ipynb")), entry


def test_every_notebook_is_in_the_toc():
    listed = set(toc_files())
    for path in NOTEBOOKS:
        assert f"notebooks/{path.stem}" in listed, f"{path.name} is not in _toc.yml"


def test_notebooks_folder_holds_chapters_only():
    for path in (ROOT / "notebooks").iterdir():
        assert path.suffix == ".ipynb" or path.name.startswith("."), path.name
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", path.name) or path.name.startswith("."), path.name


def test_executed_top_to_bottom(notebook):
    path, nb = notebook
    counts = [c["execution_count"] for c in code_cells(nb) if source(c).strip()]
    assert counts == list(range(1, len(counts) + 1)), f"{path.name}: run `make execute NB={path.name}`"


def test_no_error_no_stderr_and_small(notebook):
    path, nb = notebook
    assert path.stat().st_size < 1_500_000, f"{path.name} is {path.stat().st_size} bytes"
    for i, cell in enumerate(code_cells(nb)):
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"{path.name}: code cell {i} stores an error"
            assert out.get("name") != "stderr", f"{path.name}: code cell {i} stores stderr: {out.get('text')}"
            text = "".join(out.get("text", ""))
            assert "Warning" not in text and "/root/" not in text and "/home/" not in text, text[:200]


def test_title_paragraph_and_colab_badge(notebook):
    path, nb = notebook
    first = source(nb["cells"][0])
    assert nb["cells"][0]["cell_type"] == "markdown" and re.match(r"# \d+\. \S", first), first[:80]
    cfg = config()
    repo = cfg["url"].removeprefix("https://github.com/")
    colab = f"https://colab.research.google.com/github/{repo}/blob/{cfg['branch']}/notebooks/{path.name}"
    assert f"[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]({colab})" in first
    assert len([p for p in first.split("\n\n") if p.strip()]) >= 3, "title, a paragraph, the badge"


def test_launch_buttons_derive_from_the_repository():
    text = (ROOT / "_config.yml").read_text()
    cfg = config()
    assert cfg["url"] == "https://github.com/formula-to-keras/formula-to-keras"
    assert cfg["branch"] == "main", "Jupyter Book 1 launch buttons default to master"
    assert 'colab_url: "https://colab.research.google.com"' in text
    assert 'binderhub_url: "https://mybinder.org"' in text
    assert 'execute_notebooks: "off"' in text


# Chapters whose setup cell may go on, after the standard lines, with what must run before
# TensorFlow initialises its devices (chapter 10 makes logical CPU devices for tf.distribute).
SETUP_MAY_CONTINUE = {"10_beyond_one_device"}


def test_standard_cells_open_every_chapter(notebook):
    path, nb = notebook
    setup, check_cell = [source(c).rstrip("\n") for c in code_cells(nb)[:2]]
    standard_setup, standard_check = standard_cells()
    if path.stem in SETUP_MAY_CONTINUE:
        setup = setup[:len(standard_setup)]
    assert setup == standard_setup, f"{path.name}: the setup cell differs from CONTRIBUTING.md"
    assert check_cell == standard_check, f"{path.name}: the check cell differs from CONTRIBUTING.md"


def test_standard_cells_are_collapsed_on_the_website(notebook):
    path, nb = notebook
    for cell in code_cells(nb)[:2]:
        assert "hide-input" in cell.get("metadata", {}).get("tags", []), \
            f"{path.name}: tag the setup and check cells hide-input"


def test_code_lines_fit_88_characters(notebook):
    path, nb = notebook
    long = [line for c in code_cells(nb) for line in source(c).splitlines() if len(line) > 88]
    assert not long, f"{path.name}: {len(long)} code lines over 88 characters, e.g. {long[0]!r}"


def test_reader_text_names_no_internal_ids(notebook):
    path, nb = notebook
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            text = source(cell)
            assert not re.search(r"syllabus|\bcontract\b|\bD\d{1,2}\b", text, re.I), \
                f"{path.name}: reader text mentions the syllabus, a contract or a bare D-number:\n{text[:200]}"


def outputs_text(cell):
    return "".join("".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
                   for o in cell.get("outputs", []))


def test_hardware_dependent_values_are_asserted(notebook):
    """The ≈ rule: a cell that prints a masked value asserts it against a bound."""
    path, nb = notebook
    for i, cell in enumerate(code_cells(nb)):
        if "≈" in outputs_text(cell):
            assert re.search(r"\bassert\b", source(cell)), \
                f"{path.name}: code cell {i} prints a ≈ value but asserts no bound"


def masked_and_ignored():
    """(cells masked or excluded from nbval's comparison, all code cells) over the book."""
    masked = total = 0
    for path in NOTEBOOKS:
        for cell in code_cells(load(path)):
            total += 1
            tags = cell.get("metadata", {}).get("tags", [])
            masked += "≈" in outputs_text(cell) or "nbval-ignore-output" in tags
    return masked, total


def test_few_cells_escape_the_exact_comparison():
    masked, total = masked_and_ignored()
    assert masked < 0.10 * total, f"{masked} of {total} code cells are masked or ignored (limit 10 %)"
    stated = re.search(r"(\d+) of (\d+) code cells", (ROOT / "README.md").read_text())
    assert stated and (int(stated.group(1)), int(stated.group(2))) == (masked, total), \
        f"README should say: {masked} of {total} code cells are masked or ignored"


def test_imports_only_what_colab_has(notebook):
    path, nb = notebook
    for cell in code_cells(nb):
        for node in ast.walk(ast.parse(source(cell))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                assert name.split(".")[0] in ALLOWED_IMPORTS, f"{path.name} imports {name}"


def test_offline_and_self_contained(notebook):
    path, nb = notebook
    for cell in code_cells(nb):
        for what, pattern in FORBIDDEN_CODE.items():
            assert not pattern.search(source(cell)), f"{path.name}: {what} in\n{source(cell)[:300]}"


def test_markdown_is_plain_commonmark(notebook):
    path, nb = notebook
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            assert not re.search(r"^(```|:::)\s*\{", source(cell), re.M), f"{path.name}: MyST directive"


def test_exercises_and_hidden_solutions(notebook):
    path, nb = notebook
    exercises = [c for c in nb["cells"] if c["cell_type"] == "markdown"
                 and re.search(r"^### Exercise \d+", source(c), re.M)]
    solutions = [c for c in nb["cells"] if "solution" in c.get("metadata", {}).get("tags", [])]
    assert len(exercises) >= 4, f"{path.name}: {len(exercises)} exercises, at least 4 wanted"
    assert len(solutions) >= len(exercises), f"{path.name}: an exercise without a solution cell"
    for cell in solutions:
        src = source(cell)
        assert cell["cell_type"] == "code" and "hide-cell" in cell["metadata"]["tags"], src[:80]
        assert src.count("### BEGIN SOLUTION") == src.count("### END SOLUTION") >= 1, src[:80]


def test_ignored_outputs_still_assert(notebook):
    path, nb = notebook
    for cell in code_cells(nb):
        if "nbval-ignore-output" in cell.get("metadata", {}).get("tags", []):
            assert re.search(r"\bassert\b|check\(", source(cell)), f"{path.name}: ignored cell asserts nothing"


def test_uses_the_python3_kernel(notebook):
    path, nb = notebook
    assert nb["metadata"]["kernelspec"]["name"] == "python3", path.name


def test_every_figure_has_alt_text(notebook):
    path, nb = notebook
    for i, cell in enumerate(code_cells(nb)):
        if any("image/png" in out.get("data", {}) for out in cell.get("outputs", [])):
            alt = cell["metadata"].get("mystnb", {}).get("image", {}).get("alt", "")
            assert len(alt) > 20, f"{path.name}: code cell {i} draws a figure without alt text " \
                                  "(cell metadata mystnb.image.alt)"


def test_sections_are_numbered(notebook):
    path, nb = notebook
    chapter = int(path.name[:2])
    headings = [line for c in nb["cells"] if c["cell_type"] == "markdown"
                for line in source(c).splitlines() if line.startswith("## ")]
    assert headings and headings[-1] == "## Exercises", f"{path.name}: the last section is ## Exercises"
    for k, heading in enumerate(headings[:-1], start=1):
        assert heading.startswith(f"## {chapter}.{k} "), f"{path.name}: {heading!r} should be ## {chapter}.{k} ..."


def test_exercises_numbered_each_with_one_solution(notebook):
    path, nb = notebook
    numbers = [int(n) for c in nb["cells"] if c["cell_type"] == "markdown"
               for n in re.findall(r"^### Exercise (\d+) \(", source(c), re.M)]
    assert numbers == list(range(1, len(numbers) + 1)), f"{path.name}: exercises {numbers}"
    ids = [c["metadata"].get("nbgrader", {}).get("grade_id", "") for c in nb["cells"]]
    answers = [re.match(r"ch\d\d-ex(\d+)-", i).group(1) for i in ids
               if i.endswith(("-solution", "-answer"))]
    assert answers == [str(n) for n in numbers], f"{path.name}: solution cells for {answers}"


def test_grading_metadata_is_what_the_tagger_writes(notebook):
    """nbgrader metadata: exactly `python tests/classroom.py tag` (CONTRIBUTING, Grading metadata)."""
    import nbformat
    from classroom import grading_metadata

    path, _ = notebook
    nb = nbformat.read(path, as_version=4)
    expected = grading_metadata(nb, path.stem)
    for i, cell in enumerate(nb.cells):
        got = cell.metadata.get("nbgrader")
        assert got == expected.get(i), (
            f"{path.name}, cell {i}: nbgrader metadata {got} (run tests/classroom.py tag)")


def test_every_self_check_has_hidden_tests_and_ends_with_a_call(notebook):
    path, nb = notebook
    tests = [c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade")
             and not c["metadata"]["nbgrader"].get("solution")]
    assert tests, f"{path.name}: no autograded self-check"
    for cell in tests:
        src, gid = source(cell), cell["metadata"]["nbgrader"]["grade_id"]
        assert re.search(r"^### BEGIN HIDDEN TESTS\n(.+\n)+### END HIDDEN TESTS$", src, re.M), (
            f"{path.name} {gid}: no hidden tests block")
        last = ast.parse(src).body[-1]
        assert isinstance(last, ast.Expr) and isinstance(last.value, ast.Call), (
            f"{path.name} {gid}: must end with the check call (a displayed value is a score)")
