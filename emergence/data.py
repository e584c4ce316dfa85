"""Researchers' result files read into curves of scores against model size.

:func:`load` reads the files an evaluation already wrote and returns one :class:`Curve` per task x
metric x family x ``--by`` values, its points sorted by model size:

- **tables** (CSV, TSV, semicolon-separated, the delimiter taken from the header line; UTF-8 with
  or without a byte-order mark, or UTF-16 with one; a decimal comma is read when the delimiter is
  not a comma): *long form*, one row per model x task x metric with a score column and a metric
  column, or *wide form*, one score column per metric (``score_cols=("acc", "bleu")``). Columns
  are named by :class:`LoadOptions`; a column left unnamed is guessed only when exactly one
  header fits the role (``params_b`` for the size, ``score`` for the score, ...), and each guess
  is said in :attr:`LoadReport.guesses`. A size column whose name carries a unit (``params_b``,
  ``pretrain_tokens_T``, ``train_flops_1e21``) is scaled by it unless ``size_unit`` is given.
- **lm-evaluation-harness result files** (JSON), the old schema (``results``, ``versions``,
  ``config``; the model only inside ``config.model_args``) and the 0.4+ schema (``"acc,none"``
  keys, ``"acc_stderr,none"`` that may be ``"N/A"``, ``n-samples`` giving the item count,
  ``higher_is_better``, ``n-shot``, ``config.model_num_parameters``, ``model_name``, group
  aggregates). The number of shots is a key of the curve (``("shots", "5")``).
- **directories**, searched recursively (hidden entries skipped, sorted) for ``.csv``, ``.tsv``
  and ``.json`` files. A JSON file there that is not an lm-eval result is skipped and named in the
  notes; a JSON file named on its own must be one.

What it assumes and what it refuses:

- A model's size is, in this order, its entry in the ``sizes_file`` (which always wins), the
  file's own number (a size cell, or ``model_num_parameters`` > 0), another row's size for the
  same model, or the ``<number><m|b|t>`` in its name (:func:`parse_model_size`). A model whose size
  is still unknown is listed in :attr:`LoadReport.unknown_sizes` and left out, never guessed.
  Its family is the ``sizes_file``'s, else the table's family column, else :func:`model_family`.
- Scores are kept as written: never rescaled. The scale of a curve is judged on its column (the
  same task and metric in the same table, or in all lm-eval files), so that a family whose BLEU
  stays below 1 on a 0-100 column is still read as percent: ``"fraction"`` (column within
  [0, 1]), ``"percent"`` (within [0, 100], some value above 1; said in the notes), ``"unbounded"``
  (perplexity, loss and other unbounded metrics, negative values, or values above 100) and
  ``"mixed"``: a percent-scale similarity score (BLEU, chrF, F1, ...) below 1 *and* below 100 x the
  exact match of the same model on the same task. A similarity metric gives an exact answer full
  credit, so on 0-100 it should be about 100 x the exact match or more; a 0-1 reading fits. This
  is a heuristic, reported in the notes; nothing is rescaled.
  Mixing that leaves no such trace (a 0.62 beside 68.0 with no exact match to compare) cannot be
  told from a sharp rise and is not detected.
- Repeated rows of one model in one curve are averaged (counted in
  :attr:`LoadReport.duplicates`); different models of equal size in one curve are averaged into
  one point; both are said in the notes. Their item count is the smallest and their standard
  error the root mean square of theirs (neither is made smaller by the averaging).
- Rows whose score is empty, ``NA``, ``N/A``, ``null``, ``nan``, infinite or beyond
  ``MAX_ABS_SCORE`` in magnitude (an overflowed perplexity, say) are skipped and counted. Everything else that is wrong (an unreadable, empty, binary or huge file, a ragged row,
  text in a number column, an unknown column, a size that is not finite and positive, an lm-eval
  file of an unknown shape, invalid JSON, a path that is not a regular file, such as a pipe) raises :class:`DataError` naming the file, the line and
  the column.
- Limits: ``MAX_FILE_BYTES`` per table and ``MAX_JSON_BYTES`` per JSON file (checked before
  reading), ``MAX_COLUMNS`` columns in a table's header (checked before its rows), ``MAX_FILES``
  files, and ``MAX_ROWS`` rows and ``MAX_POINTS`` distinct (curve, model) points in all (checked
  while reading, so a huge table stops within a few seconds).
"""

from __future__ import annotations

import codecs
import csv
import json
import math
import os
import re
from collections.abc import Generator, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from itertools import chain
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from emergence._validate import ParameterError, positive_int
from emergence.results import Result

MAX_FILE_BYTES = 200 * 2**20
MAX_JSON_BYTES = 20 * 2**20
MAX_ROWS = 500_000
MAX_FILES = 10_000
MAX_POINTS = 100_000
MAX_COLUMNS = 2_000  # columns of a table: a wide table has one per metric or task, not tens of thousands
MAX_HEADER_CHARS = 1_000_000
MAX_ITEMS = 10**12
MAX_ABS_SCORE = 1e15  # larger scores (and standard errors) are not results but overflow


LOWER_IS_BETTER: frozenset[str] = frozenset({
    "ppl", "perplexity", "word_perplexity", "byte_perplexity", "token_perplexity", "bits_per_byte",
    "bpb", "bits_per_char", "bpc", "loss", "nll", "cross_entropy", "brier", "brier_score",
    "edit_distance", "levenshtein", "ter", "wer", "cer", "error", "error_rate",
    "likelihood_difference", "pct_stereotype", "ece", "calibration_error",
})
"""Metric names known to be lower-is-better (compared in lower case; a name whose last word is one
of the perplexity/loss words, such as ``val_loss``, counts too)."""

_LOWER_LAST_WORDS = frozenset({"ppl", "perplexity", "loss", "nll", "brier", "wer", "cer", "ter"})
# Metrics without an upper bound: their scale is "unbounded" whatever the values.
_UNBOUNDED = frozenset({
    "ppl", "perplexity", "word_perplexity", "byte_perplexity", "token_perplexity", "bits_per_byte",
    "bpb", "bits_per_char", "bpc", "loss", "nll", "cross_entropy", "edit_distance", "levenshtein",
    "likelihood_difference",
})
_UNBOUNDED_LAST_WORDS = frozenset({"ppl", "perplexity", "loss", "nll"})
# Exact-match metrics and the similarity metrics that give an exact answer full credit.
_EXACT = frozenset({"exact_match", "em", "exact", "exact_str_match", "exact_str_match_norm"})
_SIMILARITY = frozenset({"bleu", "sacrebleu", "chrf", "chrf++", "rouge", "rouge1", "rouge2", "rougel",
                         "rougelsum", "rouge_l", "f1", "token_f1", "meteor", "bertscore"})

_MISSING = frozenset({"", "na", "n/a", "nan", "-nan", "null", "none", "-", "?", "#n/a"})
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+")


