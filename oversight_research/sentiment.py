"""Sentiment of statements, and a check of the lexicons against human ratings.

Two lexicons, both offline: **TextBlob** polarity and subjectivity (its
pattern analyser reads a lexicon shipped with the package; TextBlob's NLTK
sentence splitting is never used — sentences come from :mod:`text`) and
**VADER** compound.  ``combined`` mixes them with a weight chosen on half of
the validation editorials (``rules/sentiment.yaml``).
The check of the lexicons against human ratings is :mod:`sentiment_validation`.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import string
import sys
import threading
import types
from functools import cache, lru_cache

import numpy as np

from .rules import sentiment as sentiment_rules
from .text import Span, sentences

_PUNCTUATION = frozenset(string.punctuation)


@cache
def _vader():
    from vaderSentiment.vaderSentiment import (
        BOOSTER_DICT,
        C_INCR,
        N_SCALAR,
        SPECIAL_CASES,
        SentimentIntensityAnalyzer,
        SentiText,
        allcap_differential,
        negated,
        scalar_inc_dec,
    )

    negated_word: dict[str, bool] = {}  # negated([word]), a pure function of the word

    class LinearVader(SentimentIntensityAnalyzer):
        """VADER with its scores unchanged, in linear time.

        VADER's negation and idiom checks lower-case the whole text's word
        list once per sentiment word, which is quadratic in a long statement;
        they only ever read the three words before the word and two after,
        so they are handed that window (with the index shifted into it).  A
        text without emoji skips VADER's character-by-character emoji
        replacement, which would copy it unchanged; a word that neither
        begins nor ends with punctuation is not stripped (stripping would
        return it unchanged), every word is lower-cased once, and a word
        outside the lexicon gets its 0 without a call of
        ``sentiment_valence`` (which appends 0 for it); a lexicon word's
        valence is ``sentiment_valence``'s (:meth:`_valence`), reading the
        lower-cased words instead of lower-casing them again; the rest of
        ``polarity_scores`` is VADER 3.3.2's own."""

        def polarity_scores(self, text):
            if not self.emoji_chars.isdisjoint(text):
                return super().polarity_scores(text)
            text = text.strip()
            # SentiText(text), stripping punctuation only from words that begin
            # or end with it (strip() would return any other word unchanged).
            sentitext = SentiText.__new__(SentiText)
            sentitext.text = text
            strip = SentiText._strip_punc_if_word
            punc = _PUNCTUATION
            words = [w if w[0] not in punc and w[-1] not in punc else strip(w) for w in text.split()]
            sentitext.words_and_emoticons = words
            sentitext.is_cap_diff = allcap_differential(words)
            lowered = [w.lower() for w in words]
            lexicon, last = self.lexicon, len(words) - 1
            sentiments = []
            for i, low in enumerate(lowered):
                booster = low in BOOSTER_DICT or (i < last and low == "kind" and lowered[i + 1] == "of")
                if booster or low not in lexicon:  # outside the lexicon, sentiment_valence appends 0
                    sentiments.append(0)
                else:
                    sentiments.append(self._valence(words, lowered, sentitext.is_cap_diff, i))
            if "but" in lowered:  # without it, _but_check returns the sentiments unchanged
                sentiments = self._but_check(words, sentiments)
            return self.score_valence(sentiments, text)

        def _valence(self, words, lowered, is_cap_diff, i):
            """``sentiment_valence`` of the lexicon word ``words[i]`` (VADER 3.3.2,
            with its negation, "least" and idiom checks inlined on ``lowered``;
            ``_but_check`` runs only when there is a "but")."""
            lexicon = self.lexicon
            low = lowered[i]
            valence = lexicon[low]
            if low == "no" and i != len(words) - 1 and lowered[i + 1] in lexicon:
                valence = 0.0
            if (
                (i > 0 and lowered[i - 1] == "no")
                or (i > 1 and lowered[i - 2] == "no")
                or (i > 2 and lowered[i - 3] == "no" and lowered[i - 1] in ["or", "nor"])
            ):
                valence = lexicon[low] * N_SCALAR
            if words[i].isupper() and is_cap_diff:
                if valence > 0:
                    valence += C_INCR
                else:
                    valence -= C_INCR
            for start_i in range(0, 3):
                if i > start_i and lowered[i - (start_i + 1)] not in lexicon:
                    s = scalar_inc_dec(words[i - (start_i + 1)], valence, is_cap_diff)
                    if start_i == 1 and s != 0:
                        s = s * 0.95
                    if start_i == 2 and s != 0:
                        s = s * 0.9
                    valence = valence + s
                    # _negation_check
                    before = lowered[i - (start_i + 1)]
                    if (neg := negated_word.get(before)) is None:
                        neg = negated_word[before] = negated([before])
                    if start_i == 0:
                        if neg:
                            valence = valence * N_SCALAR
                    elif start_i == 1:
                        if lowered[i - 2] == "never" and (lowered[i - 1] == "so" or lowered[i - 1] == "this"):
                            valence = valence * 1.25
                        elif lowered[i - 2] == "without" and lowered[i - 1] == "doubt":
                            pass
                        elif neg:
                            valence = valence * N_SCALAR
                    else:
                        if (
                            lowered[i - 3] == "never"
                            and (lowered[i - 2] == "so" or lowered[i - 2] == "this")
                            or (lowered[i - 1] == "so" or lowered[i - 1] == "this")
                        ):
                            valence = valence * 1.25
                        elif lowered[i - 3] == "without" and (lowered[i - 2] == "doubt" or lowered[i - 1] == "doubt"):
                            pass
                        elif neg:
                            valence = valence * N_SCALAR
                        # _special_idioms_check
                        onezero = f"{lowered[i - 1]} {lowered[i]}"
                        twoonezero = f"{lowered[i - 2]} {lowered[i - 1]} {lowered[i]}"
                        twoone = f"{lowered[i - 2]} {lowered[i - 1]}"
                        threetwoone = f"{lowered[i - 3]} {lowered[i - 2]} {lowered[i - 1]}"
                        threetwo = f"{lowered[i - 3]} {lowered[i - 2]}"
                        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
                            if seq in SPECIAL_CASES:
                                valence = SPECIAL_CASES[seq]
                                break
                        if len(lowered) - 1 > i:
                            zeroone = f"{lowered[i]} {lowered[i + 1]}"
                            if zeroone in SPECIAL_CASES:
                                valence = SPECIAL_CASES[zeroone]
                        if len(lowered) - 1 > i + 1:
                            zeroonetwo = f"{lowered[i]} {lowered[i + 1]} {lowered[i + 2]}"
                            if zeroonetwo in SPECIAL_CASES:
                                valence = SPECIAL_CASES[zeroonetwo]
                        for n_gram in (threetwoone, threetwo, twoone):
                            if n_gram in BOOSTER_DICT:
                                valence = valence + BOOSTER_DICT[n_gram]
            # _least_check
            if i > 1 and lowered[i - 1] not in lexicon and lowered[i - 1] == "least":
                if lowered[i - 2] != "at" and lowered[i - 2] != "very":
                    valence = valence * N_SCALAR
            elif i > 0 and lowered[i - 1] not in lexicon and lowered[i - 1] == "least":
                valence = valence * N_SCALAR
            return valence

        @staticmethod
        def _negation_check(valence, words, start_i, i):
            lo = max(0, i - 3)
            return SentimentIntensityAnalyzer._negation_check(valence, words[lo:i], start_i, i - lo)

        @staticmethod
        def _special_idioms_check(valence, words, i):  # only called with i >= 3
            return SentimentIntensityAnalyzer._special_idioms_check(valence, words[i - 3 : i + 3], 3)

    vader = LinearVader()
    vader.emoji_chars = frozenset(vader.emojis)
    return vader


