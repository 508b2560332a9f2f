"""Programme area of a task from a trained spaCy text classifier (bag of words and bigrams).

Why a model beside the keyword rules (pipeline/areas/rules.py): the rules know the words an
auditor wrote down; plans from other provinces say the same things in other words ("đưa tin",
"xét xử lưu động", "nhà tạm lánh"). A linear bag-of-n-grams classifier trained on composed
plan items (models/area_labels.tsv) picks up the many small
cues at once. It stays small and fast: spaCy's ``TextCatBOW`` is one sparse linear layer over
hashed unigrams and bigrams, so a plan's 30 tasks take about a millisecond.

Features are made here, not by spaCy's tokenizer: the folded text (lower case, no
diacritics, đ → d — so OCR that drops or confuses diacritics reads alike) split into
syllables, the item's opening only (its first words say what the work is; long tails of
sub-bullets repeat the whole programme), and the words of the nearest enclosing headings
marked ``h_`` (a heading "Công tác điều tra, truy tố" says where its items belong).
The Docs are built from these words directly, so no Vietnamese word segmenter (pyvi,
underthesea) runs at prediction time; scripts/eval_area.py measures what underthesea's
word segmentation would add.

Rebuild the shipped model with ``python scripts/train_area.py`` (deterministic).
"""
from __future__ import annotations

import logging
import random
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, repeat
from pathlib import Path
from typing import Callable, Iterable, Sequence

from pipeline.areas.rules import area_scores
from pipeline.resources import MODELS, tsv_lines, tsv_records
from pipeline.text.charmap import CharMap
from pipeline.text.fold import fold_char

log = logging.getLogger(__name__)

MODEL_DIR = MODELS / "area_textcat"
LEAD_SHAPES = MODELS / "area_lead_shapes.tsv"
ACTOR_HEADS = MODELS / "area_actor_heads.tsv"
AGENCIES = MODELS / "agencies.tsv"

OPENING_WORDS = 60  # syllables of the item that are read
# the first syllables read twice (after a separator, so no bigram joins the two reads), as
# the rules count an item's opening double; 0: once
OPENING_FOCUS = 20
SEPARATOR = "_sep_"
FOCUS_HEADINGS = True  # the second read carries the heading words too
HEADINGS_USED = 2  # nearest enclosing headings that are read
HEADING_CHARS = 200
# a heading that names an area by the keyword rules (pipeline/areas/rules.py: "Công tác truyền
# thông, phòng ngừa" → phong_ngua) also gives the feature ``ha_<area>``: one token that says
# what a heading's several words say, so that a section's area is not outvoted by an item's
# long opening (an agency's name or "Nội dung hoạt động" give none). 5-fold CV on the labels:
# model 0.952 with it, 0.949 without.
HEADING_AREA = True
HEADING_AREA_MIN = 1.5  # keyword weight a heading needs to name an area (area_keywords.tsv)


def _token_char(ch: str) -> str:
    """A letter or digit folded (normalize.fold_char), anything else a space, so that fold and
    split into syllables is one table pass (a regex over folded text cost as much again).
    "_" stays: a segmenter joins words with it."""
    out = fold_char(ch) if ch.isalnum() or ch == "_" else " "
    return out if out.isascii() and (out.isalnum() or out == "_") else " "


_TOKEN_MAP = CharMap(_token_char)

Segmenter = Callable[[str], str]  # text → text whose multi-syllable words are joined by "_"


@dataclass(frozen=True)
class Item:
    """One task to classify: its text and its enclosing headings, outermost first."""

    text: str
    headings: tuple[str, ...] = ()
    area: str | None = None  # the label, for training and evaluation
    group: str = ""  # the document it comes from (for leave-one-document-out)


@dataclass
class TrainConfig:
    """Everything that decides a trained model; the defaults build the shipped one."""

    epochs: int = 25
    seed: int = 0
    ngram_size: int = 2
    length: int = 2 ** 15  # hashed feature slots: small file, few collisions at this data size
    dropout: float = 0.1
    batch: int = 16
    # each item that has headings is also learnt without them, so that an item's own words
    # carry its area and a heading does not take all the credit (plans group items under
    # headings that name no area: "Nội dung hoạt động", an agency's name)
    headless_copies: bool = True
    # each item is also learnt with agency names before or after it ("Sở Y tế chủ trì, phối
    # hợp với Công an tỉnh: ..."; models/area_lead_shapes.tsv): plans name who leads in the
    # item's opening, and a model that never saw names there reads them as area evidence
    # (5-fold CV on the labels, items given such leads: model 0.876 without, 0.914 with)
    lead_copies: bool = True
    segmenter: Segmenter | None = field(default=None, repr=False)