class DataError(ParameterError):
    """A bad input file: names the file, the line and the column (1-based; ``None`` when not applicable).

    ``str(exc)`` and ``exc.location()`` are one line ``"data.csv:12:score: 'abc' is not a number"``
    (``file:line:column: message``; a part that does not apply is left out). ``name`` is ``"data"``
    so that generic :class:`ParameterError` handling still reports it; ``path``, ``line``,
    ``column`` and ``detail`` (the message alone) are kept for a caller that wants them apart;
    ``option`` is the command-line option that named the file (``"--sizes"``), or ``None`` for the
    result files themselves.
    """

    def __init__(self, path: str, message: str, *, line: int | None = None, column: str | int | None = None,
                 option: str | None = None) -> None:
        self.path = str(path)
        self.option = option
        self.line = line
        self.column = column
        self.detail = message
        parts = [self.path] + [str(p) for p in (line, column) if p is not None]
        text = f"{':'.join(parts)}: {message}"
        ValueError.__init__(self, text)
        self.name = "data"
        self.message = text

    def location(self) -> str:
        """The one line ``file:line:column: message``."""
        return self.message


@dataclass(frozen=True)
class LoadOptions:
    """How to read the files (see :func:`load`).

    The ``*_col`` fields, ``score_cols``, ``by``, ``size_unit`` and ``items`` as a column name are
    for tables; an unnamed column is guessed when exactly one header fits. ``size_unit`` 1.0 means
    "not given" (a unit in the size column's name then applies). ``items`` is a column name or one
    item count N for every score (in lm-eval files, for the tasks without ``n-samples``).
    ``sizes_file`` is a CSV ``model,size[,family]`` whose entries win over every other size and
    family. ``tasks``, ``metrics``, ``families``, ``models`` keep the curves (and points) whose
    value matches one of the values or ``fnmatch`` globs (case-insensitive; a model matches by its
    full name or the name without ``org/``); ``lower`` names metrics (or globs) to treat as
    lower-is-better. A filter value that matches nothing is refused (:class:`ParameterError`).
    """

    size_col: str | None = None
    size_unit: float = 1.0
    score_cols: tuple[str, ...] = ()
    metric_col: str | None = None
    task_col: str | None = None
    model_col: str | None = None
    family_col: str | None = None
    by: tuple[str, ...] = ()
    items: str | int | None = None
    stderr_col: str | None = None
    sizes_file: str | None = None
    tasks: tuple[str, ...] = ()
    metrics: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    lower: tuple[str, ...] = ()


@dataclass(frozen=True)
class Curve(Result):
    """One task scored by one metric across one family of models (and one value of each ``--by`` key).

    ``models``, ``sizes``, ``scores`` (and ``items``, ``stderr`` when known) are sorted by size,
    ascending; sizes are distinct and positive. Scores are as in the files, never rescaled; ``scale``
    says how to read them. ``items`` and ``stderr`` are ``None`` when no point has one, and NaN
    for a point without one otherwise.
    """

    task: str
    metric: str
    family: str
    keys: tuple[tuple[str, str], ...]
    models: tuple[str, ...]
    sizes: np.ndarray
    scores: np.ndarray
    higher_is_better: bool
    scale: str
    items: np.ndarray | None
    stderr: np.ndarray | None
    sources: tuple[str, ...]

    @property
    def label(self) -> str:
        """``"task / metric / family [k=v ...]"``."""
        return _label((self.task, self.metric, self.family, self.keys))

    def extra(self) -> dict[str, Any]:
        return {"label": self.label}


@dataclass(frozen=True)
class Note(Result):
    """A sentence about the reading: a key of :mod:`emergence.i18n.analyze` (``load_<key>``) and the
    values that fill it, so that it can be said in either language. ``str(note)`` is the English."""

    key: str
    fields: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        """The sentence in ``lang`` (``"en"`` or ``"zh"``); a count of one takes the singular where the catalog has it."""
        from emergence.i18n.analyze import T

        key = f"load_{self.key}"
        if self.fields.get("n") == 1 and f"{key}_one" in T.keys():
            key += "_one"
        return T(key, lang, **self.fields)

    def __str__(self) -> str:
        return self.text("en")


@dataclass(frozen=True)
class LoadReport(Result):
    """The curves read from the files and what the reading did: rows, skips, guesses and notes.

    ``guesses`` (a column taken by its name, a unit read from a header) and ``notes`` (rows skipped
    or averaged, scales, sizes from names) are :class:`Note` objects; the JSON has their English.
    """

    curves: tuple[Curve, ...]
    files: tuple[str, ...]
    rows_read: int
    missing_scores: int
    duplicates: int
    unknown_sizes: tuple[str, ...]
    guesses: tuple[Note, ...]
    notes: tuple[Note, ...]

    def extra(self) -> dict[str, Any]:
        return {"guesses": [str(g) for g in self.guesses], "notes": [str(n) for n in self.notes]}


# ---------------------------------------------------------------- model names

_SIZE_IN_NAME = re.compile(r"(?<![A-Za-z0-9.])([0-9]+(?:\.[0-9]+)?)([mMbBtT])([0-9]*)(?![A-Za-z0-9])")
_UNIT_OF_LETTER = {"m": 1e6, "b": 1e9, "t": 1e12}
_PRECISION_TAGS = frozenset({"bf16", "fp16", "fp32", "fp8", "int8", "int4", "4bit", "8bit", "gptq", "awq", "gguf"})
_NAMED_SIZES = frozenset({"tiny", "mini", "small", "base", "medium", "large", "xl", "xxl"})


def _base_name(name: str) -> str:
    return name.strip().rstrip("/").rsplit("/", 1)[-1]


def parse_model_size(name: str) -> float | None:
    """The parameter count written in a model's name (``"pythia-1.4b"`` -> 1.4e9), or ``None``.

    Reads one ``<number><m|b|t>`` token of the name without its ``org/`` prefix (``opt-350m``,
    ``Llama-2-7b-hf``, ``Qwen1.5-72B``; ``bloom-7b1`` is 7.1e9). No such token (``gpt2-xl``,
    ``t5-small``), a mixture of experts (``Mixtral-8x7B``) or two different sizes in one name
    (``tinyllama-1.1B-...-3T``, which also names its training tokens) give ``None``: unknown,
    not guessed. ``k`` is not read (``32k`` is usually a context length).
    """
    found = set()
    for number, letter, decimals in _SIZE_IN_NAME.findall(_base_name(name)):
        if decimals and "." in number:
            return None
        value = float(f"{number}.{decimals}" if decimals else number) * _UNIT_OF_LETTER[letter.lower()]
        if value > 0:
            found.add(value)
    return found.pop() if len(found) == 1 else None


def model_family(name: str) -> str:
    """The model's name without its size: ``"pythia-1.4b-deduped"`` -> ``"pythia-*-deduped"``.

    The ``org/`` prefix is dropped (``"EleutherAI/pythia-v1.1-1.4b"`` -> ``"pythia-v1.1-*"``) and so
    are precision tags (``-bf16``, ``-fp8``, ``-gptq``, ...), which name a copy of the same model.
    A name without a numeric size has its size word replaced (``"t5-small"`` -> ``"t5-*"``); a name
    with neither is its own family.
    """
    base = _base_name(name)
    parts = re.split(r"([-_ ])", base)
    kept: list[str] = []
    for i in range(0, len(parts), 2):
        if i > 0 and parts[i].lower() in _PRECISION_TAGS:
            continue
        kept.extend(([parts[i - 1]] if i > 0 else []) + [parts[i]])
    base = "".join(kept).strip("-_ ")
    starred = _SIZE_IN_NAME.sub("*", base)
    if starred == base:
        starred = "".join("*" if p.lower() in _NAMED_SIZES else p for p in re.split(r"([-_ ])", base))
    return starred


def _metric_base(metric: str) -> str:
    """``"exact_match (strict-match)"`` -> ``"exact_match"``, in lower case."""
    return metric.split(" (", 1)[0].strip().lower()


