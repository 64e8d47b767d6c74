"""Typed rules of ``event_model.yaml``: the learned weights that re-weigh the
clause rules' event type (:mod:`oversight_research.event_model`), and the
settings the trainer (:mod:`oversight_research.train`) fitted them with.

The weights are data like every other rule: one row per feature (a word of
the sentence, a word beside the date, the clause rules' own type and how it
was decided, the date's place in the document's timeline), one weight per
event type. ``oversight-research train-event-model`` writes the file; a
researcher reads it (``docs/codebook.md``, "Learned weights for event
types") or switches it off (``settings.enabled: false``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from . import Reader


@dataclass(frozen=True)
class Settings:
    enabled: bool
    regularisation: float  # C of an L2-penalised multinomial logistic regression (larger: weaker penalty)
    min_count: int  # a feature seen in fewer training events has no weight
    window: int  # words either side of the date expression that are features of their own
    prune: float  # a feature whose weights all lie within ±prune is left out of the file

    @classmethod
    def parse(cls, r: Reader) -> Settings:
        enabled = r.raw("enabled")
        if not isinstance(enabled, bool):
            raise r.error("enabled", f"must be true or false, not {enabled!r}")
        return r.finish(
            cls(
                enabled=enabled,
                regularisation=r.number("regularisation", lo=1e-6),
                min_count=r.integer("min_count", lo=1),
                window=r.integer("window", lo=0, hi=50),
                prune=r.number("prune", lo=0.0),
            )
        )


@dataclass(frozen=True)
class EventModel:
    settings: Settings
    trained_on: MappingProxyType[str, object]  # sets, documents, events: the record of the training data
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: MappingProxyType[str, tuple[float, ...]]  # feature -> one weight per class

    @classmethod
    def parse(cls, r: Reader) -> EventModel:
        classes = r.words("classes")
        intercept = _vector(r, "intercept", r.raw("intercept"), len(classes))
        weights_r = r.section("weights")
        weights = {}
        for feature in list(weights_r.keys()):
            weights[feature] = _vector(weights_r, feature, weights_r.raw(feature), len(classes))
        trained = r.section("trained_on")
        record = MappingProxyType({key: trained.raw(key) for key in ("sets", "documents", "events")})
        return r.finish(
            cls(
                settings=Settings.parse(r.section("settings")),
                trained_on=record,
                classes=classes,
                intercept=intercept,
                weights=MappingProxyType(weights),
            ),
            weights_r,
            trained,
        )


def _vector(r: Reader, key: str, value: object, n: int) -> tuple[float, ...]:
    if (
        not isinstance(value, list)
        or len(value) != n
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    ):
        raise r.error(key, f"must be a list of {n} numbers (one per class)")
    return tuple(float(v) for v in value)


@cache
def load() -> EventModel:
    return EventModel.parse(Reader("event_model"))
