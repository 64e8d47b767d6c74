"""The package's exceptions: one root, so a caller can catch every error the
package raises on purpose (``except OversightError``) and let bugs through.

Each message is written for the user: it names the file, folder, notebook or
parameter at fault and, where there is one, the fix.
"""

from __future__ import annotations


class OversightError(Exception):
    """Root of every error the package raises on purpose."""


class InputError(OversightError):
    """The input folder or an option cannot be used at all."""


class Unreadable(OversightError):
    """A file cannot be read as text (it is still kept, as an unreadable document)."""


class NotebookError(OversightError):
    """A notebook failed or was given bad parameters."""


class NothingReadable(OversightError):
    """Not one document of the input folder could be read (``extract`` exits 1)."""


class IncompleteTables(InputError):
    """A tables folder does not hold one complete generation of ``extract`` (an
    interrupted or concurrent run, a table replaced by hand), or executed
    notebooks were not run to the end on the current tables."""


class FolderBusy(OversightError):
    """Another run holds the lock of the folder this run would write (exit 4)."""


class DiskFull(OversightError):
    """The device filled up while writing; the previous tables are intact (exit 3)."""


class Terminated(BaseException):
    """SIGTERM arrived (``timeout``, SLURM, ``docker stop``): raised like
    ``KeyboardInterrupt`` so that cleanup runs (exit 143)."""