def _named_as(metric: str, names: frozenset[str], last_words: frozenset[str]) -> bool:
    name = _metric_base(metric)
    words = re.split(r"[^a-z0-9]+", name)
    return name in names or words[-1] in last_words


def _is_lower_by_name(metric: str) -> bool:
    return _named_as(metric, LOWER_IS_BETTER, _LOWER_LAST_WORDS)


def _is_unbounded_by_name(metric: str) -> bool:
    return _named_as(metric, _UNBOUNDED, _UNBOUNDED_LAST_WORDS)


def matches(value: str, patterns: Sequence[str]) -> bool:
    """Whether ``value`` matches one of ``patterns`` (values or fnmatch globs, case-insensitive); True for none."""
    return not patterns or _matches(value, patterns)


def _matches(value: str, patterns: Sequence[str]) -> bool:
    v = value.lower()
    return any(fnmatchcase(v, p.lower()) for p in patterns)


# ---------------------------------------------------------------- numbers


def _number(text: str, decimal_comma: bool = False) -> float | None:
    """A float from an ASCII number (infinities kept); ``None`` for a missing value; ValueError on text."""
    try:
        value = float(text)
    except ValueError:
        t = text.strip()
        if t.lower() in _MISSING:
            return None
        if decimal_comma and _DECIMAL_COMMA.fullmatch(t):
            return float(t.replace(",", "."))
        raise
    if value != value:
        return None
    if not text.isascii() or "_" in text:  # float() also reads other scripts' digits and 1_000
        raise ValueError(text)
    return value


# ---------------------------------------------------------------- accumulation


@dataclass(slots=True)
class _Point:
    """The rows of one model in one curve, summed; ``source`` and ``line`` of the first."""

    size: float | None
    source: str
    line: int | None
    total: float = 0.0
    count: int = 0
    se2: float = 0.0
    se_count: int = 0
    items: int | None = None
    more_sources: set[str] | None = None


_CurveKey = tuple[str, str, str, tuple[tuple[str, str], ...]]


@dataclass
class _CurveAcc:
    points: dict[str, _Point] = field(default_factory=dict)
    origins: set[str] = field(default_factory=set)
    low: float = math.inf
    high: float = -math.inf
    higher: bool | None = None


@dataclass
class _State:
    options: LoadOptions
    sizes_map: dict[str, tuple[float, str | None]]
    curves: dict[_CurveKey, _CurveAcc] = field(default_factory=dict)
    families: dict[tuple[str, str], str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    rows: int = 0
    points: int = 0
    missing: int = 0
    out_of_range: int = 0
    duplicates: int = 0
    duplicate_examples: list[str] = field(default_factory=list)
    guesses: list[Note] = field(default_factory=list)
    skipped_json: list[str] = field(default_factory=list)
    groups: set[str] = field(default_factory=set)
    from_names: list[str] = field(default_factory=list)
    equal_sizes: list[str] = field(default_factory=list)
    mixed: dict[_CurveKey, list[str]] = field(default_factory=dict)

    def count_row(self, path: str, line: int | None) -> None:
        self.rows += 1
        if self.rows > MAX_ROWS:
            raise DataError(path, f"more than {MAX_ROWS:,} rows in all: split the input or filter it first", line=line)

    def sizes_entry(self, model: str) -> tuple[float, str | None] | None:
        if not self.sizes_map:
            return None
        return self.sizes_map.get(model.strip().lower()) or self.sizes_map.get(_base_name(model).lower())

    def family(self, model: str, family: str | None) -> str:
        """The model's family: the sizes file's, else ``family``, else the model's name without its size."""
        if family and not self.sizes_map:
            return family
        key = (model, family or "")
        found = self.families.get(key)
        if found is None:
            entry = self.sizes_entry(model)
            found = self.families[key] = entry[1] if entry is not None and entry[1] else family or model_family(model)
        return found

    def add(self, key: _CurveKey, model: str, size: float | None, score: float, origin: str, source: str,
            line: int | None, stderr: float | None = None, items: int | None = None, higher: bool | None = None) -> None:
        if not abs(score) <= MAX_ABS_SCORE:  # NaN, infinite or overflowed
            self.out_of_range += score == score
            self.missing += 1
            return
        curve = self.curves.get(key)
        if curve is None:
            curve = self.curves[key] = _CurveAcc()
        curve.origins.add(origin)
        if score < curve.low:
            curve.low = score
        if score > curve.high:
            curve.high = score
        if higher is not None and curve.higher is None:
            curve.higher = higher
        point = curve.points.get(model)
        if point is None:
            self.points += 1
            if self.points > MAX_POINTS:
                raise DataError(source, f"more than {MAX_POINTS:,} distinct points (model x task x metric x settings): "
                                "filter or split the input first", line=line)
            point = curve.points[model] = _Point(size=size, source=source, line=line)
        else:
            self.duplicates += 1
            conflict = size is not None and point.size is not None and size != point.size
            if conflict or len(self.duplicate_examples) < 3:
                if source == point.source:
                    where = f"{source} lines {point.line} and {line}" if line else source
                else:
                    where = f"{point.source}{f':{point.line}' if point.line else ''} and {source}{f':{line}' if line else ''}"
                if conflict:
                    raise DataError(source, f"model {model!r} has two sizes in one curve, {point.size:g} and {size:g} "
                                    f"({where})", line=line)
                lines = (f"{source}:{point.line}, {line}" if line else source) if source == point.source else \
                    f"{point.source}{f':{point.line}' if point.line else ''}, {source}{f':{line}' if line else ''}"
                self.duplicate_examples.append(f"{model}, {_label(key)} ({lines})")
            if point.size is None:
                point.size = size
        point.total += score
        point.count += 1
        if stderr is not None:
            point.se2 += stderr * stderr
            point.se_count += 1
        if items is not None:
            point.items = items if point.items is None else min(point.items, items)
        if source != point.source:
            point.more_sources = (point.more_sources or set()) | {source}


def _label(key: _CurveKey) -> str:
    task, metric, family, keys = key
    text = f"{task} / {metric} / {family}"
    if keys:
        text += " [" + " ".join(f"{k}={v}" for k, v in keys) + "]"
    return text


# ---------------------------------------------------------------- tables


def _rows(path: Path, name: str) -> tuple[str, Generator[tuple[int, list[str]], None, None]]:
    """The delimiter of a text table and its non-blank rows ``(line, fields)``, header first.

    UTF-8 (a byte-order mark is dropped) or UTF-16 with a byte-order mark; the delimiter is the
    one of comma, tab and semicolon the first line uses most.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DataError(name, f"file is {size / 2**20:.0f} MB; the limit is {MAX_FILE_BYTES // 2**20} MB")
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError as exc:
        raise DataError(name, f"cannot read: {exc.strerror or exc}") from None
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and b"\x00" in head:
        raise DataError(name, "binary data (a NUL byte): not a text table", line=head[: head.index(b"\x00")].count(b"\n") + 1)
    try:
        text = path.open(encoding="utf-16" if utf16 else "utf-8-sig", newline="")
    except OSError as exc:
        raise DataError(name, f"cannot read: {exc.strerror or exc}") from None
    skipped = 0
    try:
        first = text.readline(MAX_HEADER_CHARS + 1)
        while first and not first.strip():
            skipped += 1
            first = text.readline(MAX_HEADER_CHARS + 1)
    except (UnicodeDecodeError, OSError) as exc:
        text.close()
        raise _read_error(exc, path, name, skipped + 1) from None
    if not first:
        text.close()
        raise DataError(name, "file is empty")
    delimiter = _sniff(first, name)
    # the columns are counted before the header is parsed: a table of 50,000 columns stops here
    columns = re.sub(r'"[^"]*"', "", first).count(delimiter) + 1
    if columns > MAX_COLUMNS or len(first) > MAX_HEADER_CHARS:
        text.close()
        many = f"{columns:,} columns" if columns > MAX_COLUMNS else f"more than {MAX_HEADER_CHARS:,} characters"
        raise DataError(name, f"{many} in the header; the limit is {MAX_COLUMNS:,} columns", line=skipped + 1)
    return delimiter, _iterate(text, first, skipped, delimiter, path, name)


def _iterate(text: TextIO, first: str, skipped: int, delimiter: str, path: Path, name: str) -> Generator[tuple[int, list[str]], None, None]:
    reader = csv.reader(chain([first], text), delimiter=delimiter)
    try:
        for row in reader:
            if row and (row[0] and not row[0].isspace() or any(c.strip() for c in row)):
                yield reader.line_num + skipped, row
    except (UnicodeDecodeError, csv.Error, OSError) as exc:
        raise _read_error(exc, path, name, reader.line_num + skipped + 1) from None
    finally:
        text.close()


def _read_error(exc: Exception, path: Path, name: str, line: int) -> DataError:
    if isinstance(exc, UnicodeDecodeError):
        bad_line, byte = _bad_byte(path)
        return DataError(name, f"not UTF-8 text (byte 0x{byte:02x}): a binary file? Save it as UTF-8", line=bad_line)
    if isinstance(exc, csv.Error):
        return DataError(name, f"not a readable table: {exc}", line=line)
    return DataError(name, f"cannot read: {getattr(exc, 'strerror', None) or exc}")


def _bad_byte(path: Path) -> tuple[int | None, int]:
    """The line and value of the first byte that is not UTF-8 (for the message)."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                return number, raw[exc.start]
    return None, 0


def _sniff(line: str, name: str) -> str:
    unquoted = re.sub(r'"[^"]*"', "", line)
    counts = {d: unquoted.count(d) for d in (",", "\t", ";")}
    best = max(counts.values())
    if best == 0:
        return "\t" if name.lower().endswith(".tsv") else ","
    return next(d for d in (",", "\t", ";") if counts[d] == best)


_ROLE_NAMES = {
    "model": ("model", "model_name", "model_id", "name", "checkpoint", "model_path"),
    "family": ("family", "model_family", "family_name"),
    "task": ("task", "task_name", "benchmark", "dataset", "subtask"),
    "metric": ("metric", "metric_name", "measure"),
    "score": ("score", "value", "result", "metric_value", "score_value"),
    "items": ("n_items", "items", "num_items", "n_samples", "num_samples", "n_examples", "num_examples", "n_questions"),
    "stderr": ("stderr", "se", "std_err", "standard_error", "score_stderr", "sem"),
}
_ROLE_OPTION = {"model": "--model-col", "family": "--family-col", "task": "--task-col", "metric": "--metric-col",
                "score": "--score-col", "items": "--items", "stderr": "--stderr-col", "size": "--size-col", "by": "--by"}
_UNIT_WORDS = {"b": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9, "m": 1e6, "mn": 1e6, "million": 1e6,
               "millions": 1e6, "k": 1e3, "thousand": 1e3, "thousands": 1e3, "t": 1e12, "tn": 1e12,
               "trillion": 1e12, "trillions": 1e12}


def _words(column: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9.]+", column.lower()) if w]


def _size_tier(column: str) -> int | None:
    """0 for a parameter count, 1 for compute, 2 for training tokens; None for anything else (such as output_tokens)."""
    words = set(_words(column))
    if column.strip().lower() in ("size", "model_size", "modelsize") or {"params", "param", "parameters", "parameter", "nparams"} & words:
        return 0
    if {"flops", "flop", "compute", "pflops"} & words:
        return 1
    if {"tokens", "token"} & words and {"train", "training", "pretrain", "pretraining", "trained"} & words:
        return 2
    return None


def _unit_in_name(column: str) -> float | None:
    """The unit a size column's name carries: ``params_b`` 1e9, ``tokens_T`` 1e12, ``flops_1e21`` 1e21."""
    words = _words(column)
    if len(words) < 2:
        return None
    last = words[-1]
    if last in _UNIT_WORDS:
        return _UNIT_WORDS[last]
    m = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)?e([0-9]{1,3})", last)
    if m:
        value = float(m.group(1) or 1.0) * 10.0 ** int(m.group(2))
        return value if math.isfinite(value) else None
    return None


