"""The book's structure: table of contents, chapter template, stored outputs, imports, offline rules."""
import ast
import re
import sys

from helpers import NOTEBOOKS, ROOT, code_cells, config, source, standard_cells

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


def test_standard_cells_open_every_chapter(notebook):
    path, nb = notebook
    first_two = [source(c).rstrip("\n") for c in code_cells(nb)[:2]]
    assert first_two == standard_cells(), f"{path.name}: the two standard cells differ from CONTRIBUTING.md"


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
