"""Make the website work with no network: local MathJax and a local Colab badge image.

It also drops the duplicate inline scripts Jupyter Book 1 emits (a JavaScript error otherwise).
Readers online keep every link (Colab, Binder, GitHub); only what a page *loads* is made local:
- MathJax 3 is copied from the `django-static-mathjax` package (pinned in requirements.txt) into
  `_static/mathjax/`, and `mathjax_path` in `_config.yml` points there;
- the notebooks' "Open in Colab" badge image, which Colab serves, is replaced by `_static/colab-badge.svg`.
"""
import shutil
from pathlib import Path

import mathjax  # the django-static-mathjax package

REMOTE_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"
MATHJAX_PARTS = ["tex-mml-chtml.js", "output/chtml", "input", "a11y", "ui", "sre", "adaptors"]


def copy_mathjax(static_dir):
    es5 = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
    for part in MATHJAX_PARTS:
        src, dst = es5 / part, static_dir / "mathjax" / part
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        elif src.exists():
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)


def dedupe_script_lines(text):
    """Keep the first of identical <script> lines: Jupyter Book 1 registers some inline scripts twice
    (sphinx-thebe's `const THEBE_JS_URL`, the toggle-button selector), and a second `const`
    declaration is a JavaScript error on every page."""
    seen, lines = set(), []
    for line in text.split("\n"):
        if line.strip().startswith("<script") and line.strip().endswith("</script>"):
            if line.strip() in seen:
                continue
            seen.add(line.strip())
        lines.append(line)
    return "\n".join(lines)


def localize_pages(outdir):
    for page in outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        depth = len(page.relative_to(outdir).parts) - 1
        new = dedupe_script_lines(text.replace(REMOTE_BADGE, "../" * depth + "_static/colab-badge.svg"))
        if new != text:
            page.write_text(new, encoding="utf-8")


def build_finished(app, exception):
    if exception is None and app.builder.format == "html":
        outdir = Path(app.outdir)
        copy_mathjax(outdir / "_static")
        localize_pages(outdir)


def add_book_static(app):
    """book/_static (the local badge image, book.css) is copied into the site's _static."""
    app.config.html_static_path.append(str(Path(app.srcdir) / "book" / "_static"))


def setup(app):
    app.connect("builder-inited", add_book_static)
    app.add_css_file("book.css")
    app.connect("build-finished", build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
