"""Every rules file loads, and every category, type, role and subject named
anywhere in the package (gold checks, analysis constants, schema descriptions,
notebook defaults) exists in the rules, so a new one reaches every table,
figure and check by editing the YAML."""

from __future__ import annotations

import ast
import json
import re
from importlib import resources

import pytest
import yaml
from conftest import ROOT

from oversight_research import goldcheck, rules, schema
from oversight_research.analysis import outcomes as outcome_analysis
from oversight_research.analysis import statements as statement_analysis

RULE_FILES = sorted(p.name.removesuffix(".yaml") for p in resources.files(rules).iterdir() if p.name.endswith(".yaml"))


@pytest.mark.parametrize("name", RULE_FILES)
def test_every_rules_file_loads_as_a_mapping(name):
    data = rules.load(name)
    assert isinstance(data, dict) and data
    assert yaml.safe_load(resources.files(rules).joinpath(f"{name}.yaml").read_text(encoding="utf-8")) == data


def event_types() -> set[str]:
    return set(rules.load("events")["types"]) | {"other"}


def roles() -> set[str]:
    return set(rules.load("statements")["roles"]) | {"other"}


def test_event_types_agree_everywhere():
    assert set(goldcheck.EVENT_TYPES) == event_types()
    described = schema.TABLES["events"][[f.name for f in schema.TABLES["events"]].index("event_type")].description
    assert set(re.findall(r"[a-z_]+", described)) - {"or"} == event_types()


def test_roles_agree_everywhere():
    assert set(goldcheck.ROLES) == roles()
    described = schema.TABLES["statements"][[f.name for f in schema.TABLES["statements"]].index("role")].description
    assert set(re.findall(r"[a-z_]+", described)) - {"or"} == roles()
    for group in statement_analysis.DEFAULT_GROUPS.values():
        assert set(group) <= set(goldcheck.ROLES)


def test_outcome_categories_and_subjects_agree_everywhere():
    categories = set(rules.load("outcomes")["categories"])
    assert categories == goldcheck._categories()
    assert set(rules.load("outcomes")["subjects"]) <= set(goldcheck.SUBJECTS)
    assert set(outcome_analysis.SUBJECTS) <= set(goldcheck.SUBJECTS)
    stages = rules.load("outcomes")["stages"]
    assert {spec["stage"] for spec in rules.load("outcomes")["categories"].values()} <= set(stages)


def _notebook_default(name: str, parameter: str) -> object:
    notebook = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    cell = next(c for c in notebook["cells"] if "parameters" in c.get("metadata", {}).get("tags", []))
    for node in ast.parse("".join(cell["source"])).body:
        if isinstance(node, ast.Assign) and node.targets[0].id == parameter:
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} declares no {parameter}")


def test_notebook_defaults_name_existing_types_and_roles():
    assert set(_notebook_default("01_missed_opportunity_timelines.ipynb", "event_types")) <= event_types()
    for group in _notebook_default("03_statement_sentiment.ipynb", "roles").values():
        assert set(group) <= set(goldcheck.ROLES)


# --- the typed rules layer: a researcher's wrong edit names the file and key ---


def _reader(data):
    return rules.Reader("example", data)


def test_every_typed_rules_file_parses_and_reads_every_key():
    from oversight_research.rules import sentiment as sentiment_rules

    loaded = sentiment_rules.load()
    assert 0.0 <= loaded.vader_weight <= 1.0
    assert loaded.validation.bootstrap >= 1


@pytest.mark.parametrize(
    ("data", "read", "message"),
    [
        ({}, lambda r: r.words("cues"), "rules/example.yaml, key cues: missing"),
        ({"cues": "said"}, lambda r: r.words("cues"), "key cues: must be a non-empty list"),
        ({"cues": []}, lambda r: r.words("cues"), "key cues: must be a non-empty list"),
        ({"w": 1.5}, lambda r: r.number("w", lo=0, hi=1), "key w: must lie in [0, 1], not 1.5"),
        ({"w": True}, lambda r: r.number("w"), "key w: must be a number"),
        ({"n": 2.5}, lambda r: r.integer("n"), "key n: must be a whole number"),
        ({"p": "(unclosed"}, lambda r: r.pattern("p"), "key p: not a valid regular expression"),
        ({"ps": ["ok", "[bad"]}, lambda r: r.patterns("ps"), "key ps[1]: not a valid regular expression"),
        ({"s": {"x": 1}}, lambda r: r.section("s").words("x"), "key s.x: must be a non-empty list"),
        ({"t": "maybe"}, lambda r: r.text("t", choices=("yes", "no")), "key t: must be one of yes, no"),
    ],
)
def test_a_wrong_rule_is_reported_with_its_file_and_key(data, read, message):
    with pytest.raises(rules.RulesError) as e:
        read(_reader(data))
    assert message in str(e.value)


def test_a_key_no_rule_reads_is_an_error():
    r = _reader({"cues": ["said"], "cuse": ["told"]})
    r.words("cues")
    with pytest.raises(rules.RulesError, match="key cuse: unknown key"):
        r.done()


def test_a_whole_pattern_and_a_list_of_alternatives_compile_alike():
    r = _reader({"one": "said|told", "many": ["said", "told"]})
    assert r.pattern("one").search("she told us") and r.pattern("many").search("she told us")


def test_rules_errors_belong_to_the_package_root():
    from oversight_research.errors import OversightError

    assert issubclass(rules.RulesError, OversightError)


def test_finish_checks_every_section_and_returns_what_was_built():
    r = _reader({"cues": ["said"], "nested": {"a": 1, "b": 2}})
    nested = r.section("nested")
    built = (r.words("cues"), nested.integer("a"))
    with pytest.raises(rules.RulesError, match=re.escape("key nested.b: unknown key")):
        r.finish(built, nested)
    nested.integer("b")
    assert r.finish(built, nested) is built


def test_finish_rejects_an_unread_key_of_the_mapping_itself():
    r = _reader({"cues": ["said"], "extra": 1})
    r.words("cues")
    with pytest.raises(rules.RulesError, match="key extra: unknown key"):
        r.finish("value")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ({"sentence_end": "[.!?"}, "key sentence_end: not a valid regular expression"),
        ({"sentence_end": ["a list"]}, "key sentence_end: must be a non-empty string"),
        ({"abbreviations": []}, "key abbreviations: must be a non-empty list"),
        ({"abbreviation": ["mr"]}, "key abbreviation: unknown key"),
    ],
)
def test_a_wrong_text_rule_names_its_key(edit, message):
    import copy

    from oversight_research.rules import text as text_rules

    data = {**copy.deepcopy(rules.load("text")), **edit}
    with pytest.raises(rules.RulesError, match=re.escape(f"rules/text.yaml, {message}")):
        text_rules.TextRules.parse(rules.Reader("text", data))


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["force_places"].update(Kent=["a list"]), "key force_places.Kent: must be a non-empty string"),
        (lambda d: d["forces"].update(Broken="(unclosed"), "key forces.Broken: not a valid regular expression"),
        (lambda d: d.update(titel=["Mr"]), "key titel: unknown key"),
    ],
)
def test_a_wrong_entities_rule_names_its_key(edit, message):
    import copy

    from oversight_research.rules import entities as entity_rules

    data = copy.deepcopy(rules.load("entities"))
    edit(data)
    with pytest.raises(rules.RulesError, match=re.escape(f"rules/entities.yaml, {message}")):
        entity_rules.EntityRules.parse(rules.Reader("entities", data))
