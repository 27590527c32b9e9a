"""Score the extractor against hand-annotated gold articles (the ``shared/eval`` format).

Each gold file is one article (``text``, ``title``, ``url``, ``published`` and the
facts a careful reader finds). The articles are built into a throw-away store with
the real pipeline and the facts table is compared with the gold facts — the same
rules as the project's scorer: names match by label or any gold alias after folding
case, accents, punctuation and legal forms; amounts within 5 %.
"""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.pipeline import build
from kg.query import run_query
from kg.store import open_store

#: gold predicate names → ontology local names
GOLD_PREDICATES = {
    "invests_in": "investsIn", "acquires": "acquires", "partners_with": "partnersWith",
    "reviews": "reviews", "founded_by": "foundedBy", "ceo_of": "ceoOf",
    "headquartered_in": "headquarteredIn", "develops": "develops", "valued_at": "valuedAt",
    "raises": "raises", "competes_with": "competesWith", "supports": "supports",
    "employed_by": "employedBy", "owns_stake_in": "ownsStakeIn",
}  # fmt: skip
SYMMETRIC = {"partnersWith", "competesWith"}
AMOUNT_ONLY = {"valuedAt", "raises"}
_FORMS = (
    r"\b(inc|corp|corporation|co|ltd|llc|plc|sa|spa|sas|sarl|gmbh|ag|nv|bv|the|le|la|il|lo|les|l)\b"
)

Key = tuple[str, str, str | None, float | None, str | None]


def norm(text: str | None) -> str:
    """Fold a name for matching.

    >>> norm("L'Autorité de la concurrence"), norm("Acme Corp.")
    ('autorite de concurrence', 'acme')
    """
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(re.sub(_FORMS, " ", text).split())


@dataclass
class Score:
    """Precision, recall and F1 with the errors behind them."""

    gold: int
    found: int
    matched_gold: int
    matched_found: int
    per_predicate: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    missed: list[Key] = field(default_factory=list)
    spurious: list[Key] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched_found / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def text(self, *, errors: bool = True) -> str:
        """The per-property table, then misses and spurious facts, then the totals."""
        lines = [f"{'property':16} {'gold':>5} {'found':>6} {'hit':>5}"]
        for pred, (g, f, h) in sorted(self.per_predicate.items()):
            lines.append(f"{pred:16} {g:5} {f:6} {h:5}")
        if errors:
            lines += [f"missed    {_show(k)}" for k in self.missed]
            lines += [f"spurious  {_show(k)}" for k in self.spurious]
        lines.append(
            f"F1 {self.f1:.3f} (precision {self.precision:.3f}, recall {self.recall:.3f}; "
            f"{self.gold} gold facts, {self.found} found)"
        )
        return "\n".join(lines)


def _show(k: Key) -> str:
    pred, s, o, amount, cur = k
    tail = f"{amount:,.0f} {cur or ''}".strip() if pred in AMOUNT_ONLY else (o or "")
    return f"{s} {pred} {tail}"


def _key(pred: str, s: str, o: str | None, amount: float | None, cur: str | None) -> Key:
    if pred in AMOUNT_ONLY:
        return (pred, s, None, amount, (cur or "").upper() or None)
    if pred in SYMMETRIC and o is not None:
        s, o = sorted((s, o))
    return (pred, s, o, None, None)


def _matches(g: Key, p: Key) -> bool:
    if g[:3] != p[:3]:
        return False
    if g[0] not in AMOUNT_ONLY:
        return True
    if g[3] is None or p[3] is None or abs(g[3] - p[3]) > 0.05 * max(abs(g[3]), abs(p[3])):
        return False
    return g[4] is None or g[4] == p[4]


def load_gold(gold_dir: Path) -> tuple[list[dict], dict[str, str]]:
    """The gold documents and a map from folded alias → canonical name."""
    files = sorted(Path(gold_dir).glob("*.json"))
    if not files:
        raise InputError(str(gold_dir), "no gold .json files")
    docs, aliases = [], {}
    for path in files:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(str(path), f"not a gold file ({exc})") from None
        docs.append(doc)
        for ent in doc.get("entities", []):
            for form in (ent["name"], *ent.get("aliases", [])):
                aliases.setdefault(norm(form), ent["name"])
    return docs, aliases


def write_corpus(docs: Iterable[dict], folder: Path) -> None:
    """Each gold document as a text article with front matter (no language: kg detects it)."""
    folder.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        head = [f"{k}: {doc[k]}" for k in ("title", "url", "published") if doc.get(k)]
        body = "---\n" + "\n".join(head) + "\n---\n" + doc["text"].strip() + "\n"
        (folder / f"{doc['id']}.txt").write_text(body, encoding="utf-8")


def score(gold_docs: list[dict], aliases: dict[str, str], rows: Iterable[dict]) -> Score:
    """Compare facts-table rows with the gold facts (corpus level, distinct facts)."""

    def canon(name: str | None) -> str:
        return aliases.get(norm(name), "?" + norm(name))

    gold: list[Key] = []
    for doc in gold_docs:
        for r in doc.get("relations", []):
            pred = GOLD_PREDICATES.get(r["p"])
            if pred:
                o = canon(r["o"]) if r.get("o") else None
                k = _key(pred, canon(r["s"]), o, r.get("amount"), r.get("currency"))
                if k not in gold:
                    gold.append(k)
    found: set[Key] = set()
    for row in rows:
        pred = row.get("predicate") or ""
        if pred not in GOLD_PREDICATES.values():
            continue
        amount = float(row["amount"]) if row.get("amount") else None
        o = canon(row["object"]) if row.get("object") else None
        found.add(_key(pred, canon(row["subject"]), o, amount, row.get("currency")))
    hit_g = {g for g in gold if any(_matches(g, p) for p in found)}
    hit_p = {p for p in found if any(_matches(g, p) for g in gold)}
    table = {}
    for pred in sorted({k[0] for k in gold} | {k[0] for k in found}):
        table[pred] = (
            sum(1 for g in gold if g[0] == pred),
            sum(1 for p in found if p[0] == pred),
            sum(1 for g in hit_g if g[0] == pred),
        )
    return Score(
        gold=len(gold), found=len(found), matched_gold=len(hit_g), matched_found=len(hit_p),
        per_predicate=table,
        missed=sorted((g for g in gold if g not in hit_g), key=str),
        spurious=sorted((p for p in found if p not in hit_p), key=str),
    )  # fmt: skip


def evaluate(gold_dir: str | Path) -> Score:
    """Build the gold articles with kg's own pipeline and score the facts it finds."""
    docs, aliases = load_gold(Path(gold_dir))
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        corpus = Path(tmp) / "corpus"
        write_corpus(docs, corpus)
        store = open_store(Path(tmp) / "store")
        try:
            build([corpus], store)
            result = run_query(store, "facts")
            rows = [
                {
                    k: ("" if v is None else str(v))
                    for k, v in zip(result.variables, row, strict=True)
                }
                for row in result.rows
            ]
        finally:
            store.close()
    return score(docs, aliases, rows)
