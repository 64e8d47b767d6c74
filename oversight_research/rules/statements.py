"""Typed rules of ``statements.yaml``: quotation marks and their switches,
the cues of attribution, the role cues, and the numbers that bound the
look-backs.

Word lists (``speech_verbs``, ``spokes``, ``pronouns``, ``kin_after_nouns``,
``harmed_verbs``, ``not_speaker_words`` … every form written out: "claim,
claims", not "claims?") are YAML lists of words or phrases, checked to hold no
pattern syntax; the statements module places each, joined, inside its
patterns. The other cue keys (``_CUES``) are whole patterns (``verb_phrase``,
``finite_verb``, ``represented_by``, ``scrutiny_context``,
``speaker_trailing`` …), each checked here to be a valid regular expression on
its own, so an edit that breaks one names the key; none is a fragment whose
meaning depends on the code around it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from . import Reader

# the whole patterns the statements module reads, by key
_CUES = (
    "speaker_trailing",
    "speaker_leading",
    "statement_from",
    "scare_quote_before",
    "clause_boundary",
    "title_quote_before",
    "oversight_anaphor",
    "on_behalf",
    "investigator_voice",
    "investigator_own",
    "represented_by",
    "bare_spokes",
    "scrutiny_context",
    "scrutiny_object",
    "verb_phrase",
    "finite_verb",
    "possessive_kin",
    "participle_apposition_end",
    "possessive_end",
    "date_phrase",
    "formula_paragraph",
    "bare_commissioner",
    "commissioner_bodies",
    "commissioner_forces",
)
# lists of words or phrases (letters, spaces, apostrophes, hyphens, "&" only), by key
_WORD_LISTS = (
    "label_verbs",
    "speech_verbs",  # (cases.py reads its alternation too)
    "spokes",
    "relative_openers",
    "harmed_verbs",
    "block_intro_verbs",
    "block_addressee_verbs",
    "office_nouns",
    "pronouns",
    "statement_verbs",
    "statement_nouns",
    "subordinate_openers",
    "short_form_titles",
    "kin_after_nouns",
    "scrutiny_subject",
    "heard_verbs",
    "statement_determiners",
    "force_nouns",
    "not_description_verbs",
    "empty_speakers",
    "title_words",
    "personal_pronouns",
    "media_occupations",
    "lawyer_nouns",
    "senior_officer_words",
    "officer_nouns",
    "adverbs",
    "person_nouns",
    "group_nouns",
    "harm_nouns",
    "authored_nouns",
    "institutions",
    "office_words",
    "investigator_titles",
    "label_terms",
    "label_term_articles",
    "not_speaker_words",
    "function_words",
    "report_nouns",
    "report_time_owners",
    "will_verbs",
    "harmed_adjectives",
    "according_phrases",
    "passive_agent_determiners",
    "passive_agent_followers",
    "description_determiners",
    "represents_verbs",
    "family_subject_nouns",
    "prepositions",
    "co_speaker_phrases",
    "passive_auxiliaries",
    "noun_determiners",
    "subject_relative_pronouns",
    "subject_determiners",
    "quoted_title_small_words",
    "title_relative_prepositions",
    "kin_description_not_names",
    "official_roles",
    "courtesy_titles",
    "relative_clause_pronouns",
    "relative_tail_openers",
    "name_relative_pronouns",
    "statement_adverbs",
    "complaint_verbs",
    "statement_source_followers",
    "event_apposition_verbs",
    "description_relative_verbs",
    "apposition_speech_verbs",
    "complement_prepositions",
    "read_by_verbs",
    "statement_of_verbs",
    "statement_read_verbs",
    "authored_speech_verbs",
    "authored_by_followers",
    "speaker_end_followers",
    "perfect_auxiliaries",
    "statement_of_determiners",
    "statement_source_prepositions",
    "in_a_statement_determiners",
    "pronoun_stance_verbs",
    "people_group_nouns",
    "family_label_determiners",
    "authored_intro_determiners",
    "authored_determiners",
    "issued_adverbs",
    "issued_determiners",
    "institution_determiners",
    "institution_auxiliaries",
    "report_head_determiners",
    "in_det_determiners",
    "kin_owner_determiners",
    "kin_adjectives",
    "harmed_titles",
    "new_subject_conjunctions",
    "new_subject_determiners",
    "participle_determiners",
    "description_openers",
    "apposition_verbs",
    "apposition_determiners",
    "organisation_leading_words",
    "the_head_determiners",
    "spokes_for_prepositions",
    "recipient_prepositions",
    "definite_head_determiners",
    "complement_of_prepositions",
    "title_run_breakers",
    "named_document_nouns",
    "statement_read_relatives",
    "author_prepositions",
    "harm_noun_prepositions",
    "kin_late_adjectives",
    "kin_converse_owners",
    "lawyer_owner_pronouns",
    "definite_person_determiners",
    "spokes_of_prepositions",
    "organisation_name_joiners",
    "organisation_office_nouns",
    "harmed_auxiliaries",
    "force_spokes_determiners",
    "force_spokes_heads",
    "force_spokes_prepositions",
    "force_spokes_nouns",
    "family_subject_determiners",
    "family_subject_adjectives",
    "family_lead_openers",
    "statement_edit_verbs",
    "lawyer_of_nouns",
    "possessor_titles",
    "kin_group_nouns",
    "shared_head_determiners",
    "clause_verbs",
    "finite_auxiliaries",
    "possessive_titles",
    "harmed_object_verbs",
)
_WORD = re.compile(r"[\w’' &-]+")
# the whole numbers, with their allowed ranges
_NUMBERS = {
    "title_max_words": (1, 50),
    "label_max_words": (1, 50),
    "max_speaker_words": (1, 50),
    "report_owner_max_words": (1, 50),
    "gender_mentions": (1, 100),
    "pronoun_lookback": (1, 10_000),
    "sentence_window": (100, 100_000),
    "repeat_pairs_direct": (0, 10**9),
    "continuation_paragraphs": (0, 100),
    "headline_max_words": (1, 200),
    "headline_shared_words": (2, 50),
    "single_short_words": (0, 50),
    "single_partial_words": (1, 200),
    "describe_mentions": (1, 1000),
    "organisation_window": (1, 1_000_000),
    "author_window": (1, 1_000_000),
    "block_addressee_chars": (1, 1000),
    "scare_quote_chars": (1, 1000),
    "title_quote_chars": (1, 1000),
    "crosshead_max_chars": (1, 100_000),
    "block_min_words": (1, 100),
    "speaker_label_max_chars": (1, 10_000),
    "quote_lead_chars": (1, 10_000),
    "passive_lookback_chars": (1, 10_000),
    "narrative_subject_chars": (1, 10_000),
    "family_label_max_chars": (1, 10_000),
    "issuing_sentence_max_chars": (1, 100_000),
    "harmed_before_chars": (1, 10_000),
    "harmed_after_chars": (1, 10_000),
    "represented_by_chars": (1, 10_000),
    "gender_title_chars": (1, 1000),
    "gender_cue_chars": (1, 100_000),
    "noun_determiner_chars": (1, 1000),
    "organisation_speaker_max_words": (1, 50),
    "age_before_chars": (1, 1000),
    "officer_cue_mentions": (1, 1000),
    "officer_cue_before_chars": (0, 10_000),
    "officer_cue_after_chars": (0, 10_000),
    "authored_lookback": (1, 10_000),
    "harmed_pronoun_chars": (1, 10_000),
    "kin_owner_chars": (1, 10_000),
    "kin_owner_word_chars": (1, 10_000),
    "kin_pronoun_owner_chars": (1, 100_000),
    "issuer_lookback_chars": (1, 100_000),
    "report_author_det_chars": (1, 10_000),
    "report_author_verb_chars": (1, 10_000),
    "report_author_sentence_chars": (1, 100_000),
    "scrutiny_after_chars": (1, 10_000),
    "scrutiny_mentions": (1, 1000),
    "scrutiny_clause_before_chars": (0, 10_000),
    "scrutiny_object_chars": (0, 10_000),
    "label_term_spoken_words": (0, 20),
    "scrutiny_clause_after_chars": (0, 10_000),
    "group_lead_max_words": (1, 50),
    "narrative_subject_lead_words": (0, 50),
}
_SWITCHES = ("headline_quotations", "single_quotation_marks", "block_quotations", "single_beside_double")


def _mapping(r: Reader, check: bool = False) -> dict[str, str]:
    keys = list(r.keys())
    out = {k: r.text(k) for k in keys}
    if check:
        for k, v in out.items():
            _valid(r, k, v)
    r.done()
    return out


def _word_lists(r: Reader) -> dict[str, tuple[str, ...]]:
    keys = list(r.keys())
    out = {}
    for k in keys:
        out[k] = r.words(k)
        if bad := next((w for w in out[k] if not _WORD.fullmatch(w)), None):
            raise r.error(k, f"must hold words or phrases, not a pattern ({bad!r})")
    r.done()
    return out


def _valid(r: Reader, key: str, source: str) -> None:
    r.compiled(key, lambda: re.compile(source))


@dataclass(frozen=True)
class StatementRules:
    cues: Mapping[str, str]  # key → alternation or pattern (see _CUES, _WORD_LISTS)
    numbers: Mapping[str, int]
    switches: Mapping[str, bool]
    roles: Mapping[str, tuple[str, ...]]  # role → its cue patterns, in codebook order
    gender: Mapping[str, str]  # female / male → pattern
    long_names: Mapping[str, str]
    organisation_heads: Mapping[str, str]
    canonical_speakers: Mapping[str, str]
    kin_converse: Mapping[str, tuple[str, ...]]  # a kinship noun → the converse nouns ("mother" → son, daughter …)
    lawyer_client_roles: Mapping[str, str]  # a named client's role ("unknown": none) → their lawyer's role

    @classmethod
    def parse(cls, r: Reader) -> StatementRules:
        cues = {}
        for key in _CUES:
            cues[key] = r.text(key)
            _valid(r, key, cues[key])
        for key in _WORD_LISTS:
            listed = r.words(key)
            if bad := next((w for w in listed if not _WORD.fullmatch(w)), None):
                raise r.error(key, f"must hold words or phrases, not a pattern ({bad!r})")
            cues[key] = "|".join(listed)  # an alternation of the words, as the statements module reads it
        numbers = {key: r.integer(key, lo=lo, hi=hi) for key, (lo, hi) in _NUMBERS.items()}
        switches = {}
        for key in _SWITCHES:
            value = r.raw(key)
            if not isinstance(value, bool):
                raise r.error(key, f"must be true or false, not {value!r}")
            switches[key] = value
        roles_r = r.section("roles")
        role_names = list(roles_r.keys())
        roles = {}
        for role in role_names:
            roles[role] = roles_r.words(role)
            for i, p in enumerate(roles[role]):
                _valid(roles_r, f"{role}[{i}]", p)
        roles_r.done()
        out = cls(  # read-only mappings: the rules are frozen once loaded
            cues=MappingProxyType(cues),
            numbers=MappingProxyType(numbers),
            switches=MappingProxyType(switches),
            roles=MappingProxyType(roles),
            gender=MappingProxyType(_mapping(r.section("gender"), check=True)),
            long_names=MappingProxyType(_mapping(r.section("long_names"))),
            organisation_heads=MappingProxyType(_mapping(r.section("organisation_heads"))),
            canonical_speakers=MappingProxyType(_mapping(r.section("canonical_speakers"), check=True)),
            kin_converse=MappingProxyType(_word_lists(r.section("kin_converse"))),
            lawyer_client_roles=MappingProxyType(_mapping(r.section("lawyer_client_roles"))),
        )
        for client, role in out.lawyer_client_roles.items():
            if client not in (*roles, "unknown") or role not in roles:
                raise r.error(f"lawyer_client_roles.{client}", f"must map a role (or unknown) to a role, not {role!r}")
        if bad := next((w for w in cues["official_roles"].split("|") if w not in roles), None):
            raise r.error("official_roles", f"must list roles of the roles key, not {bad!r}")
        if set(out.gender) != {"female", "male"}:
            raise r.error("gender", "must hold exactly the keys female and male")
        r.done()
        return out

    def as_dict(self) -> dict[str, object]:
        """Every rule by its YAML key, as the statements module reads them."""
        return {
            **self.cues,
            **self.numbers,
            **self.switches,
            "roles": self.roles,
            "gender": self.gender,
            "long_names": self.long_names,
            "organisation_heads": self.organisation_heads,
            "canonical_speakers": self.canonical_speakers,
            "kin_converse": self.kin_converse,
            "lawyer_client_roles": self.lawyer_client_roles,
        }


@cache
def load() -> StatementRules:
    return StatementRules.parse(Reader("statements"))