@cache
def _textblob_modules() -> tuple[types.ModuleType, types.ModuleType]:
    """TextBlob's ``_text`` and ``en`` modules (the pattern analyser, its
    lexicon and tokeniser: standard library only), imported without running
    ``textblob/__init__.py``, which imports the blob classes and through them
    NLTK and SciPy -- about a second of start-up in every worker process for
    nothing the scores use.  The package is entered in ``sys.modules`` for
    the two imports only, so a later ``import textblob`` is TextBlob's own,
    complete; when TextBlob is already imported its modules are used."""
    if "textblob" in sys.modules:
        from textblob import _text, en

        return _text, en
    spec = importlib.util.find_spec("textblob")
    if spec is None:
        raise ImportError("textblob is not installed")
    with _STUB_LOCK:  # one thread at a time enters the package this way
        sys.modules["textblob"] = importlib.util.module_from_spec(spec)  # its __path__, without running it
        try:
            return importlib.import_module("textblob._text"), importlib.import_module("textblob.en")
        finally:
            for name in ("textblob.en", "textblob._text", "textblob"):
                sys.modules.pop(name, None)


_STUB_LOCK = threading.Lock()


@cache
def _textblob():
    """The analyser ``TextBlob(text).sentiment`` delegates to, with its lexicon
    loaded once into a plain dict.

    TextBlob keeps the lexicon in a lazy dict that checks whether it has been
    loaded on every word it looks up (``word in lexicon``, ``lexicon[word]``);
    this copy has the same lexicon, settings and algorithm and looks words up
    as a dict does, tokenises with :func:`_find_tokens` (TextBlob's
    ``find_tokens``, faster) and assesses words with :func:`_assessments`:
    the same scores, in less time."""
    _text, en = _textblob_modules()
    lazy = en.sentiment

    class LoadedSentiment(type(lazy)):
        __contains__ = dict.__contains__
        __getitem__ = dict.__getitem__
        assessments = _assessments

    len(lazy)  # loads the lexicon
    loaded = LoadedSentiment.__new__(LoadedSentiment)
    loaded.__dict__.update({k: v for k, v in vars(lazy).items() if not k.startswith("__")})
    dict.update(loaded, lazy)
    if getattr(lazy.tokenizer, "__func__", None) is _text.Parser.find_tokens:  # find_tokens, default arguments
        loaded.tokenizer = _find_tokens
    return loaded


