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
from oversight_research.rules import events as events_rules

RULE_FILES = sorted(p.name.removesuffix(".yaml") for p in resources.files(rules).iterdir() if p.name.endswith(".yaml"))


@pytest.mark.parametrize("name", RULE_FILES)
def test_every_rules_file_loads_as_a_mapping(name):
    data = rules.load(name)
    assert isinstance(data, dict) and data
    assert yaml.safe_load(resources.files(rules).joinpath(f"{name}.yaml").read_text(encoding="utf-8")) == data


def event_types() -> set[str]:
    return set(rules.load("events")["types"]) | {"other"}


def test_the_retyping_rules_name_existing_event_types():
    document = events_rules.load().document
    assert document.repeated_day_types and document.repeated_day_types <= event_types()
    assert document.kept_types and document.kept_types <= event_types()


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


# --- rules/analysis.yaml: the report's groupings name what the rules define ---


def _described(table: str, column: str) -> set[str]:
    field = next(f for f in schema.TABLES[table] if f.name == column)
    return set(re.findall(r"[a-z_]+", field.description)) - {"or"}


def statuses() -> set[str]:
    from oversight_research.rules import outcomes as outcome_rules

    return {"actual", *outcome_rules.load().status.cues}


def test_analysis_rules_name_existing_categories_stages_roles_and_subjects():
    from oversight_research.rules import analysis as analysis_rules

    loaded = analysis_rules.load()
    outcomes = rules.load("outcomes")
    assert loaded.outcomes.categories() <= set(outcomes["categories"])
    assert loaded.outcomes.stages() <= set(outcomes["stages"])
    assert set(loaded.summary.flow_stages) <= set(outcomes["stages"])
    assert set(loaded.outcomes.subjects) <= set(goldcheck.SUBJECTS)
    assert loaded.outcomes.shared_subject in loaded.outcomes.subjects
    assert len(loaded.statements.groups) >= 2
    for group in loaded.statements.groups.values():
        assert set(group) <= roles()
    # the cross-case table's columns are exactly the rules' (a new column needs no code)
    assert list(outcome_analysis._RULES.cross_case) == list(loaded.outcomes.cross_case)


def test_review_signs_name_existing_tables_columns_and_values():
    from oversight_research import review
    from oversight_research.rules import analysis as analysis_rules

    known = {
        ("events", "event_type"): event_types(),
        ("statements", "role"): roles(),
        ("outcomes", "status"): statuses(),
        ("outcomes", "subject"): set(goldcheck.SUBJECTS),
        ("events", "precision"): _described("events", "precision"),
        ("events", "anchor"): _described("events", "anchor"),
        ("missed_opportunities", "compared_at"): _described("missed_opportunities", "compared_at"),
    }
    for table, signs in analysis_rules.load().review.suspect.items():
        assert table in review.SHOWN and table in schema.TABLES
        columns = {f.name for f in schema.TABLES[table]}
        for sign in signs:
            assert sign.column in columns, (table, sign.column)
            if (table, sign.column) in known and sign.values is not None:
                assert set(sign.values) <= known[(table, sign.column)], (table, sign)


def test_schema_descriptions_of_outcomes_name_existing_subjects_and_statuses():
    assert _described("outcomes", "status") == statuses()
    assert _described("outcomes", "subject") <= set(goldcheck.SUBJECTS)


def test_figure_styles_name_existing_statuses_and_event_types():
    """Presentation constants keyed by a category (marker per status, style per event type)
    name only what the rules define; a status the rules add without a marker still draws."""
    from oversight_research.analysis import timelines

    assert set(outcome_analysis._STATUS_MARKER) == statuses()
    assert set(timelines._STYLE) <= event_types()


