"""Typed rules of ``ingest.yaml``: which lines are page chrome (whole-line
patterns and "contains" cues per reason, related-list headings, forum post
ends, PDF page numbers), which are captions, and where the metadata comes
from (header lines, printed stamps, HTML date tags, the case reference,
publisher labels, hosts and phrases).  Compiled once, on first use."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from ..text import Cues
from . import Reader, compile_any

T = TypeVar("T")


def _regex(r: Reader, key: str, flags: int) -> re.Pattern[str]:
    """One whole regular expression (a string), compiled as written."""
    return r.compiled(key, lambda: re.compile(r.text(key), flags))


def _whole_line(r: Reader, key: str) -> re.Pattern[str]:
    """A list of whole-line patterns: a line is matched when one of them matches all of it (case-insensitive)."""
    return r.compiled(key, lambda: compile_any(r.words(key), full=True))


def _cues(r: Reader, key: str) -> Cues:
    """A list of patterns matched anywhere in the lower-cased line (:class:`text.Cues`)."""
    return r.compiled(key, lambda: Cues(r.words(key)))


def _cue(r: Reader, key: str) -> Cues:
    """One whole pattern matched anywhere in lower-cased text."""
    return r.compiled(key, lambda: Cues([r.text(key)]))


def _per_reason(r: Reader, read: Callable[[Reader, str], T]) -> tuple[tuple[str, T], ...]:
    """A mapping of chrome reasons to their patterns, in the file's order."""
    return r.finish(tuple((reason, read(r, reason)) for reason in list(r.keys())))


@dataclass(frozen=True)
class IngestRules:
    chrome_lines: tuple[tuple[str, re.Pattern[str]], ...]  # reason → whole-line patterns (one alternation)
    chrome_contains: tuple[tuple[str, Cues], ...]  # reason → cues anywhere in the line
    related_list_headings: re.Pattern[str]  # whole line
    caption_credit: re.Pattern[str]  # case-sensitive, searched in the line
    forum_post_end: re.Pattern[str]  # whole line
    page_number_lines: re.Pattern[str]  # whole line
    html_date_meta: frozenset[str]  # <meta> names, lower-cased
    source_url_header: re.Pattern[str]  # metadata_header.source_url, group 1 the URL
    published_header: re.Pattern[str]  # metadata_header.published, group 1 the date
    metadata_header: re.Pattern[str]  # either of the two (a chrome line)
    published_stamps: tuple[re.Pattern[str], ...]  # group 1 the date
    reference: Cues  # on lower-cased text; group 1 the body's word, group 2 the number
    reference_heading: re.Pattern[str]
    publisher_hosts: tuple[tuple[str, str], ...]  # host suffix → publisher
    publisher_labels: re.Pattern[str]  # whole line
    publisher_patterns: tuple[re.Pattern[str], ...]  # multi-line; group 1 the publisher
    month_spellings: tuple[tuple[str, str], ...]  # a month's spelling → the abbreviation dates are parsed with

    @classmethod
    def parse(cls, r: Reader) -> IngestRules:
        header = r.section("metadata_header")
        hosts = r.section("publisher_hosts")
        months = r.section("month_spellings")
        return r.finish(
            cls(
                chrome_lines=_per_reason(r.section("chrome_lines"), _whole_line),
                chrome_contains=_per_reason(r.section("chrome_contains"), _cues),
                related_list_headings=_whole_line(r, "related_list_headings"),
                caption_credit=_regex(r, "caption_credit", 0),
                forum_post_end=_whole_line(r, "forum_post_end"),
                page_number_lines=_whole_line(r, "page_number_lines"),
                html_date_meta=frozenset(n.lower() for n in r.words("html_date_meta")),
                source_url_header=_regex(header, "source_url", re.IGNORECASE),
                published_header=_regex(header, "published", re.IGNORECASE),
                metadata_header=compile_any((header.text("source_url"), header.text("published"))),
                published_stamps=r.patterns("published_stamps"),
                reference=_cue(r, "reference"),
                reference_heading=_regex(r, "reference_heading", re.IGNORECASE),
                publisher_hosts=tuple((host, hosts.text(host)) for host in list(hosts.keys())),
                publisher_labels=_whole_line(r, "publisher_labels"),
                publisher_patterns=r.patterns("publisher_patterns", re.MULTILINE),
                month_spellings=tuple((spelling, months.text(spelling)) for spelling in list(months.keys())),
            ),
            header,
            hosts,
            months,
        )


@cache
def load() -> IngestRules:
    return IngestRules.parse(Reader("ingest"))