@cache
def _emoticon_polarity() -> dict[str, float]:
    """TextBlob's emoticons, lower-cased, with the polarity of the first
    group (in ``EMOTICONS`` order) that holds each."""
    _text = _textblob_modules()[0]

    polarity: dict[str, float] = {}
    for (_, p), group in _text.EMOTICONS.items():
        for e in group:
            polarity.setdefault(e.lower(), p)
    return polarity


def _assessments(self, words=None, negation=True):
    """TextBlob's ``Sentiment.assessments`` (textblob 0.20.1) line for line,
    except that an emoticon is found with one dict lookup (the polarity of
    the first emoticon group holding the word) instead of lower-casing every
    group's emoticons for every short non-alphabetic word, and an unknown
    alphabetic word that is no negation, with no negation or modifier
    pending, is passed over (the unknown-word branch would do nothing)."""
    _text = _textblob_modules()[0]
    IRONY, MOOD, PUNCTUATION = _text.IRONY, _text.MOOD, _text.PUNCTUATION  # noqa: N806
    emoticons = _emoticon_polarity()
    if words is None:
        words = []
    a = []
    m = None  # Preceding modifier (i.e., adverb or adjective).
    n = None  # Preceding negation (e.g., "not beautiful").
    for w, pos in words:
        if w is None:
            continue
        if w in self and pos in self[w]:
            p, s, i = self[w][pos]
            if m is None:
                a.append(dict(w=[w], p=p, s=s, i=i, n=1, x=self.labeler.get(w)))
            if m is not None:
                a[-1]["w"].append(w)
                a[-1]["p"] = max(-1.0, min(p * a[-1]["i"], +1.0))
                a[-1]["s"] = max(-1.0, min(s * a[-1]["i"], +1.0))
                a[-1]["i"] = i
                a[-1]["x"] = self.labeler.get(w)
            if n is not None:
                a[-1]["w"].insert(0, n)
                a[-1]["i"] = 1.0 / a[-1]["i"]
                a[-1]["n"] = -1
            m = None
            n = None
            if pos and pos in self.modifiers or any(map(self[w].__contains__, self.modifiers)):
                m = (w, pos)
            if negation and w in self.negations:
                n = w
        elif n is None and m is None and w.isalpha() and not (negation and w in self.negations):
            continue  # the branch below would change nothing: no negation, no modifier, no mark or emoticon
        else:
            if negation and w in self.negations:
                n = w
            elif n and len(w.strip("'")) > 1:
                n = None
            if n is not None and m is not None and (pos in self.modifiers or self.modifier(m[0])):
                a[-1]["w"].append(n)
                a[-1]["n"] = -1
                n = None
            elif m and len(w) > 2:
                m = None
            if w == "!" and len(a) > 0:
                a[-1]["w"].append("!")
                a[-1]["p"] = max(-1.0, min(a[-1]["p"] * 1.25, +1.0))
            if w == "(!)":
                a.append(dict(w=[w], p=0.0, s=1.0, i=1.0, n=1, x=IRONY))
            if w.isalpha() is False and len(w) <= 5 and w not in PUNCTUATION and w in emoticons:
                a.append(dict(w=[w], p=emoticons[w], s=1.0, i=1.0, n=1, x=MOOD))
    for i in range(len(a)):
        w = a[i]["w"]
        p = a[i]["p"]
        s = a[i]["s"]
        n = a[i]["n"]
        x = a[i]["x"]
        a[i] = (w, p * -0.5 if n < 0 else p, s, x)
    return a