def words(text: str, headings: Sequence[str] = (), segmenter: Segmenter | None = None) -> list[str]:
    """The feature words of an item: ``h_``-marked heading words, then the item's opening."""
    heads: list[str] = []
    for h in list(headings)[-HEADINGS_USED:]:
        heads += _heading_words(h[:HEADING_CHARS], segmenter)
    body = text[: OPENING_WORDS * 7]  # enough characters for the syllables read
    if segmenter is not None:
        body = segmenter(body)
    return _item_words(heads, _tokens(body))


def _item_words(heads: list[str], toks: list[str]) -> list[str]:
    """The heading words and the item's opening, then both again with only the opening's first
    syllables (OPENING_FOCUS): a long item's later clauses weigh half, its section does not."""
    toks = toks[:OPENING_WORDS]
    out = heads + toks
    if OPENING_FOCUS and toks:
        out += [SEPARATOR] + (heads if FOCUS_HEADINGS else []) + toks[:OPENING_FOCUS]
    return out or ["_empty_"]


@lru_cache(maxsize=512)
def _heading_words(h: str, segmenter: Segmenter | None) -> list[str]:
    """A heading's marked words (and its ``ha_`` area); cached, as every item under a heading
    repeats it."""
    area = _heading_area(h) if HEADING_AREA else None
    if segmenter is not None:
        h = segmenter(h)
    return ["h_" + w for w in _tokens(h)] + (["ha_" + area] if area else [])


@lru_cache(maxsize=1)
def _actor_heads() -> tuple[str, ...]:
    rows = ["\t".join(r).strip() for r in tsv_lines(ACTOR_HEADS)][1:]
    return tuple(r + " " for r in rows)


def _heading_area(h: str) -> str | None:
    """The area a heading names by the keyword rules, when one area clearly leads; None for a
    heading that names an actor (models/area_actor_heads.tsv)."""
    head = " ".join(unicodedata.normalize("NFC", h).casefold().split()) + " "
    if head.startswith(_actor_heads()):
        return None
    scores = area_scores(h)
    if not scores:
        return None
    ranked = sorted(scores.values(), reverse=True)
    best = max(scores, key=scores.__getitem__)
    second = ranked[1] if len(ranked) > 1 else 0.0
    return best if ranked[0] >= HEADING_AREA_MIN and ranked[0] > second else None


def _tokens(s: str) -> list[str]:
    return _TOKEN_MAP.translate(s).split()


def words_batch(items: Sequence[tuple[str, Sequence[str]]], segmenter: Segmenter | None = None) -> list[list[str]]:
    """``[words(text, headings) for ...]``, the item openings mapped in one table pass over
    their concatenation (``charmap``: one array look-up instead of a dict hit per character).
    The map is character by character, so each opening's slice of the result is its own."""
    if segmenter is not None:
        return [words(t, h, segmenter) for t, h in items]
    bodies = [t[: OPENING_WORDS * 7] for t, _ in items]
    mapped = _TOKEN_MAP.translate("".join(bodies))
    out: list[list[str]] = []
    at = 0
    for (_, heads), body in zip(items, bodies):
        hw: list[str] = []
        for h in list(heads)[-HEADINGS_USED:]:
            hw += _heading_words(h[:HEADING_CHARS], None)
        out.append(_item_words(hw, mapped[at : at + len(body)].split()))
        at += len(body)
    return out


def underthesea_segmenter() -> Segmenter:
    """underthesea's word segmentation (offline CRF), multi-syllable words joined by ``_``."""
    from underthesea import word_tokenize

    return lambda s: word_tokenize(s, format="text")


def _blank():
    import spacy

    # words are given to Doc directly; the tokenizer is only there for nlp(text), and pyvi
    # (spaCy's default for Vietnamese) is neither needed nor installed
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})


def _doc(nlp, item_words: list[str]):
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=item_words)


@lru_cache(maxsize=1)
def _lead_material() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The lead shapes (models/area_lead_shapes.tsv) and the agencies' names (agencies.tsv)."""
    rows = ["\t".join(r) for r in tsv_lines(LEAD_SHAPES)][1:]
    names = [r["name"].strip() for r in tsv_records(AGENCIES) if r["name"].strip()]
    return tuple(rows), tuple(names)


def _with_lead(it: Item, rng: random.Random) -> Item:
    """``it`` as a plan might write it with the agencies that lead and support it."""
    shapes, names = _lead_material()
    if not shapes or len(names) < 3:
        return it
    a, b, c = rng.sample(names, 3)
    t = it.text[:1].lower() + it.text[1:]
    return Item(rng.choice(shapes).format(a=a, b=b, c=c, t=t), it.headings, it.area, it.group)


def training_items(items: Sequence[Item], cfg: TrainConfig) -> list[Item]:
    """The items a model learns: ``items`` and, with ``cfg.lead_copies``, each again with
    agency names around it (deterministic for ``cfg.seed``)."""
    out = list(items)
    if cfg.lead_copies:
        rng = random.Random(cfg.seed + 1)
        out += [_with_lead(it, rng) for it in items]
    return out


