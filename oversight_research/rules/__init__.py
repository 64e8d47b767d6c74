"""Rules as data: the YAML files beside this module, loaded once into typed,
validated objects.

``docs/codebook.md`` documents every file and key. Researchers extend the
coding scheme by editing the YAML, not the code.

How a rules file is read (the pattern every file follows; ``rules/sentiment.py``
is the smallest worked example):

* a frozen dataclass per file (``SentimentRules``) built by a ``parse``
  classmethod from a :class:`Reader`, and one ``@cache``-d loader
  (``rules.sentiment.load()``) that the extractors call;
* the :class:`Reader` hands out each value already checked and compiled —
  :meth:`Reader.words` (a list of words or phrases), :meth:`Reader.pattern` /
  :meth:`Reader.patterns` (whole regular expressions, compiled once),
  :meth:`Reader.number` (with its allowed range), :meth:`Reader.text`,
  :meth:`Reader.section` (a nested mapping) — and :meth:`Reader.done` fails on a
  key nobody read, so a misspelt key is an error, not a silently ignored rule
  (:meth:`Reader.finish` calls it and returns the object built, so a
  ``parse`` is one expression: ``return r.finish(cls(...))``);
* every problem raises :class:`RulesError` naming the file and the key path, so
  a researcher's edit that breaks a rule says where.

A YAML value is a list of words or a whole pattern, never a fragment whose
meaning depends on the code around it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache, partial
from importlib import resources
from typing import Any, TypeVar

import yaml

from ..errors import OversightError

T = TypeVar("T")

# libyaml's safe loader when PyYAML was built with it (the same documents, parsed faster)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RulesError(OversightError):
    """A rules file is missing, not valid YAML, or has a wrong, missing or unknown key."""


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed YAML rule file ``name`` (without ``.yaml``), as plain data."""
    path = resources.files(__package__).joinpath(f"{name}.yaml")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except FileNotFoundError:
        raise RulesError(f"rules/{name}.yaml: no such rules file") from None
    except yaml.YAMLError as e:
        raise RulesError(f"rules/{name}.yaml: not valid YAML ({e})") from None
    if not isinstance(data, dict):
        raise RulesError(f"rules/{name}.yaml: the file must hold a mapping of keys to rules")
    return data


@cache
def compile_any(patterns: tuple[str, ...], *, full: bool = False, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One regex matching any of ``patterns`` (whole string when ``full``)."""
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(f"^(?:{body})$" if full else body, flags)


class Reader:
    """Checked access to one mapping of a rules file; remembers which keys were read."""

    def __init__(self, file: str, data: dict[str, Any] | None = None, path: str = "") -> None:
        self.file = file
        self.data = load(file) if data is None else data
        self.path = path
        self._read: set[str] = set()

    def error(self, key: str, problem: str) -> RulesError:
        return RulesError(f"rules/{self.file}.yaml, key {self._where(key)}: {problem}")

    def _where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def raw(self, key: str) -> Any:
        """The value of ``key`` as parsed YAML (a required key)."""
        if key not in self.data:
            raise self.error(key, "missing")
        self._read.add(key)
        return self.data[key]

    def has(self, key: str) -> bool:
        return key in self.data

    def keys(self) -> Iterator[str]:
        return iter(self.data)

    def section(self, key: str) -> Reader:
        value = self.raw(key)
        if not isinstance(value, dict):
            raise self.error(key, "must be a mapping")
        return Reader(self.file, value, self._where(key))

    def text(self, key: str, choices: tuple[str, ...] = ()) -> str:
        value = self.raw(key)
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, "must be a non-empty string")
        if choices and value not in choices:
            raise self.error(key, f"must be one of {', '.join(choices)}, not {value!r}")
        return value

    def number(self, key: str, lo: float | None = None, hi: float | None = None) -> float:
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(key, f"must be a number, not {value!r}")
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            raise self.error(key, f"must lie in [{lo}, {hi}], not {value}")
        return float(value)

    def integer(self, key: str, lo: int | None = None, hi: int | None = None) -> int:
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"must be a whole number, not {value!r}")
        self.number(key, lo, hi)
        return value

    def words(self, key: str) -> tuple[str, ...]:
        """A non-empty list of words or phrases (strings)."""
        value = self.raw(key)
        if not isinstance(value, list) or not value or not all(isinstance(w, str) and w.strip() for w in value):
            raise self.error(key, "must be a non-empty list of words or phrases")
        return tuple(value)

    def compiled(self, key: str, build: Callable[[], T]) -> T:
        """``build()``, which compiles ``key``'s value: a regular expression it
        cannot compile is a :class:`RulesError` naming the file and key."""
        try:
            return build()
        except re.error as e:
            raise self.error(key, f"not a valid regular expression ({e})") from None

    def pattern(self, key: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
        """A whole regular expression (a string, or a list of alternatives)."""
        value = self.raw(key)
        parts = (value,) if isinstance(value, str) else tuple(self.words(key))
        return self.compiled(key, lambda: compile_any(parts, flags=flags))

    def patterns(self, key: str, flags: int = re.IGNORECASE) -> tuple[re.Pattern[str], ...]:
        """A list of whole regular expressions, each compiled on its own."""
        return tuple(self.compiled(f"{key}[{i}]", partial(re.compile, p, flags)) for i, p in enumerate(self.words(key)))

    def done(self) -> None:
        """Fail on a key that no rule read (a typo, or a rule the code ignores)."""
        unread = sorted(set(self.data) - self._read)
        if unread:
            raise self.error(unread[0], "unknown key (no rule reads it; misspelt?)")

    def finish(self, value: T, *sections: Reader) -> T:
        """``value``, the typed rules built from this mapping, once :meth:`done`
        has checked ``sections`` and then this mapping: a ``parse`` is one
        expression, ``return r.finish(cls(...), nested)``."""
        for section in sections:
            section.done()
        self.done()
        return value
