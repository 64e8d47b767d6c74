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
