"""What ``datapackage.json`` says beyond the columns: keys, licences, sources.

The columns and types come from :mod:`oversight_research.schema`; this module
adds what makes the folder a valid Frictionless *Tabular Data Package*
(checked by ``frictionless validate datapackage.json`` in the tests): every
resource a ``tabular-data-resource``, each table's primary key, the foreign
keys that tie the tables together (``statements.doc_id`` -> ``articles.doc_id``,
``events.case_id`` -> ``cases.case_id``, ...), and the licences and sources of
the text the tables quote.

A foreign key is declared only when the table it points to is in the same
package (an evaluation folder holds no ``articles``), so every written package
validates on its own.  An empty foreign-key value (a document in no case) is
allowed by the format.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import __version__
from .schema import ALL_TABLES

# The columns that identify a row of each table (unique, never empty).
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("doc_id",),
    "sentences": ("doc_id", "sentence"),
    "events": ("event_id",),
    "missed_opportunities": ("warning_event_id", "harm_event_id"),
    "cases": ("case_id",),
    "outcomes": ("outcome_id",),
    "statements": ("statement_id",),
    "evaluation": ("set", "extractor", "measure", "doc_id"),
    "evaluation_confusion": ("set", "gold_type", "extracted_type"),
    "sentiment_validation": ("lexicon", "sentences"),
    "review_codes": ("table", "unit", "reviewer", "field"),
    "corrections_unmatched": ("table", "line"),
    "review_agreement": ("table", "field", "coder_a", "coder_b"),
}
# (doc_id, sentence_id) names a sentence too, but is no foreign key: frictionless
# refuses a composite key with one part empty, and sentence_id is empty for an
# evidence outside every sentence (a row a reviewer added there).


# table -> (columns, referenced table, referenced columns)
FOREIGN_KEYS: dict[str, tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]] = {
    "sentences": ((("doc_id",), "articles", ("doc_id",)),),
    "events": ((("doc_id",), "articles", ("doc_id",)), (("case_id",), "cases", ("case_id",))),
    "missed_opportunities": (
        (("doc_id",), "articles", ("doc_id",)),
        (("case_id",), "cases", ("case_id",)),
        (("warning_event_id",), "events", ("event_id",)),
        (("harm_event_id",), "events", ("event_id",)),
    ),
    "outcomes": ((("doc_id",), "articles", ("doc_id",)), (("case_id",), "cases", ("case_id",))),
    "statements": ((("doc_id",), "articles", ("doc_id",)), (("case_id",), "cases", ("case_id",))),
    "review_codes": ((("doc_id",), "articles", ("doc_id",)),),
}

OGL = {
    "name": "OGL-UK-3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    "title": "Open Government Licence v3.0: text quoted from UK public-body pages (IOPC/IPCC, police "
    "forces, PCCs, the Police Ombudsman)",
}
NEWS = {
    "name": "other-closed",
    "title": "Text quoted from news articles and forum posts remains (c) its publishers; it is kept for "
    "non-commercial research and quotation only. data/raw/SOURCES.csv gives each document's "
    "publisher and licence, articles.source_url its address.",
}
LICENSES = (OGL, NEWS)
SOURCES = (
    {
        "title": "The documents of the raw folder, one per file (articles.path, articles.source_url; for the "
        "project's corpus, data/raw/SOURCES.csv lists each one's URL, publisher, licence and retrieval "
        "date)"
    },
    {
        "title": f"Extracted by oversight-research {__version__} with its coding rules (oversight_research/rules/, "
        "documented in docs/codebook.md)"
    },
)
PACKAGE_TITLE = "UK police-oversight cases: documents, events, outcomes and statements as tidy tables"


def resource(name: str, present: Iterable[str]) -> dict:
    """The ``tabular-data-resource`` descriptor of table ``name`` in a package holding ``present``."""
    present = set(present)
    schema: dict = {
        "fields": [{"name": f.name, "type": f.type, "description": f.description} for f in ALL_TABLES[name]],
        "missingValues": [""],
    }
    if name in PRIMARY_KEYS:
        schema["primaryKey"] = list(PRIMARY_KEYS[name])
    keys = [
        {"fields": list(fields), "reference": {"resource": target, "fields": list(ref)}}
        for fields, target, ref in FOREIGN_KEYS.get(name, ())
        if target in present
    ]
    if keys:
        schema["foreignKeys"] = keys
    return {
        "name": name,
        "profile": "tabular-data-resource",
        "path": f"{name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "doubleQuote": True, "header": True, "lineTerminator": "\n", "quoteChar": '"'},
        "x-parquet": f"{name}.parquet",
        "schema": schema,
    }


def descriptor(tables: Iterable[str]) -> dict:
    """A Frictionless Tabular Data Package descriptor for ``tables`` (in the given order)."""
    tables = list(tables)
    return {
        "name": "oversight-research",
        "title": PACKAGE_TITLE,
        "profile": "tabular-data-package",
        "version": __version__,
        "licenses": [dict(licence) for licence in LICENSES],
        "sources": [dict(source) for source in SOURCES],
        "resources": [resource(name, tables) for name in tables],
    }
