"""oversight-research: UK police-oversight cases from articles to tables to a report."""

from . import regex_start

regex_start.install()  # before any module compiles its patterns (see regex_start)

__version__ = "0.1.0"
