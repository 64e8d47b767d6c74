"""Build an N-document benchmark corpus from the project's own raw documents.

No network: each generated document is one of ``data/raw``'s documents with a
new id, its body paragraphs shuffled, topped up with paragraphs of the other
documents to about 640 words (a typical article), and every four-digit year
shifted by the same random amount, so dates, quotes and outcomes stay
realistic but no two documents are byte-identical.  Seeded: the same N gives
the same corpus.

    python benchmarks/corpus.py --docs 10000 --out /tmp/corpus
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


def sources(raw_dir: Path = ROOT / "data" / "raw") -> list[tuple[str, list[str]]]:
    """(suffix, paragraphs) of every plain-text source document."""
    out = []
    for path in sorted(raw_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.append((path.suffix, [p for p in re.split(r"\n\s*\n", text) if p.strip()]))
    return out


def variant(paragraphs: list[str], rng: random.Random, others: list[list[str]], words: int) -> str:
    """One document: its body shuffled, topped up with paragraphs of other
    documents to about ``words`` words, years shifted by one random amount."""
    head, body = paragraphs[:1], paragraphs[1:]
    rng.shuffle(body)
    while sum(len(p.split()) for p in head + body) < words:
        body.append(rng.choice(rng.choice(others)))
    shift = rng.randint(-5, 5)
    return YEAR.sub(lambda m: str(int(m.group()) + shift), "\n\n".join(head + body)) + "\n"


WORDS = 640  # the length of a typical news article or press release


def build(n_docs: int, out_dir: Path, seed: int = 0, words: int = WORDS) -> Path:
    """Write ``n_docs`` documents of about ``words`` words into ``out_dir`` (reused when complete)."""
    out_dir = Path(out_dir)
    marker = out_dir / f".complete-{n_docs}-{seed}-{words}"
    if marker.exists():
        return out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    docs = sources()
    for i in range(n_docs):
        suffix, paragraphs = docs[i % len(docs)]
        others = [p for j, (_, p) in enumerate(docs) if j != i % len(docs)]
        (out_dir / f"bench-{i:07d}{suffix}").write_text(variant(paragraphs, rng, others, words), encoding="utf-8")
    marker.touch()
    return out_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--words", type=int, default=WORDS, help="about this many words per document")
    args = parser.parse_args()
    build(args.docs, args.out, args.seed, args.words)
    print(f"{args.docs} documents in {args.out}")


if __name__ == "__main__":
    main()