def _string_constants(module) -> set[str]:
    tree = ast.parse(resources.files("oversight_research").joinpath(module).read_text(encoding="utf-8"))
    return {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def test_the_measures_the_report_names_are_scored_by_evaluate():
    from oversight_research.analysis import quality, summary

    measures = _string_constants("evaluate.py")
    extractors = {name for name in schema.TABLES}
    for extractor, measure in summary.HEADLINE_MEASURES:
        assert extractor in extractors and measure in measures, (extractor, measure)
    assert set(quality.ACCURACY) <= measures


def test_the_summary_defaults_are_the_notebooks_defaults():
    """key_findings falls back to these when a notebook did not record its parameters."""
    assert _notebook_default("01_missed_opportunity_timelines.ipynb", "min_precision") == "year"
    assert _notebook_default("03_statement_sentiment.ipynb", "lexicon") == "vader"
    assert _notebook_default("03_statement_sentiment.ipynb", "include_partial") is True
    assert _notebook_default("03_statement_sentiment.ipynb", "min_words") == 0
    groups = _notebook_default("03_statement_sentiment.ipynb", "roles")
    assert {k: list(v) for k, v in groups.items()} == statement_analysis.DEFAULT_GROUPS


def _analysis_data():
    return yaml.safe_load(resources.files(rules).joinpath("analysis.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda d: d["outcomes"]["cross_case"]["investigated"].update(categories_of_stage="x"),
            "key outcomes.cross_case.investigated: must have exactly one of",
        ),
        (
            lambda d: d["outcomes"]["cross_case"]["dismissed"].update(sum_of="dismissal"),
            "key outcomes.cross_case.dismissed.sum_of: must be a non-empty list",
        ),
        (lambda d: d["outcomes"].update(shared_subject="both"), "key outcomes.shared_subject: must be one of"),
        (
            lambda d: d["statements"].update(groups={"family": ["family"]}),
            "key statements.groups: must name at least two",
        ),
        (lambda d: d["statements"].update(bootstrap=0), "key statements.bootstrap: must lie in"),
        (lambda d: d["evaluation"].update(sed=1), "key evaluation.sed: unknown key"),
        (
            lambda d: d["review"]["suspect"]["events"][0].pop("values"),
            "key review.suspect.events[0].values: a sign has exactly one of",
        ),
        (
            lambda d: d["review"]["suspect"]["outcomes"][0].update(weight="high"),
            "key review.suspect.outcomes[0].weight: must be a whole number",
        ),
    ],
)
def test_a_wrong_analysis_rule_names_its_key(edit, message):
    from oversight_research.rules import analysis as analysis_rules

    data = _analysis_data()
    edit(data)
    with pytest.raises(rules.RulesError) as e:
        analysis_rules.AnalysisRules.parse(rules.Reader("analysis", data))
    assert message in str(e.value)


def test_the_analysis_rules_parse_and_read_every_key():
    from oversight_research.rules import analysis as analysis_rules

    loaded = analysis_rules.load()
    assert loaded == analysis_rules.AnalysisRules.parse(rules.Reader("analysis", _analysis_data()))
    assert loaded.evaluation.bootstrap >= 1 and loaded.statements.bootstrap >= 1


# --- rules/statements.yaml and rules/entities.yaml: moved vocabulary and windows are honoured ---


@pytest.fixture
def edited_rules(monkeypatch):
    """``edit(file, **keys)``: the statements (or entities) rules with ``keys``
    replaced, as the statements module reads them; its caches are emptied
    before and after, so the next test reads the real rules again."""
    import copy

    from oversight_research import entities, statements
    from oversight_research.rules import entities as entity_rules
    from oversight_research.rules import statements as statement_rules

    def clear() -> None:
        for module in (statements, entities):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
        statements._LAST_HEADLINE[:] = [None, None]

    def edit(file: str, **keys: object) -> None:
        data = {**copy.deepcopy(rules.load(file)), **keys}
        if file == "statements":
            parsed: object = statement_rules.StatementRules.parse(rules.Reader(file, data))
            monkeypatch.setattr(statement_rules, "load", lambda: parsed)
        else:
            parsed = entity_rules.EntityRules.parse(rules.Reader(file, data))
            monkeypatch.setattr(entity_rules, "load", lambda: parsed)
        clear()

    clear()
    yield edit
    monkeypatch.undo()
    clear()


def _speakers(*paragraphs: str) -> list[tuple[str | None, str]]:
    from conftest import make_doc

    from oversight_research.statements import extract_statements

    return [(r["speaker"], r["quote"]) for r in extract_statements(make_doc(*paragraphs))]


def test_a_new_co_speaker_phrase_is_honoured(edited_rules):
    said = ("Ann Lee, accompanied by Tom Gray, said: “It was wrong.”", "More text.")
    assert _speakers(*said) == [("Tom Gray", "It was wrong.")]  # "accompanied by" is no co-speaker phrase
    phrases = [*rules.load("statements")["co_speaker_phrases"], "accompanied by"]
    edited_rules("statements", co_speaker_phrases=phrases)
    assert _speakers(*said) == [("Ann Lee", "It was wrong.")]


def test_a_changed_block_quotation_length_is_honoured(edited_rules):
    block = ("Ann Lee said:", "It was wrong today.")
    assert _speakers(*block) == [("Ann Lee", "It was wrong today.")]  # four words: a block quotation
    edited_rules("statements", block_min_words=5)
    assert _speakers(*block) == []


def test_changed_force_nouns_are_honoured(edited_rules):
    from oversight_research.entities import forces

    text = "Kent Police and Essex Police said. Then Lancashire Constabulary spoke."
    assert forces(text) == ["Essex Police", "Kent Police", "Lancashire Constabulary"]
    edited_rules("entities", force_nouns=["Constabulary"])  # "Police" no longer ends a force's name
    assert forces(text) == ["Lancashire Constabulary"]