def train(items: Sequence[Item], labels: Sequence[str], cfg: TrainConfig | None = None):
    """A spaCy pipeline with one ``textcat`` trained on ``items`` (deterministic for a seed)."""
    import spacy
    from spacy.training import Example
    from spacy.util import minibatch

    cfg = cfg or TrainConfig()
    spacy.util.fix_random_seed(cfg.seed)
    nlp = _blank()
    textcat = nlp.add_pipe("textcat", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True,
        "ngram_size": cfg.ngram_size, "no_output_layer": False, "length": cfg.length}})
    for lab in labels:
        textcat.add_label(lab)
    examples = []
    for it in training_items(items, cfg):
        cats = {"cats": {lab: float(lab == it.area) for lab in labels}}
        variants = [it.headings] + ([()] if cfg.headless_copies and it.headings else [])
        for heads in variants:
            examples.append(Example.from_dict(_doc(nlp, words(it.text, heads, cfg.segmenter)), cats))
    opt = nlp.initialize(lambda: examples)
    rng = random.Random(cfg.seed)
    for _ in range(cfg.epochs):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=cfg.batch):
            nlp.update(batch, sgd=opt, drop=cfg.dropout)
    return nlp


class AreaModel:
    """A trained textcat and the way its inputs are made (spaCy at training time)."""

    def __init__(self, nlp, segmenter: Segmenter | None = None):
        self.nlp = nlp
        self.textcat = nlp.get_pipe("textcat")
        self.labels: tuple[str, ...] = tuple(self.textcat.labels)
        self.segmenter = segmenter

    def proba(self, items: Iterable[tuple[str, Sequence[str]]]) -> list[dict[str, float]]:
        """Probability of each area for each (text, headings), one batch for a document."""
        docs = [_doc(self.nlp, words(t, h, self.segmenter)) for t, h in items]
        if not docs:
            return []
        arr = self.textcat.model.ops.to_numpy(self.textcat.predict(docs))
        return [dict(zip(self.labels, map(float, row))) for row in arr]

    def predict(self, items: Iterable[tuple[str, Sequence[str]]]) -> list[str]:
        return [max(p, key=p.__getitem__) for p in self.proba(items)]

    def save(self, path: Path = MODEL_DIR) -> None:
        self.nlp.to_disk(path)

    def table(self, vocabulary: Iterable[list[str]]) -> "LinearTable":
        """The model as a table of per-feature weights over the n-grams of ``vocabulary``.

        TextCatBOW is linear before its softmax: scores = b + Σ count(f) · w(f) over the
        item's unigrams and bigrams. Each w(f) is read back by probing the model with a doc
        holding just that n-gram (log-probabilities differ from scores by a constant per doc,
        which the softmax ignores). Prediction from the table is then a dict lookup and a sum,
        with no spaCy import: a plan's tasks cost a fraction of a millisecond.
        """
        import numpy as np

        b = next(l for l in self.textcat.model.walk() if l.name == "sparse_linear").get_param("b")
        b = np.asarray(self.textcat.model.ops.to_numpy(b), dtype=np.float64)
        unis: dict[str, None] = {}
        bis: dict[tuple[str, str], None] = {}
        for ws in vocabulary:
            unis.update(dict.fromkeys(ws))
            bis.update(dict.fromkeys(zip(ws, ws[1:])))
        uni_list, bi_list = list(unis), list(bis)

        def logp(docs_words: list[list[str]]) -> np.ndarray:
            out = []
            for i in range(0, len(docs_words), 512):
                docs = [_doc(self.nlp, w) for w in docs_words[i:i + 512]]
                out.append(np.log(np.asarray(self.textcat.model.ops.to_numpy(self.textcat.predict(docs)), dtype=np.float64)))
            return np.concatenate(out) if out else np.zeros((0, len(b)))

        wu = logp([[u] for u in uni_list]) - b
        row = {u: wu[i] for i, u in enumerate(uni_list)}
        wb = logp([[a, c] for a, c in bi_list]) - b
        wb -= np.array([row[a] + row[c] for a, c in bi_list]).reshape(wb.shape)
        feats = uni_list + [a + " " + c for a, c in bi_list]
        weights = np.concatenate([wu, wb]).astype(np.float32)
        return LinearTable(self.labels, b.astype(np.float32), feats, weights, self.segmenter)