class _Table:
    """One table's header: which column plays which role (named by the options or guessed)."""

    def __init__(self, name: str, header: list[str], line: int, state: _State) -> None:
        o = state.options
        self.name = name
        self.header = header
        self.line = line
        self.lookup = {c: i for i, c in enumerate(header)}
        self.guesses: list[Note] = []
        self.used: set[str] = set()
        if len(header) > MAX_COLUMNS:
            raise DataError(name, f"{len(header):,} columns in the header; the limit is {MAX_COLUMNS:,}", line=line)
        if len(self.lookup) < len(header):
            seen: set[str] = set()
            for column in header:
                if column and column in seen:  # empty names (trailing delimiters) name nothing
                    raise DataError(name, f"column {column!r} appears more than once in the header", line=line,
                                    column=column)
                seen.add(column)
        self.size = self._named(o.size_col, "size")
        self.model = self._named(o.model_col, "model")
        self.family = self._named(o.family_col, "family")
        self.task = self._named(o.task_col, "task")
        self.metric = self._named(o.metric_col, "metric")
        self.stderr = self._named(o.stderr_col, "stderr")
        self.by = [self._column(c, "by") for c in o.by]
        self.items_column: int | None = None
        self.items_value = _option_items(o)
        if isinstance(o.items, str) and o.items in self.lookup:
            self.items_column, self.items_value = self._column(o.items, "items"), None
        elif isinstance(o.items, str) and self.items_value is None:
            self._column(o.items, "items")
        self.scores = [self._column(c, "score") for c in o.score_cols]
        if len(self.scores) > 1 and o.metric_col is not None:
            raise ParameterError("metric_col", "a metric column cannot go with several score columns "
                                 "(wide form: each score column is a metric)")
        if len(self.scores) > 1 and o.stderr_col is not None:
            raise ParameterError("stderr_col", "one standard-error column cannot serve several score columns")
        if not self.scores:
            self.scores = [self._guess_required("score")]
        wide = len(self.scores) > 1
        if self.model is None:
            self.model = self._guess("model")
        if self.family is None:
            self.family = self._guess("family")
            if self.family is None:
                self.guesses.append(Note("no_family" if self.model is not None else "no_family_model", {"file": name}))
        if self.task is None:
            self.task = self._guess("task")
            if self.task is None:
                self.guesses.append(Note("no_task", {"file": name, "task": Path(name).stem}))
        if self.metric is None and not wide:
            self.metric = self._guess("metric")
            if self.metric is None:
                self.guesses.append(Note("no_metric", {"file": name, "column": header[self.scores[0]]}))
        if self.stderr is None and not wide:
            self.stderr = self._guess("stderr")
        if self.items_column is None and self.items_value is None:
            self.items_column = self._guess("items")
        if self.size is None:
            self.size = self._guess_size(state)
        self.unit = o.size_unit
        if self.size is not None and o.size_unit == 1.0:
            unit = _unit_in_name(header[self.size])
            if unit is not None:
                self.unit = unit
                self.guesses.append(Note("unit", {"file": name, "unit": f"{unit:g}", "column": header[self.size]}))

    def _named(self, column: str | None, role: str) -> int | None:
        return None if column is None else self._column(column, role)

    def _column(self, column: str, role: str) -> int:
        if column not in self.lookup:
            raise DataError(self.name, f"no column {column!r} ({_ROLE_OPTION[role]}); the columns are: "
                            f"{_short(self.header, 40)}", line=self.line, column=column)
        self.used.add(column)
        return self.lookup[column]

    def _guess_required(self, role: str) -> int:
        found = self._guess(role)
        if found is None:
            raise DataError(self.name, f"no {role} column found: name it with {_ROLE_OPTION[role]} COL; "
                            f"the columns are: {_short(self.header, 40)}", line=self.line)
        return found

    def _guess(self, role: str) -> int | None:
        found = [c for c in self.header if c.lower() in _ROLE_NAMES[role] and c not in self.used]
        if len(found) > 1:
            raise DataError(self.name, f"several columns could be the {role}: {', '.join(found)}; "
                            f"choose one with {_ROLE_OPTION[role]}", line=self.line)
        if not found:
            return None
        self.used.add(found[0])
        self.guesses.append(Note(f"column_{role}", {"file": self.name, "column": found[0]}))
        return self.lookup[found[0]]

    def _guess_size(self, state: _State) -> int | None:
        tiers: dict[int, list[str]] = {}
        for c in self.header:
            tier = _size_tier(c)
            if tier is not None and c not in self.used:
                tiers.setdefault(tier, []).append(c)
        if tiers:
            found = tiers[min(tiers)]
            if len(found) > 1:
                raise DataError(self.name, f"several columns could be the model size: {', '.join(found)}; "
                                "choose one with --size-col", line=self.line)
            others = [c for t in sorted(tiers) if t != min(tiers) for c in tiers[t]]
            fields = {"file": self.name, "column": found[0]}
            self.guesses.append(Note("column_size_also", {**fields, "others": ", ".join(others)}) if others
                                else Note("column_size", fields))
            self.used.add(found[0])
            return self.lookup[found[0]]
        if state.options.sizes_file is not None and self.model is not None:
            self.guesses.append(Note("no_size", {"file": self.name}))
            return None
        raise DataError(self.name, "no model-size column found: name it with --size-col COL (and --size-unit), "
                        f"or give --sizes FILE; the columns are: {_short(self.header, 40)}", line=self.line)

    def number(self, row: list[str], index: int, line: int, decimal_comma: bool) -> float | None:
        try:
            return _number(row[index], decimal_comma)
        except ValueError:
            raise DataError(self.name, f"{row[index]!r} is not a number", line=line, column=self.header[index]) from None

    def fail(self, message: str, line: int, index: int | None) -> DataError:
        return DataError(self.name, message, line=line, column=None if index is None else self.header[index])


