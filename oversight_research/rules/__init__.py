"""Rules as data: the YAML files beside this module, loaded once.

``docs/codebook.md`` documents every file. Researchers extend the coding
scheme by editing the YAML, not the code.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed YAML rule file ``name`` (without ``.yaml``)."""
    text = resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@cache
def compile_any(patterns: tuple[str, ...], *, full: bool = False, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One regex matching any of ``patterns`` (whole string when ``full``)."""
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(f"^(?:{body})$" if full else body, flags)
