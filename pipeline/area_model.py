"""Programme area of a task from a trained spaCy text classifier (bag of words and bigrams).

Why a model beside the keyword rules (pipeline/classify.py): the rules know the words an
auditor wrote down; plans from other provinces say the same things in other words ("đưa tin",
"xét xử lưu động", "nhà tạm lánh"). A linear bag-of-n-grams classifier trained on composed
plan items (models/area_labels.tsv) and the sample plans' tasks picks up the many small
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
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .normalize import fold

log = logging.getLogger(__name__)

MODELS = Path(__file__).resolve().parent.parent / "models"
MODEL_DIR = MODELS / "area_textcat"

OPENING_WORDS = 60  # syllables of the item that are read
HEADINGS_USED = 2  # nearest enclosing headings that are read
HEADING_CHARS = 200
_WORD = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")  # a syllable, or a segmenter's joined word

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
    segmenter: Segmenter | None = field(default=None, repr=False)


def words(text: str, headings: Sequence[str] = (), segmenter: Segmenter | None = None) -> list[str]:
    """The feature words of an item: ``h_``-marked heading words, then the item's opening."""
    out: list[str] = []
    for h in list(headings)[-HEADINGS_USED:]:
        h = h[:HEADING_CHARS]
        if segmenter is not None:
            h = segmenter(h)
        out += ["h_" + w for w in _tokens(h)]
    body = text[: OPENING_WORDS * 12]
    if segmenter is not None:
        body = segmenter(body)
    out += _tokens(body)[:OPENING_WORDS]
    return out or ["_empty_"]


def _tokens(s: str) -> list[str]:
    return _WORD.findall(fold(s))


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
    for it in items:
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
    """A trained textcat and the way its inputs are made."""

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
        scores = self.textcat.predict(docs)
        ops = self.textcat.model.ops
        arr = ops.to_numpy(scores)
        return [dict(zip(self.labels, map(float, row))) for row in arr]

    def predict(self, items: Iterable[tuple[str, Sequence[str]]]) -> list[str]:
        return [max(p, key=p.get) for p in self.proba(items)]

    def save(self, path: Path = MODEL_DIR) -> None:
        self.nlp.to_disk(path)


def fit(items: Sequence[Item], labels: Sequence[str], cfg: TrainConfig | None = None) -> AreaModel:
    cfg = cfg or TrainConfig()
    return AreaModel(train(items, labels, cfg), cfg.segmenter)


@lru_cache(maxsize=1)
def shipped() -> AreaModel | None:
    """The model in models/area_textcat, loaded once per process; None when it is missing."""
    if not (MODEL_DIR / "meta.json").exists():
        log.warning("area model missing at %s: run scripts/train_area.py", MODEL_DIR)
        return None
    import spacy

    return AreaModel(spacy.load(MODEL_DIR))