@pytest.mark.parametrize(
    ("file", "edit", "message"),
    [
        ("statements", {"co_speaker_phrases": ["along with", "(?:joined) by"]}, "key co_speaker_phrases: must hold"),
        ("statements", {"block_min_words": 0}, "key block_min_words: must lie in"),
        ("statements", {"crosshead_max_chars": "300"}, "key crosshead_max_chars: must be a whole number"),
        ("statements", {"official_roles": ["police", "polis"]}, "key official_roles: must list roles"),
        ("statements", {"lawyer_client_roles": {"family": "famly"}}, "key lawyer_client_roles.family: must map"),
        ("statements", {"courtesy_titles": []}, "key courtesy_titles: must be a non-empty list"),
        ("entities", {"force_nouns": []}, "key force_nouns: must be a non-empty list"),
    ],
)
def test_a_wrong_moved_statements_or_entities_rule_names_its_file_and_key(file, edit, message):
    import copy

    from oversight_research.rules import entities as entity_rules
    from oversight_research.rules import statements as statement_rules

    data = {**copy.deepcopy(rules.load(file)), **edit}
    parse = statement_rules.StatementRules.parse if file == "statements" else entity_rules.EntityRules.parse
    with pytest.raises(rules.RulesError, match=re.escape(f"rules/{file}.yaml, {message}")):
        parse(rules.Reader(file, data))


def test_changed_small_words_of_the_attribution_patterns_are_honoured(edited_rules):
    from oversight_research.statements import aconf

    sentence = "In our statement, the IOPC said it was wrong."
    assert not aconf()["in_a_statement"].match(sentence)  # "our" opens no statement phrase
    edited_rules("statements", in_a_statement_determiners=["a", "an", "its", "our"])
    assert aconf()["in_a_statement"].match(sentence).group("who") == "the IOPC"


def _dates_with(edit: dict[str, object], text: str) -> list[list[object]]:
    """The dates of ``text`` resolved by a fresh interpreter whose date words
    (rules/events.yaml, ``dates``) have ``edit`` applied: dates.py compiles its
    grammar once, on import."""
    import subprocess
    import sys

    script = f"""
import copy, datetime as dt, json
from oversight_research import rules
from oversight_research.rules import events
data = copy.deepcopy(rules.load("events"))
data["dates"].update({json.dumps(edit)})
parsed = events.EventRules.parse(rules.Reader("events", data))
events.load = lambda: parsed
from oversight_research.dates import Context, find_mentions, resolve_all
text = {text!r}
out = resolve_all(text, [find_mentions(text)], Context(published=dt.date(2023, 1, 1)))[0]
print(json.dumps([[m.text, m.date] for m in out]))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_changed_offset_direction_words_are_honoured():
    text = "She called police on 10 January 2022. Two weeks later he was charged."
    assert _dates_with({}, text)[1] == ["Two weeks later", "2022-01-24"]
    counted_back = {"offset_back": ["before", "earlier", "previously", "prior", "later"], "offset_forward": ["after"]}
    assert _dates_with(counted_back, text)[1] == ["Two weeks later", "2021-12-27"]


@pytest.fixture
def edited_outcomes(monkeypatch):
    """``edit(section, **keys)``: rules/outcomes.yaml with ``keys`` of ``section``
    replaced, as the outcomes module reads them (its caches emptied before and after)."""
    import copy

    from oversight_research import outcomes
    from oversight_research.rules import outcomes as outcome_rules

    def clear() -> None:
        for value in vars(outcomes).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()

    def edit(section: str, **keys: object) -> None:
        data = copy.deepcopy(rules.load("outcomes"))
        data[section].update(keys)
        parsed = outcome_rules.OutcomeRules.parse(rules.Reader("outcomes", data))
        monkeypatch.setattr(outcome_rules, "load", lambda: parsed)
        clear()

    clear()
    yield edit
    monkeypatch.undo()
    clear()


def test_changed_back_determiners_of_outcome_phrases_are_honoured(edited_outcomes):
    from conftest import make_doc

    from oversight_research.outcomes import extract_outcomes

    doc = ("Two officers were given final written warnings. The officers were later dismissed.", "More text.")
    assert [r["count"] for r in extract_outcomes(make_doc(*doc))] == [2, 2]  # "The officers": the two
    edited_outcomes("phrases", back_determiners=["these", "those"])
    assert [r["count"] for r in extract_outcomes(make_doc(*doc))] == [2, None]


def test_a_changed_month_spelling_is_honoured(monkeypatch):
    import copy

    from oversight_research.ingest import parse_date
    from oversight_research.rules import ingest as ingest_rules

    assert parse_date("12 Sept 2019") == "2019-09-12"
    assert parse_date("12 Septr 2019") is None
    data = copy.deepcopy(rules.load("ingest"))
    data["month_spellings"] = {"Septr": "Sep"}
    parsed = ingest_rules.IngestRules.parse(rules.Reader("ingest", data))
    monkeypatch.setattr(ingest_rules, "load", lambda: parsed)
    assert parse_date("12 Septr 2019") == "2019-09-12"
    assert parse_date("12 Sept 2019") is None
