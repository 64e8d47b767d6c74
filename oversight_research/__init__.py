"""oversight-research: UK police-oversight cases from articles to tables to a report."""

__version__ = "0.1.0"
