"""The choices a summary takes, kept apart from the renderer so that the command line
can offer them without importing ReportLab."""

LANG_CHOICES = ("en", "ru", "both")
PAPER_NAMES = ("a4", "letter")