def _read_table(path: Path, name: str, state: _State) -> None:
    delimiter, rows = _rows(path, name)
    with closing(rows):
        _read_table_rows(delimiter, rows, name, state)


def _read_table_rows(delimiter: str, rows: Iterator[tuple[int, list[str]]], name: str, state: _State) -> None:
    first = next(rows, None)
    if first is None:
        raise DataError(name, "file is empty")
    line, header = first
    header = [c.strip() for c in header]
    t = _Table(name, header, line, state)
    state.guesses.extend(t.guesses)
    width = len(header)
    decimal_comma = delimiter != ","
    number = t.number
    size_i, model_i, family_i, task_i, metric_i = t.size, t.model, t.family, t.task, t.metric
    stem = Path(name).stem
    scores = [(i, header[i]) for i in t.scores]
    start = state.rows
    for line, row in rows:
        if len(row) != width:
            raise DataError(name, f"{len(row)} fields where the header has {width}", line=line)
        state.rows += 1
        if state.rows > MAX_ROWS:
            raise DataError(name, f"more than {MAX_ROWS:,} rows in all: split the input or filter it first", line=line)
        size = None
        if size_i is not None:
            size = number(row, size_i, line, decimal_comma)
            if size is None and row[size_i].strip().lower() in ("nan", "-nan"):
                size = math.nan  # an empty size cell means unknown; a NaN size is an error
            if size is not None:
                size *= t.unit
                if not 0 < size < math.inf:
                    unit = f" (x {t.unit:g}, the size unit)" if t.unit != 1 else ""
                    raise t.fail(f"size must be a finite number > 0, got {row[size_i]!r}{unit}", line, size_i)
        if model_i is not None:
            model = row[model_i].strip()
            if not model:
                raise t.fail("empty model name", line, model_i)
            family = state.family(model, row[family_i].strip() if family_i is not None else None)
        elif size is not None:
            model = f"{size:g}"
            family = (row[family_i].strip() if family_i is not None else "") or "all"
        else:
            raise t.fail("empty size and no model column to look it up", line, size_i)
        task = row[task_i].strip() if task_i is not None else stem
        keys = tuple((header[i], row[i].strip()) for i in t.by) if t.by else ()
        stderr = None
        if t.stderr is not None:
            stderr = number(row, t.stderr, line, decimal_comma)
            if stderr is not None and not 0 <= stderr <= MAX_ABS_SCORE:
                raise t.fail(f"a standard error must be a number from 0 to {MAX_ABS_SCORE:g}, got {row[t.stderr]!r}",
                             line, t.stderr)
        items = t.items_value
        if t.items_column is not None:
            n = number(row, t.items_column, line, decimal_comma)
            if n is not None:
                if not (math.isfinite(n) and 1 <= n <= MAX_ITEMS and n == int(n)):
                    raise t.fail(f"an item count must be a whole number from 1 to {MAX_ITEMS:g}, got {row[t.items_column]!r}",
                                 line, t.items_column)
                items = int(n)
        for index, column in scores:
            score = number(row, index, line, decimal_comma)
            if score is None:
                state.missing += 1
                continue
            metric = column if metric_i is None else row[metric_i].strip()
            if not metric:
                raise t.fail("empty metric name", line, metric_i)
            state.add((task, metric, family, keys), model, size, score, name, name, line, stderr, items)
    if state.rows == start:
        raise DataError(name, "has a header but no data rows", line=line)


# ---------------------------------------------------------------- lm-evaluation-harness


def _model_args_name(args: Any) -> str | None:
    if isinstance(args, dict):
        pairs = {str(k): v for k, v in args.items()}
    elif isinstance(args, str):
        pairs = dict(p.split("=", 1) for p in args.split(",") if "=" in p)
    else:
        return None
    for key in ("pretrained", "model", "path", "engine"):
        value = pairs.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _json_number(value: Any, name: str, where: str) -> float | None:
    if value is None or isinstance(value, str) and value.strip().lower() in _MISSING:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DataError(name, f"{value!r} is not a number", column=where)
    return float(value)