@cache
def _emoticon_characters() -> re.Pattern[str]:
    """One character of each TextBlob emoticon (a match of RE_EMOTICONS holds
    every character of its emoticon): a text with none of them has no
    emoticon.  Which character is chosen only changes speed: punctuation
    other than periods and commas first, then capitals."""
    _text = _textblob_modules()[0]

    def rank(c: str) -> tuple[int, str]:
        return (3 if c.islower() or c.isdigit() else 2 if c in ".," else 1 if c.isupper() else 0, c)

    chosen = {min(e, key=rank) for group in _text.EMOTICONS.values() for e in group}
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chosen)) + "]")


@cache
def _tokenizer_constants():
    _text = _textblob_modules()[0]

    punctuation = tuple(_text.PUNCTUATION.replace(".", ""))
    return (
        punctuation,
        frozenset(punctuation),
        frozenset(punctuation + (".",)),
        _text.ABBREVIATIONS,
        _text.replacements,
        (_text.RE_ABBR1.match, _text.RE_ABBR2.match, _text.RE_ABBR3.match),
        _text.TOKEN.findall,
        _text.RE_SARCASM.sub,
        _text.RE_EMOTICONS.sub,
        _text.EOS,
    )


_LINEBREAK = re.compile(r"\n{2,}")
_ENDS = frozenset(("...", ".", "!", "?"))


