"""The one place that defines every table the package writes.

Each table is a tuple of :class:`Field` (name, type, description). The writer
(:mod:`oversight_research.tables`), the ``datapackage.json`` and the tests all
read these definitions, so a column is added or renamed here and nowhere else.

Types are Frictionless Table Schema types: ``string``, ``integer``, ``number``,
``boolean``.  Every integer and number column is nullable.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str


def _f(name: str, type_: str, description: str) -> Field:
    return Field(name, type_, description)


PROVENANCE = (
    _f("start", "integer", "Character offset where the evidence starts in the document text."),
    _f("end", "integer", "Character offset where the evidence ends (exclusive)."),
)

SENTENCE = (
    _f(
        "sentence_id",
        "integer",
        "The sentence holding the evidence's start (sentences.sentence of the same doc_id); empty when the "
        "start lies outside every sentence (page chrome).",
    ),
)

REVIEW = (
    _f(
        "row_id",
        "string",
        "Stable row identifier: a short sha1 of doc_id, the table, the evidence offsets and the "
        "category/type (never the row's position); data/corrections/<table>.csv names rows by it.",
    ),
    _f(
        "review",
        "string",
        "machine (as extracted), corrected (a researcher set fields), confirmed (checked and "
        "kept) or added (a row the machine missed, added by a researcher).",
    ),
)

TABLES: dict[str, tuple[Field, ...]] = {
    "articles": (
        _f("doc_id", "string", "Document identifier: the file name without its extension."),
        _f("path", "string", "Path of the raw file relative to the raw folder."),
        _f("sha256", "string", "SHA-256 of the raw file's bytes."),
        _f("title", "string", "Title: from the manifest, else the first headline-like line."),
        _f("publisher", "string", "Publisher: from the manifest, else detected from the text or URL."),
        _f("published", "string", "Publication date (YYYY-MM-DD), if known."),
        _f(
            "published_source",
            "string",
            "Where `published` came from: manifest, header, stamp, meta, json-ld, time, url, trafilatura or none.",
        ),
        _f("source_url", "string", "URL the document was taken from, if known."),
        _f("reference", "string", "Oversight body reference (e.g. IOPC reference 2016/070829)."),
        _f("encoding", "string", "Encoding the text was decoded with."),
        _f("n_chars", "integer", "Characters of article text (chrome excluded)."),
        _f("n_words", "integer", "Words of article text (chrome excluded)."),
        _f("n_paragraphs", "integer", "Paragraphs of article text."),
        _f("n_sentences", "integer", "Sentences of article text."),
        _f("boilerplate_lines", "integer", "Lines classified as page chrome and excluded from analysis."),
        _f("boilerplate_reasons", "string", "Why lines were excluded: reason=count pairs, ';'-separated."),
        _f("comment_lines", "integer", "Lines of reader comments (kept, but not article text)."),
        _f(
            "template_outcomes",
            "integer",
            "Outcome rows dropped because their evidence sentence is template text: repeated verbatim in "
            "documents of several cases (rules/corpus.yaml template_text; docs/codebook.md).",
        ),
        _f("status", "string", "ok, partial (read with problems) or unreadable."),
        _f("problems", "string", "Human-readable problems met while reading, ';'-separated."),
        _f("author", "string", "Author, from the manifest or the page's metadata, if known."),
        _f("licence", "string", "Licence of the document, from data/raw/SOURCES.csv, the manifest or the page."),
        _f("pages", "integer", "Pages of a PDF; empty for other documents."),
        _f(
            "page_starts",
            "string",
            "PDFs: character offset where each page starts, ';'-separated (page n starts "
            "at the n-th offset), so any evidence offset gives its page.",
        ),
    ),
    "sentences": (
        _f("doc_id", "string", "Document identifier."),
        _f("paragraph", "integer", "Paragraph number within the document (0-based)."),
        _f("sentence", "integer", "Sentence number within the document (0-based)."),
        *PROVENANCE,
        _f("kind", "string", "article, comment or caption."),
        _f("text", "string", "The sentence text, exactly as in the document."),
        _f("page", "integer", "PDFs: the page (1-based) the sentence starts on; empty for other documents."),
    ),
    "events": (
        _f("doc_id", "string", "Document identifier."),
        _f("event_id", "string", "Event identifier, unique in the corpus (doc_id:e<n>)."),
        _f("case_id", "string", "Case the document belongs to."),
        _f("date", "string", "Normalised date at its precision (YYYY-MM-DD, YYYY-MM or YYYY)."),
        _f("date_end", "string", "End of a range, else empty."),
        _f("precision", "string", "day, month, year, range or unknown."),
        _f("date_text", "string", "The date expression as written."),
        _f("relative", "boolean", "True when the expression is relative (last year, a month later)."),
        _f("anchor", "string", "What a relative expression was resolved against: publication, explicit or none."),
        _f(
            "event_type",
            "string",
            "harm, warning_sign, police_action, investigation, proceedings, outcome, inquiry, publication or other.",
        ),
        _f("sentence", "string", "The sentence holding the date expression."),
        *PROVENANCE,
        *SENTENCE,
        *REVIEW,
    ),
    "missed_opportunities": (
        _f("doc_id", "string", "Document identifier."),
        _f("case_id", "string", "Case the document belongs to."),
        _f("warning_event_id", "string", "The warning sign's event (events.event_id)."),
        _f("harm_event_id", "string", "The first harm's event (events.event_id)."),
        _f("warning_date", "string", "Date of the warning sign at its precision."),
        _f("harm_date", "string", "Date of the document's first harm at its precision."),
        _f("interval_days", "integer", "Days from the warning to the harm, at the coarser precision of the two."),
        _f("compared_at", "string", "The precision both dates were compared at: day, month or year."),
        _f("day_exact", "boolean", "True when both dates are exact to the day."),
        _f("warning_text", "string", "The warning's date expression as written."),
        _f("harm_text", "string", "The harm's date expression as written."),
        _f("warning_sentence", "string", "The sentence holding the warning's date."),
        _f("harm_sentence", "string", "The sentence holding the harm's date."),
        *PROVENANCE,
        _f("harm_start", "integer", "Character offset where the harm's date expression starts."),
        _f("harm_end", "integer", "Character offset where the harm's date expression ends (exclusive)."),
        *SENTENCE,
        _f(
            "harm_sentence_id",
            "integer",
            "The sentence holding the harm's date expression (sentences.sentence of the same doc_id).",
        ),
        *REVIEW,
    ),
    "cases": (
        _f("case_id", "string", "Case identifier."),
        _f("label", "string", "Readable label: the most-mentioned person or the first title."),
        _f("forces", "string", "Police forces named, ';'-separated."),
        _f("oversight_bodies", "string", "Oversight bodies named, ';'-separated."),
        _f("people", "string", "Named people, ';'-separated."),
        _f("doc_ids", "string", "Documents in the case, ';'-separated (an unreadable document is in no case)."),
        _f("first_date", "string", "Earliest dated event."),
        _f("last_date", "string", "Latest dated event."),
    ),
    "outcomes": (
        _f("doc_id", "string", "Document identifier."),
        _f("case_id", "string", "Case the document belongs to."),
        _f("outcome_id", "string", "Outcome identifier (doc_id:o<n>)."),
        _f("category", "string", "Codebook category (docs/codebook.md)."),
        _f("stage", "string", "Codebook stage of the category."),
        _f("severity", "integer", "Rank on the sanction ladder (empty when not a sanction)."),
        _f("count", "integer", "How many people the outcome concerns, if stated."),
        _f("subject", "string", "officer, staff, force or mixed."),
        _f("status", "string", "actual, hypothetical, alleged or proposed."),
        _f("evidence", "string", "The sentence the outcome was read from."),
        *PROVENANCE,
        *SENTENCE,
        *REVIEW,
    ),
    "statements": (
        _f("doc_id", "string", "Document identifier."),
        _f("case_id", "string", "Case the document belongs to."),
        _f("statement_id", "string", "Statement identifier (doc_id:s<n>)."),
        _f("speaker", "string", "Speaker resolved to the fullest name in the document."),
        _f("speaker_text", "string", "The speaker as described where the quotation is attributed."),
        _f(
            "role",
            "string",
            "family, oversight_body, police, officer_subject, government, victim_or_witness, media, public or other.",
        ),
        _f("organisation", "string", "Organisation of the speaker, if named."),
        _f("quote", "string", "The quotation without its quotation marks."),
        _f("kind", "string", "full (a quoted statement) or partial (a quoted phrase inside reported speech)."),
        _f("paragraphs", "integer", "Paragraphs the quotation spans."),
        _f("n_words", "integer", "Words in the quotation."),
        *PROVENANCE,
        *SENTENCE,
        _f("polarity", "number", "TextBlob polarity (-1 to 1)."),
        _f("subjectivity", "number", "TextBlob subjectivity (0 to 1)."),
        _f("vader_compound", "number", "VADER compound score (-1 to 1)."),
        _f(
            "attribution",
            "string",
            "How the speaker was decided: cue (named in or beside the quotation), "
            "continuation (the previous quotation's speaker), pronoun, descriptor (role or name from how the "
            "document describes the person elsewhere), repeat (words repeating an earlier quotation take its "
            "speaker) or none.",
        ),
        *REVIEW,
    ),
    "review_codes": (
        _f("table", "string", "The corrected table: events, missed_opportunities, outcomes or statements."),
        _f(
            "unit",
            "string",
            "The row decided on: its row_id, or doc_id:start-end for a row the machine did not extract.",
        ),
        _f("doc_id", "string", "Document of the row."),
        _f("reviewer", "string", "Who decided (the corrections file's reviewer column; (unnamed) when empty)."),
        _f("action", "string", "The reviewer's decision on the row: confirm, set, add or drop (their last one)."),
        _f("field", "string", "The field coded: those a review sheet offers to set, and any other a correction set."),
        _f(
            "machine",
            "string",
            "The machine's value before any correction ((empty); (not extracted) for an added row).",
        ),
        _f("coded", "string", "The reviewer's value: the machine's changed by their decisions; (dropped) for a drop."),
    ),
    "corrections_unmatched": (
        _f("table", "string", "The corrections file's table (data/corrections/<table>.csv)."),
        _f("line", "integer", "Line of the corrections file (header = 1)."),
        _f("action", "string", "drop, set, confirm or add."),
        _f("row_id", "string", "The row it names (empty for an add)."),
        _f("doc_id", "string", "The document an add names."),
        *PROVENANCE,
        _f("reviewer", "string", "Who decided ((unnamed) when empty)."),
        _f("note", "string", "The reviewer's note."),
        _f(
            "reason",
            "string",
            "Why it was not applied: its row is no longer extracted, or its document is not in the corpus.",
        ),
    ),
}

EVALUATION_TABLES: dict[str, tuple[Field, ...]] = {
    "evaluation": (
        _f("set", "string", "Evaluation set (sub-folder of the gold folder), or all for every set pooled."),
        _f("extractor", "string", "events, missed_opportunities, outcomes or statements."),
        _f("measure", "string", "What is matched (e.g. date value, category+count)."),
        _f("doc_id", "string", "Document, or ALL for the micro average."),
        _f("tp", "integer", "True positives."),
        _f("fp", "integer", "False positives (spurious rows)."),
        _f("fn", "integer", "False negatives (misses)."),
        _f("precision", "number", "tp / (tp + fp)."),
        _f("recall", "number", "tp / (tp + fn)."),
        _f("f1", "number", "Harmonic mean of precision and recall."),
        _f("documents", "integer", "Annotated documents behind the score (1 for a document's own row)."),
        _f("precision_low", "number", "Bootstrap 95% interval over documents (pooled rows), lower bound."),
        _f("precision_high", "number", "Bootstrap 95% interval over documents (pooled rows), upper bound."),
        _f("recall_low", "number", "Bootstrap 95% interval over documents (pooled rows), lower bound."),
        _f("recall_high", "number", "Bootstrap 95% interval over documents (pooled rows), upper bound."),
        _f("f1_low", "number", "Bootstrap 95% interval over documents (pooled rows), lower bound."),
        _f("f1_high", "number", "Bootstrap 95% interval over documents (pooled rows), upper bound."),
    ),
    "evaluation_errors": (
        _f("set", "string", "Evaluation set of the document."),
        _f("extractor", "string", "events, missed_opportunities, outcomes or statements."),
        _f("measure", "string", "What is matched."),
        _f("doc_id", "string", "Document identifier."),
        _f("error", "string", "miss (in gold, not extracted) or spurious (extracted, not in gold)."),
        _f("value", "string", "The value that was missed or spurious."),
        _f("context", "string", "The gold evidence or the extracted sentence."),
    ),
    "evaluation_confusion": (
        _f("set", "string", "Evaluation set."),
        _f("gold_type", "string", "Event type in the gold annotation."),
        _f("extracted_type", "string", "Event type the extractor gave the same date mention."),
        _f("n", "integer", "Matched event mentions with this pair of types."),
    ),
    "review_agreement": (
        _f("table", "string", "The corrected table (events, missed_opportunities, outcomes or statements)."),
        _f("field", "string", "The field coded (review_codes.field)."),
        _f("coder_a", "string", "First coder: a reviewer, or machine (the extracted value before correction)."),
        _f("coder_b", "string", "Second coder: a reviewer."),
        _f("rows", "integer", "Rows both coders coded (the units of alpha)."),
        _f("agreed", "integer", "Rows on which they gave the same value."),
        _f(
            "alpha",
            "number",
            "Krippendorff's alpha (nominal) over those rows; empty when there is nothing to score (no row coded by "
            "both, or a single value throughout, where alpha is undefined).",
        ),
        _f("note", "string", "Why alpha is empty, if it is."),
    ),
    "sentiment_validation": (
        _f("lexicon", "string", "textblob (polarity), vader (compound) or combined."),
        _f("sentences", "string", "held-out (editorials not used to tune anything) or all."),
        _f("n", "integer", "Sentences scored."),
        _f("pearson", "number", "Pearson r with the mean human rating."),
        _f("pearson_low", "number", "Bootstrap 95% interval, lower bound."),
        _f("pearson_high", "number", "Bootstrap 95% interval, upper bound."),
        _f("spearman", "number", "Spearman rho with the mean human rating."),
        _f("spearman_low", "number", "Bootstrap 95% interval, lower bound."),
        _f("spearman_high", "number", "Bootstrap 95% interval, upper bound."),
        _f("sign_agreement", "number", "Share of clearly polar sentences given the human sign."),
        _f("n_polar", "integer", "Clearly polar sentences (|mean rating| >= threshold)."),
        _f("scored_zero", "number", "Share of sentences the lexicon scores exactly 0."),
    ),
}

ALL_TABLES = {**TABLES, **EVALUATION_TABLES}


def columns(table: str) -> list[str]:
    """Column names of ``table`` in their written order."""
    return [f.name for f in ALL_TABLES[table]]