class LinearTable:
    """The shipped form of the model: labels, bias, and a weight row per known n-gram.

    Prediction is one dict look-up per word and then numpy only: every word of a batch gets
    its unigram row (a row of zeros when unknown); each pair of neighbouring words is coded
    as ``id(a) * V + id(b)`` and found by binary search among the known bigrams' codes (a
    bigram of two known words is the only kind the table holds, since its unigrams come
    from the same training words). A bigram slot sits at its first word, and the last word
    of an item has none, so unigram and bigram rows share the items' segments and one
    ``reduceat`` sums them.
    """

    FILE = "weights.npz"

    def __init__(self, labels: Sequence[str], bias, features: Sequence[str], weights,
                 segmenter: Segmenter | None = None):
        import numpy as np

        self.labels = tuple(labels)
        self.bias = np.asarray(bias, dtype=np.float32)
        self.features = list(features)
        self.index = {f: i for i, f in enumerate(self.features) if " " not in f}
        w = np.asarray(weights, dtype=np.float32)
        self.weights = np.vstack([w, np.zeros((1, w.shape[1]), dtype=np.float32)])
        self.zero = len(self.weights) - 1  # the row of zeros: an unknown word or bigram
        # words are coded by their row; -1 (unknown) never pairs
        self.width = len(self.weights)
        codes, rows = [], []
        for i, f in enumerate(self.features):
            if " " in f:
                a, b = f.split(" ", 1)
                ia, ib = self.index.get(a), self.index.get(b)
                if ia is not None and ib is not None:
                    codes.append(ia * self.width + ib)
                    rows.append(i)
        order = np.argsort(np.asarray(codes, dtype=np.int64), kind="stable")
        self.pair_codes = np.asarray(codes, dtype=np.int64)[order]
        self.pair_rows = np.asarray(rows, dtype=np.int64)[order]
        self.segmenter = segmenter

    def proba(self, items: Iterable[tuple[str, Sequence[str]]]) -> list[dict[str, float]]:
        """Probability of each area for each (text, headings): one numpy pass per batch."""
        import numpy as np

        batch = words_batch(list(items), self.segmenter)
        if not batch:
            return []
        lens = np.fromiter(map(len, batch), dtype=np.int64, count=len(batch))  # each ≥ 1
        flat = list(chain.from_iterable(batch))
        ids = np.fromiter(map(self.index.get, flat, repeat(-1)), dtype=np.int64, count=len(flat))
        starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
        uni = np.where(ids >= 0, ids, self.zero)
        bi = np.full(len(flat), self.zero, dtype=np.int64)
        if len(flat) > 1 and len(self.pair_codes):
            a, b = ids[:-1], ids[1:]
            codes = a * self.width + b
            pos = np.minimum(np.searchsorted(self.pair_codes, codes), len(self.pair_codes) - 1)
            hit = (a >= 0) & (b >= 0) & (self.pair_codes[pos] == codes)
            hit[starts[1:] - 1] = False  # the last word of an item pairs with nothing
            bi[:-1] = np.where(hit, self.pair_rows[pos], self.zero)
        z = np.add.reduceat(self.weights[uni] + self.weights[bi], starts, axis=0) + self.bias
        z = np.exp(z - z.max(axis=1, keepdims=True))
        z /= z.sum(axis=1, keepdims=True)
        return [dict(zip(self.labels, row)) for row in z.tolist()]

    def predict(self, items: Iterable[tuple[str, Sequence[str]]]) -> list[str]:
        return [max(p, key=p.__getitem__) for p in self.proba(items)]

    def save(self, path: Path = MODEL_DIR) -> None:
        import numpy as np

        np.savez_compressed(path / self.FILE, labels=np.array(self.labels), bias=self.bias,
                            features=np.array(self.features), weights=self.weights[:-1].astype(np.float16))

    @classmethod
    def load(cls, path: Path = MODEL_DIR) -> "LinearTable":
        import numpy as np

        with np.load(path / cls.FILE, allow_pickle=False) as z:
            return cls(z["labels"].tolist(), z["bias"], z["features"].tolist(), z["weights"].astype(np.float32))


def fit(items: Sequence[Item], labels: Sequence[str], cfg: TrainConfig | None = None) -> AreaModel:
    cfg = cfg or TrainConfig()
    return AreaModel(train(items, labels, cfg), cfg.segmenter)


def training_words(items: Sequence[Item], cfg: TrainConfig | None = None) -> list[list[str]]:
    """The feature words the model saw in training (with and without headings)."""
    cfg = cfg or TrainConfig()
    out = []
    for it in training_items(items, cfg):
        out.append(words(it.text, it.headings, cfg.segmenter))
        if cfg.headless_copies and it.headings:
            out.append(words(it.text, (), cfg.segmenter))
    return out


@lru_cache(maxsize=1)
def shipped() -> LinearTable | None:
    """The shipped model (models/area_textcat/weights.npz), loaded once per process; None
    when it is missing (classification then falls back to the keyword rules)."""
    if not (MODEL_DIR / LinearTable.FILE).exists():
        log.warning("area model missing at %s: run scripts/train_area.py", MODEL_DIR)
        return None
    return LinearTable.load(MODEL_DIR)
