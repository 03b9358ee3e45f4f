"""One exception tree, caught once by the CLI.

Why: a user mistake (bad job file, missing fact, existing output) must reach the user as
a clear message and an exit code, while a bug must keep its traceback. Everything the
user can fix derives from :class:`ContractkitError`; anything else is a bug.
"""

from __future__ import annotations


class ContractkitError(Exception):
    """A problem the user can fix. ``exit_code`` 2 means bad input."""

    exit_code = 2

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []

    def lines(self) -> list[str]:
        """The lines to print on stderr: the headline, then one per problem."""
        return [self.message, *(f"  {p}" for p in self.problems)]


class JobError(ContractkitError):
    """The job file is missing, malformed or invalid."""


class LibraryError(ContractkitError):
    """A clause or letter data file (shipped or user-supplied) is invalid."""


class TemplateError(ContractkitError):
    """A DOCX template or clause text could not be rendered."""


class GlyphError(ContractkitError):
    """Text contains a character no bundled font can draw."""


class MissingFactError(ContractkitError):
    """A letter needs a fact (invoice number, date, amount) that was not given."""


class OutputError(ContractkitError):
    """An output cannot be written (its folder is a file, no permission, disk full)."""


class OutputExistsError(ContractkitError):
    """An output file exists (or is a symlink) and ``--force`` was not given."""

    exit_code = 1


class OutputLockedError(ContractkitError):
    """Another run is writing into the same folder; this one wrote nothing."""

    exit_code = 1


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, a shutdown, a CI timeout), raised where the program is.

    Why a KeyboardInterrupt: whatever cleans up after Ctrl-C (a build deleting its temp
    files, the wizard saving its answers) does the same for a polite kill.
    """
