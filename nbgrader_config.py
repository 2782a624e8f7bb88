"""nbgrader's configuration for the course built from the book (see book/how-to-use.md).

The course directory is _build (or the directory in $FFK_COURSE): `make assignment` copies the
chapters into its source/ folder and writes release/; `make autograde SUBMISSIONS=...` fills
submitted/, autograded/, feedback/, the gradebook (gradebook.db) and grades.csv. Run nbgrader's own
commands from the repository's root folder and they use this file too.
"""
import os

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

here = os.path.dirname(os.path.abspath(__file__))
course = os.path.abspath(os.environ.get("FFK_COURSE", os.path.join(here, "_build")))

c.CourseDirectory.course_id = "formula-to-keras"
c.CourseDirectory.root = course
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(course, "gradebook.db")

# What replaces a solution in the student edition (the text the book's exercises promise).
c.ClearSolutions.code_stub = {
    "python": "# YOUR CODE HERE\n"
    'raise NotImplementedError("Your turn: write this part of the exercise, '
    'then run the self-check below.")'
}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Autograding runs a whole chapter: some cells train a model for tens of seconds. Errors are shown
# as their one line (the self-checks' messages), without the code around them: a traceback's
# context would otherwise show lines of the hidden tests in the feedback.
c.Execute.timeout = 900
c.Execute.extra_arguments = ["--InteractiveShell.xmode=Minimal"]
# A self-check cell a student deleted is put back (after the cell before it) and still graded.
c.OverwriteCells.add_missing_cells = True
c.Autograde.create_student = True
c.GenerateAssignment.create_assignment = True

# `nbgrader zip_collect NN_topic`: an LMS download (a zip of every student's file, or the files)
# in COURSE/downloaded/NN_topic/archive/ is sorted into COURSE/submitted/. Canvas names each file
#   <lastfirst>_<user id>_<submission id>_<the student's file name>   (<lastfirst>_LATE_... if late)
# and adds -1, -2, ... to a resubmitted file's name; the student id is <lastfirst>. For another LMS,
# change the pattern: it must name the groups student_id and file_id (the notebook's name).
c.ZipCollectApp.collector_plugin = "nbgrader.plugins.zipcollect.FileNameCollectorPlugin"
c.FileNameCollectorPlugin.named_regexp = (
    r".*/(?P<student_id>[^_/]+)_(?:LATE_)?\d+_\d+_(?P<file_id>\d\d_[a-z_]+?)(?:-\d+)?\.ipynb$"
)

# Feedback pages show each graded cell with its outputs; the hidden tests' code is left out (their
# verdict or error line stays), so that feedback passed around does not publish them.
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import ClearHiddenTests, GetGrades  # noqa: E402

c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]