def _read_json(path: Path, name: str, state: _State, *, found_in_directory: bool) -> None:
    """Read one lm-eval result file; a JSON file found in a directory that is not one is skipped."""
    try:
        size = path.stat().st_size
        if size > MAX_JSON_BYTES:
            raise DataError(name, f"file is {size / 2**20:.0f} MB; the limit for a JSON result file is {MAX_JSON_BYTES // 2**20} MB")
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(name, f"cannot read: {exc.strerror or exc}") from None
    if not raw.strip():
        raise DataError(name, "file is empty")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise DataError(name, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}): not a JSON file",
                        line=raw[: exc.start].count(b"\n") + 1) from None
    except json.JSONDecodeError as exc:
        raise DataError(name, f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise DataError(name, "invalid JSON: nested too deeply") from None
    except ValueError as exc:  # an integer literal of more digits than Python converts
        raise DataError(name, f"not a result file: {exc}") from None
    results = data.get("results") if isinstance(data, dict) else None
    config = data.get("config") if isinstance(data, dict) else None
    if not (isinstance(results, dict) and isinstance(config, dict)):
        if found_in_directory:
            state.skipped_json.append(name)
            return
        if isinstance(data, dict) and "results" in data and "config" in data:
            found = f"'results' is a JSON {type(results).__name__}, 'config' a JSON {type(config).__name__}"
        else:
            found = ", ".join(map(str, list(data)[:12])) if isinstance(data, dict) else f"a JSON {type(data).__name__}"
        raise DataError(name, "not an lm-evaluation-harness result file: expected top-level objects 'results' "
                        f"and 'config' (found: {found})")
    state.files.append(name)
    _lm_eval(data, results, config, name, state)


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _lm_eval(data: dict, results: dict, config: dict, name: str, state: _State) -> None:
    model = data.get("model_name") if isinstance(data.get("model_name"), str) else None
    model = (model or "").strip() or _model_args_name(config.get("model_args"))
    if not model:
        raise DataError(name, "no model name: neither 'model_name' nor pretrained=/model=/path= in config.model_args",
                        column="config.model_args")
    count = config.get("model_num_parameters")
    size = float(count) if isinstance(count, (int, float)) and not isinstance(count, bool) and 0 < count < math.inf else None
    family = state.family(model, None)
    new = "n-shot" in data or any("," in str(k) for entry in results.values() if isinstance(entry, dict) for k in entry)
    n_shot, hib, samples = _dict(data.get("n-shot")), _dict(data.get("higher_is_better")), _dict(data.get("n-samples"))
    groups = set(_dict(data.get("groups"))) | {g for g, subs in _dict(data.get("group_subtasks")).items() if subs}
    for task, entry in results.items():
        task = str(task)
        if not isinstance(entry, dict):
            raise DataError(name, f"expected an object of metrics, got {type(entry).__name__}", column=f"results.{task}")
        shots = n_shot.get(task, config.get("num_fewshot"))
        keys = (("shots", str(shots)),) if isinstance(shots, int) and not isinstance(shots, bool) else ()
        items = _lm_eval_items(samples.get(task), name, task) or _option_items(state.options)
        if task in groups:
            state.groups.add(task)
        values: dict[str, float | None] = {}
        errors: dict[str, float | None] = {}
        for raw_key, value in entry.items():
            key = str(raw_key)
            if new and "," not in key:
                continue  # alias, name, sample_len, ...
            metric, _, filt = key.partition(",")
            suffix = "" if filt.strip() in ("none", "") else f" ({filt.strip()})"
            number = _json_number(value, name, f"results.{task}.{key}")
            if metric.endswith("_stderr"):
                errors[metric.removesuffix("_stderr") + suffix] = number
            else:
                values[metric + suffix] = number
        task_hib = _dict(hib.get(task))
        for metric, score in values.items():
            state.count_row(name, None)
            if score is None:
                state.missing += 1
                continue
            flag = task_hib.get(metric.split(" (", 1)[0])
            se = errors.get(metric)
            state.add((task, metric, family, keys), model, size, score, "lm-eval", name, None,
                      se if se is not None and 0 <= se <= MAX_ABS_SCORE else None, items, flag if isinstance(flag, bool) else None)


def _lm_eval_items(entry: Any, name: str, task: str) -> int | None:
    value = _dict(entry).get("effective", _dict(entry).get("original"))
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer() and 1 <= value <= MAX_ITEMS:
        value = int(value)  # 100.0: a whole number written as a float
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ITEMS:
        raise DataError(name, f"an item count must be a whole number from 1 to {MAX_ITEMS:g}, got {value!r}",
                        column=f"n-samples.{task}")
    return value


def _option_items(options: LoadOptions) -> int | None:
    """``--items N`` as a number (``None`` when it is absent or names a column)."""
    if isinstance(options.items, int):
        return options.items
    if isinstance(options.items, str) and options.items.strip().isascii() and options.items.strip().isdigit():
        return positive_int("items", int(options.items.strip()), maximum=MAX_ITEMS)
    return None


# ---------------------------------------------------------------- sizes file


def _read_sizes(name: str) -> tuple[dict[str, tuple[float, str | None]], list[Note]]:
    """``model (lower case) -> (size, family or None)`` from a CSV ``model,size[,family]``, and the guesses made.

    With a header, the columns are found by name (``model``; one size-like column, whose name may
    carry a unit, e.g. ``params_b``; ``family`` optional); without one (the second field of the
    first row is a number), they are model, size and family in that order.
    """
    path = Path(name)
    try:
        path.stat()
    except FileNotFoundError:
        raise DataError(name, "no such file") from None
    except (OSError, ValueError) as exc:  # a name too long, a loop of links, a NUL byte
        raise DataError(name, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    if path.is_dir():
        raise DataError(name, "is a directory; --sizes takes a CSV file model,size[,family]")
    if not path.is_file():
        raise DataError(name, _NOT_REGULAR)
    delimiter, raw_rows = _rows(path, name)
    with closing(raw_rows):
        return _read_sizes_rows(delimiter, ((line, [c.strip() for c in row]) for line, row in raw_rows), name)


def _read_sizes_rows(delimiter: str, rows: Iterator[tuple[int, list[str]]], name: str) -> tuple[dict[str, tuple[float, str | None]], list[Note]]:
    first = next(rows, None)
    if first is None:
        raise DataError(name, "file is empty")
    line, header = first
    decimal_comma = delimiter != ","
    try:
        headerless = len(header) >= 2 and _number(header[1], decimal_comma) is not None
    except ValueError:
        headerless = False
    guesses: list[Note] = []
    unit = 1.0
    body: Iterable[tuple[int, list[str]]]
    if headerless:
        model_i, size_i, family_i = 0, 1, (2 if len(header) >= 3 else None)
        body = chain([first], rows)
        label: Any = lambda i: i + 1  # noqa: E731
    else:
        low = [c.lower() for c in header]
        models = [i for i, c in enumerate(low) if c in _ROLE_NAMES["model"]]
        sizes = [i for i, c in enumerate(header) if _size_tier(c) is not None]
        families = [i for i, c in enumerate(low) if c in _ROLE_NAMES["family"]]
        if len(models) != 1 or len(sizes) != 1 or len(families) > 1:
            raise DataError(name, "expected a header with one model column, one size column and at most one family "
                            f"column (e.g. model,params or model,params_b,family); found: {_short(header, 40)}", line=line)
        model_i, size_i, family_i = models[0], sizes[0], (families[0] if families else None)
        unit = _unit_in_name(header[size_i]) or 1.0
        if unit != 1.0:
            guesses.append(Note("sizes_unit", {"file": name, "unit": f"{unit:g}", "column": header[size_i]}))
        body = rows
        label = lambda i: header[i]  # noqa: E731
    out: dict[str, tuple[float, str | None]] = {}
    for count, (line, row) in enumerate(body):
        if count >= MAX_ROWS:
            raise DataError(name, f"more than {MAX_ROWS:,} rows", line=line)
        if len(row) != len(header):
            raise DataError(name, f"{len(row)} fields where the first row has {len(header)}", line=line)
        try:
            value = _number(row[size_i], decimal_comma)
        except ValueError:
            raise DataError(name, f"{row[size_i]!r} is not a number", line=line, column=label(size_i)) from None
        size = math.nan if value is None else value * unit
        if not (math.isfinite(size) and size > 0):
            raise DataError(name, f"size must be a finite number > 0, got {row[size_i]!r}", line=line, column=label(size_i))
        if not row[model_i]:
            raise DataError(name, "empty model name", line=line, column=label(model_i))
        entry = (size, row[family_i] or None if family_i is not None else None)
        key = row[model_i].lower()
        if out.get(key, entry) != entry:
            raise DataError(name, f"model {row[model_i]!r} is listed twice with different values", line=line)
        out[key] = entry
    return out, guesses


# ---------------------------------------------------------------- load


def _check_options(o: LoadOptions) -> None:
    if isinstance(o.size_unit, bool) or not isinstance(o.size_unit, (int, float)) or not 0 < o.size_unit < math.inf:
        raise ParameterError("size_unit", f"must be a finite number > 0, got {o.size_unit!r}")
    if isinstance(o.items, bool) or not isinstance(o.items, (int, str, type(None))):
        raise ParameterError("items", "must be a column name or a whole number of items")
    if isinstance(o.items, int):
        positive_int("items", o.items, maximum=MAX_ITEMS)


_NOT_REGULAR = "not a regular file (a pipe or a device): save the results to a file and name that file"


def _input_files(paths: Sequence[str | Path]) -> list[tuple[Path, str, bool]]:
    """(path, name shown in messages, found in a directory) for every file to read, in a fixed order."""
    out: list[tuple[Path, str, bool]] = []
    for given in paths:
        name = str(given)
        try:
            out += _files_of(Path(given), name, MAX_FILES - len(out))
        except (OSError, ValueError) as exc:  # a name too long, a loop of links, a NUL byte (DataError is said as it is)
            if isinstance(exc, DataError):
                raise
            raise DataError(name, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    return out


def _files_of(path: Path, name: str, room: int) -> list[tuple[Path, str, bool]]:
    """The file ``path``, or the result files of the directory ``path``; at most ``room`` of them."""
    try:
        path.stat()
    except FileNotFoundError:
        raise DataError(name, "no such file or directory") from None
    if path.is_dir():
        found: list[Path] = []
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [Path(root) / f for f in sorted(files)
                      if not f.startswith(".") and f.lower().endswith((".csv", ".tsv", ".json"))
                      and (Path(root) / f).is_file()]
            if len(found) > room:
                raise DataError(name, f"more than {MAX_FILES:,} result files: point at a smaller directory")
        if not found:
            raise DataError(name, "no .csv, .tsv or .json result files in this directory (searched recursively)")
        return [(f, str(f), True) for f in found]
    if not path.is_file():
        raise DataError(name, _NOT_REGULAR)
    if room < 1:
        raise DataError(name, f"more than {MAX_FILES:,} result files")
    return [(path, name, False)]


def _is_json(path: Path) -> bool:
    """A ``.json`` file, or a file of another name whose first character is ``{`` or ``[``."""
    suffix = path.suffix.lower()
    if suffix in (".json", ".csv", ".tsv"):
        return suffix == ".json"
    try:
        with path.open("rb") as handle:
            head = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    return head[:1] in (b"{", b"[")


def load(paths: Sequence[str | Path], options: LoadOptions = LoadOptions()) -> LoadReport:
    """Read result files (tables, lm-eval JSON, directories of both) into curves; see the module's docstring.

    Raises :class:`DataError` for a bad file and :class:`ParameterError` for a bad option (a
    filter that matches nothing, ``size_unit`` <= 0, ...).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if not paths:
        raise ParameterError("paths", "give at least one file or directory")
    _check_options(options)
    try:
        sizes_map, guesses = _read_sizes(options.sizes_file) if options.sizes_file is not None else ({}, [])
    except DataError as exc:
        exc.option = "--sizes"
        raise
    state = _State(options=options, sizes_map=sizes_map, guesses=guesses)
    for path, name, in_directory in _input_files(paths):
        if _is_json(path):
            _read_json(path, name, state, found_in_directory=in_directory)
        else:
            state.files.append(name)
            _read_table(path, name, state)
    if not state.files:
        raise DataError(str(paths[0]), "no result files: the JSON files found are not lm-evaluation-harness results "
                        f"({_short(state.skipped_json)})")
    _check_filters(state)
    curves, unknown = _build(state)
    return LoadReport(curves=tuple(curves), files=tuple(state.files), rows_read=state.rows,
                      missing_scores=state.missing, duplicates=state.duplicates, unknown_sizes=tuple(unknown),
                      guesses=_unique(state.guesses), notes=tuple(_notes(state, curves, unknown)))


def _check_filters(state: _State) -> None:
    """A filter (or ``--lower``) value that matches nothing is a usage error: probably a typo."""
    o = state.options
    for option, patterns in (("task", o.tasks), ("metric", o.metrics), ("family", o.families), ("model", o.models),
                             ("lower", o.lower)):
        if not patterns:
            continue
        if option == "model":
            models = {m for curve in state.curves.values() for m in curve.points}
            values = sorted(models | {_base_name(m) for m in models})
        else:
            values = sorted({str(k[{"task": 0, "family": 2}.get(option, 1)]) for k in state.curves})
        for pattern in patterns:
            if not any(_matches(v, [pattern]) for v in values):
                shown = ", ".join(values[:20]) + (" ..." if len(values) > 20 else "")
                raise ParameterError(option, f"{pattern!r} matches none of the names in the files: {shown}")


def _keep(o: LoadOptions, key: _CurveKey, model: str) -> bool:
    task, metric, family, _ = key
    return ((not o.tasks or _matches(task, o.tasks)) and (not o.metrics or _matches(metric, o.metrics))
            and (not o.families or _matches(family, o.families))
            and (not o.models or _matches(model, o.models) or _matches(_base_name(model), o.models)))


def _fill_sizes(state: _State) -> dict[str, float | None]:
    """Sizes for the models some of whose rows give none: another row's, else the name's, else None (unknown)."""
    lacking = {model for curve in state.curves.values() for model, point in curve.points.items()
               if point.size is None and state.sizes_entry(model) is None}
    given: dict[str, set[float]] = {}
    for curve in state.curves.values() if lacking else ():
        for model, point in curve.points.items():
            if point.size is not None and model in lacking:
                given.setdefault(model, set()).add(point.size)
    sizes: dict[str, float | None] = {}
    for model in sorted(lacking):
        own = given.get(model, set())
        if len(own) == 1:
            sizes[model] = next(iter(own))
        elif not own and (parsed := parse_model_size(model)) is not None:
            sizes[model] = parsed
            state.from_names.append(model)
        else:
            sizes[model] = None
    return sizes


@dataclass
class _Built:
    key: _CurveKey
    models: list[str]
    sizes: list[float]
    scores: list[float]
    items: list[float]
    stderr: list[float]
    sources: set[str]


def _build(state: _State) -> tuple[list[Curve], list[str]]:
    filled = _fill_sizes(state)
    o = state.options
    filtered = bool(o.tasks or o.metrics or o.families or o.models)
    unknown: set[str] = set()
    built: list[_Built] = []
    for key in sorted(state.curves):
        by_size: dict[float, list[tuple[str, _Point]]] = {}
        for model, point in state.curves[key].points.items():
            if filtered and not _keep(o, key, model):
                continue
            entry = state.sizes_entry(model)
            size = entry[0] if entry is not None else point.size if point.size is not None else filled[model]
            if size is None:
                unknown.add(model)
            else:
                by_size.setdefault(size, []).append((model, point))
        if not by_size:
            continue
        b = _Built(key, [], [], [], [], [], set())
        for size in sorted(by_size):
            group = by_size[size]
            if len(group) == 1:
                name, point = group[0]
                score, se2, se_count, items = point.total / point.count, point.se2, point.se_count, point.items
            else:
                group.sort(key=lambda mp: mp[0])
                name = " + ".join(m for m, _ in group)
                state.equal_sizes.append(f"{name} ({_label(key)})")
                score = sum(p.total for _, p in group) / sum(p.count for _, p in group)
                se2, se_count = sum(p.se2 for _, p in group), sum(p.se_count for _, p in group)
                items = min((p.items for _, p in group if p.items is not None), default=None)
            b.models.append(name)
            b.sizes.append(size)
            b.scores.append(score)
            b.stderr.append(math.sqrt(se2 / se_count) if se_count else math.nan)
            b.items.append(math.nan if items is None else float(items))
            for _, p in group:
                b.sources.add(p.source)
                if p.more_sources:
                    b.sources |= p.more_sources
        built.append(b)
    return _curves(state, built), sorted(unknown)


def _curves(state: _State, built: list[_Built]) -> list[Curve]:
    columns: dict[tuple[str, str, str], list[float]] = {}
    for (task, metric, _, _), acc in state.curves.items():
        for origin in acc.origins:
            column = columns.setdefault((origin, task, metric), [math.inf, -math.inf])
            column[0], column[1] = min(column[0], acc.low), max(column[1], acc.high)
    scales = {}
    for b in built:
        task, metric = b.key[0], b.key[1]
        low = min(columns[(o, task, metric)][0] for o in state.curves[b.key].origins)
        high = max(columns[(o, task, metric)][1] for o in state.curves[b.key].origins)
        if _is_unbounded_by_name(metric) or low < 0 or high > 100:
            scales[b.key] = "unbounded"
        else:
            scales[b.key] = "fraction" if high <= 1 else "percent"
    state.mixed = _mixed(built, scales)
    curves = []
    for b in built:
        task, metric, family, keys = b.key
        if state.options.lower and _matches(metric, state.options.lower):
            higher = False
        else:
            flag = state.curves[b.key].higher
            higher = flag if flag is not None else not _is_lower_by_name(metric)
        items, stderr = np.array(b.items), np.array(b.stderr)
        curves.append(Curve(
            task=task, metric=metric, family=family, keys=keys, models=tuple(b.models),
            sizes=np.array(b.sizes, dtype=float), scores=np.array(b.scores, dtype=float),
            higher_is_better=higher, scale="mixed" if b.key in state.mixed else scales[b.key],
            items=None if np.all(np.isnan(items)) else items,
            stderr=None if np.all(np.isnan(stderr)) else stderr,
            sources=tuple(sorted(b.sources)),
        ))
    return curves


def _mixed(built: list[_Built], scales: dict[_CurveKey, str]) -> dict[_CurveKey, list[str]]:
    """Percent-scale similarity curves with points that a 0-1 scale explains better (see the module's docstring)."""
    exact: dict[tuple, float] = {}
    for b in built:
        if scales[b.key] == "fraction" and _metric_base(b.key[1]) in _EXACT:
            for model, score in zip(b.models, b.scores):
                where = (b.key[0], b.key[2], b.key[3], model)
                exact[where] = max(score, exact.get(where, 0.0))
    out: dict[_CurveKey, list[str]] = {}
    for b in built:
        if scales[b.key] == "percent" and _metric_base(b.key[1]) in _SIMILARITY:
            for model, score in zip(b.models, b.scores):
                em = exact.get((b.key[0], b.key[2], b.key[3], model))
                if em is not None and score < 1 and score < 100 * em:
                    out.setdefault(b.key, []).append(f"{model} {score:.4g} / {em:.4g}")
    return out


def _unique(notes: Iterable[Note]) -> tuple[Note, ...]:
    """Each sentence once (a guess made for every file of a directory is said once), in order."""
    seen: dict[str, Note] = {}
    for note in notes:
        seen.setdefault(str(note), note)
    return tuple(seen.values())


def _short(names: Sequence[str], limit: int = 5) -> str:
    """The first ``limit`` names and how many more, in words of no language: ``"a, b, c … (+3)"``."""
    return ", ".join(names[:limit]) + (f" … (+{len(names) - limit})" if len(names) > limit else "")


def _notes(state: _State, curves: list[Curve], unknown: list[str]) -> list[Note]:
    notes: list[Note] = []
    if state.missing:
        notes.append(Note("missing_range", {"n": state.missing, "m": state.out_of_range, "limit": f"{MAX_ABS_SCORE:g}"})
                     if state.out_of_range else Note("missing", {"n": state.missing}))
    if state.duplicates:
        notes.append(Note("duplicates", {"n": state.duplicates, "examples": "; ".join(state.duplicate_examples)}))
    if state.equal_sizes:
        notes.append(Note("equal_sizes", {"n": len(state.equal_sizes), "points": _short(state.equal_sizes, 3)}))
    if unknown:
        notes.append(Note("unknown_sizes", {"n": len(unknown), "models": _short(unknown)}))
    shown = {m for c in curves for m in c.models}
    from_names = sorted(m for m in state.from_names if m in shown)
    if from_names:
        notes.append(Note("from_names", {"n": len(from_names), "model": from_names[0],
                                         "size": f"{parse_model_size(from_names[0]):g}"}))
    percent: dict[str, list[Curve]] = {}
    for c in curves:
        if c.scale in ("percent", "mixed"):
            percent.setdefault(c.metric, []).append(c)
    for metric, group in sorted(percent.items()):
        tasks = sorted({c.task for c in group})
        below = sum(1 for c in group if np.all(c.scores <= 1))
        fields = {"metric": metric, "high": f"{max(float(np.max(c.scores)) for c in group):.4g}", "tasks": _short(tasks)}
        notes.append(Note("percent_below", {**fields, "below": below}) if below else Note("percent", fields))
    for key, points in sorted(state.mixed.items()):
        notes.append(Note("mixed", {"label": _label(key), "points": "; ".join(points)}))
    if state.groups:
        notes.append(Note("groups", {"tasks": _short(sorted(state.groups))}))
    if state.skipped_json:
        notes.append(Note("skipped_json", {"n": len(state.skipped_json), "files": _short(state.skipped_json)}))
    used = {k for m in shown for part in m.split(" + ") for k in (part.lower(), _base_name(part).lower())} if state.sizes_map else set()
    unused = sorted(k for k in state.sizes_map if k not in used)
    if unused:
        notes.append(Note("unused_sizes", {"n": len(unused), "models": _short(unused)}))
    return notes