def _find_tokens(string: str) -> list[str]:
    """TextBlob's ``find_tokens`` (textblob 0.20.1, default arguments) with the
    same result, faster: the contraction patterns are plain strings (all
    contain an apostrophe), so ``str.replace`` does what ``re.sub`` did, and
    only when the text has an apostrophe; the words are ``str.split()``'s; a token that neither begins nor
    ends with punctuation is kept as it is (the splitting loops would not
    run); membership tests use sets.  Sentence splitting, sarcasm and
    emoticon handling are TextBlob's, line for line."""
    punctuation, lead, trail, abbreviations, replace, abbr, _, sarcasm, emoticons, eos = _tokenizer_constants()
    if "'" in string:
        for a, b in list(replace.items()):
            string = string.replace(a, b)
    string = (
        string.replace("“", " “ ")
        .replace("”", " ” ")
        .replace("‘", " ‘ ")
        .replace("’", " ’ ")
        .replace("'", " ' ")
        .replace('"', ' " ')
    )
    string = string.replace("\r\n", "\n")
    string = _LINEBREAK.sub(f" {eos} ", string)
    # TOKEN.findall(re.sub(r"\s+", " ", string) + " ") finds each maximal run of
    # non-whitespace: str.split()'s words (\s is exactly str.isspace()).
    tokens = []
    for t in string.split():
        if t[0] not in lead and t[-1] not in trail:
            tokens.append(t)
            continue
        tail = []
        while t.startswith(punctuation) and t not in replace:
            tokens.append(t[0])
            t = t[1:]
        while t.endswith(punctuation + (".",)) and t not in replace:
            if t.endswith(punctuation):
                tail.append(t[-1])
                t = t[:-1]
            if t.endswith("..."):
                tail.append("...")
                t = t[:-3].rstrip(".")
            if t.endswith("."):
                if t in abbreviations or abbr[0](t) is not None or abbr[1](t) is not None or abbr[2](t) is not None:
                    break
                else:
                    tail.append(t[-1])
                    t = t[:-1]
        if t != "":
            tokens.append(t)
        tokens.extend(reversed(tail))
    following = ("'", '"', "”", "’", "...", ".", "!", "?", ")", eos)
    sentences, i, j = [[]], 0, 0
    n = len(tokens)
    while j < n:
        if tokens[j] in _ENDS or tokens[j] == eos:
            while j < n and tokens[j] in following:
                if tokens[j] in ("'", '"') and sentences[-1].count(tokens[j]) % 2 == 0:
                    break  # Balanced quotes.
                j += 1
            sentences[-1].extend(t for t in tokens[i:j] if t != eos)
            sentences.append([])
            i = j
        j += 1
    sentences[-1].extend(tokens[i:j])
    out = []
    for s in sentences:
        if len(s) > 0:
            s = " ".join(s)
            if "(" in s:  # RE_SARCASM needs one
                s = sarcasm("(!)", s)
            if _emoticon_characters().search(s):  # else RE_EMOTICONS cannot match
                s = emoticons(lambda m: m.group(1).replace(" ", "") + m.group(2), s)
            out.append(s)
    return out


def textblob_scores(text: str) -> tuple[float, float]:
    """TextBlob (pattern analyser) polarity in [-1, 1] and subjectivity in [0, 1].

    Calls the analyser ``TextBlob(text).sentiment`` delegates to, without
    building a blob (same scores, a third of the time)."""
    polarity, subjectivity = _textblob()(text)
    return round(polarity, 6), round(subjectivity, 6)


def vader_compound(text: str) -> float:
    """VADER compound score in [-1, 1]."""
    return round(_vader().polarity_scores(text)["compound"], 6)


def combine(
    polarity: float | np.ndarray, compound: float | np.ndarray, weight: float | None = None
) -> float | np.ndarray:
    """The combined lexicon: ``weight`` × VADER + (1 − weight) × TextBlob."""
    w = sentiment_rules.load().vader_weight if weight is None else weight
    return w * compound + (1 - w) * polarity


# Distinct texts whose scores are kept (a few MB): press releases and the
# articles that reprint them repeat the same statements, and the scores are a
# pure function of the text.
SCORES_KEPT = 16_384


@lru_cache(maxsize=SCORES_KEPT)
def _scores(text: str) -> tuple[float, float, float]:
    return (*textblob_scores(text), vader_compound(text))


def scores(text: str) -> dict[str, float]:
    """TextBlob ``polarity`` and ``subjectivity`` and VADER ``vader_compound``
    of ``text`` (computed once per distinct text, :data:`SCORES_KEPT` kept)."""
    polarity, subjectivity, compound = _scores(text)
    return {"polarity": polarity, "subjectivity": subjectivity, "vader_compound": compound}


def with_sentiment(rows: list[dict]) -> list[dict]:
    """Statement rows with their quote's ``polarity``, ``subjectivity`` and ``vader_compound``."""
    return [{**row, **scores(row["quote"])} for row in rows]


def sentence_scores(text: str) -> list[dict]:
    """Per-sentence scores of a long statement (the package's own segmentation)."""
    out, start = [], 0
    for paragraph in text.split("\n\n"):
        for span in sentences(text, Span(start, start + len(paragraph))):
            sentence = text[span.start : span.end]
            out.append({"sentence": sentence, **scores(sentence)})
        start += len(paragraph) + 2
    return out


# The score column of each lexicon in the statements table.
LEXICONS: dict[str, str] = {"textblob": "polarity", "vader": "vader_compound", "combined": "combined"}
