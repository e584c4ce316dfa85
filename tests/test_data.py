"""Reading result files into curves: real data sets, an lm-eval 0.4 file built here, every kind of bad input."""

from __future__ import annotations

import csv
import json
import math
import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import emergence.data as data
from emergence._validate import ParameterError
from emergence.data import (
    LOWER_IS_BETTER,
    DataError,
    LoadOptions,
    load,
    model_family,
    parse_model_size,
)

OBS = "obsscaling_emergent_capability.csv"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding, newline="")
    return path


def said(notes, lang="en"):
    """The sentences of the reading (guesses or notes), in ``lang``."""
    return [note.text(lang) for note in notes]


def only(report, **fields):
    """The one curve whose fields have these values."""
    found = [c for c in report.curves if all(getattr(c, k) == v for k, v in fields.items())]
    assert len(found) == 1, (fields, [c.label for c in found])
    return found[0]


# ---------------------------------------------------------------- model names


@pytest.mark.parametrize(("name", "size"), [
    ("pythia-1.4b", 1.4e9), ("opt-350m", 3.5e8), ("Llama-2-7b-hf", 7e9), ("Qwen1.5-72B", 7.2e10),
    ("pythia-1b-bf16", 1e9), ("falcon-40b", 4e10), ("opt-1.3b", 1.3e9), ("gpt-neo-125m", 1.25e8),
    ("Mistral-7B-v0.1", 7e9), ("70m", 7e7), ("EleutherAI/pythia-v1.1-1.4b", 1.4e9), ("bigscience/bloom-7b1", 7.1e9),
    ("Qwen/Qwen2-57B-A14B", 5.7e10), ("meta-llama/Meta-Llama-3.1-405B-FP8", 4.05e11), ("mpt-7b-8k", 7e9),
    # no size, or an ambiguous one: unknown, never guessed
    ("gpt2-xl", None), ("t5-small", None), ("bert-base", None), ("mistralai/Mixtral-8x7B-v0.1", None),
    ("TinyLlama-1.1B-intermediate-step-1431k-3T", None), ("microsoft/phi-1_5", None),
])
def test_parse_model_size(name, size):
    assert parse_model_size(name) == size


@pytest.mark.parametrize(("name", "family"), [
    ("pythia-1.4b-deduped", "pythia-*-deduped"), ("pythia-1.4b", "pythia-*"),
    ("EleutherAI/pythia-v1.1-1.4b", "pythia-v1.1-*"), ("EleutherAI/pythia-v1.1-1b-bf16", "pythia-v1.1-*"),
    ("meta-llama/Llama-2-7b-hf", "Llama-2-*-hf"), ("Qwen/Qwen1.5-72B", "Qwen1.5-*"), ("opt-350m", "opt-*"),
    ("t5-small", "t5-*"), ("gpt2-xl", "gpt2-*"), ("Meta-Llama-3.1-405B-FP8", "Meta-Llama-3.1-*"),
])
def test_model_family(name, family):
    assert model_family(name) == family


def test_lower_is_better_names():
    for name in ("ppl", "perplexity", "word_perplexity", "byte_perplexity", "bits_per_byte", "loss", "brier",
                 "brier_score", "edit_distance", "ter"):
        assert name in LOWER_IS_BETTER


# ---------------------------------------------------------------- the ObsScaling table


@pytest.mark.shared_data
def test_obsscaling_pythia_two_digit_addition(shared_data):
    report = load([shared_data / OBS])
    curve = only(report, task="arithmetic_2da", metric="acc", family="Pythia")
    # read off the file by hand: params_b and score of the eight EleutherAI/pythia-*-deduped rows
    assert curve.sizes.tolist() == pytest.approx([0.07e9, 0.16e9, 0.41e9, 1.0e9, 1.4e9, 2.8e9, 6.9e9, 12e9], rel=1e-12)
    assert curve.scores.tolist() == [0.009, 0.005, 0.009, 0.0165, 0.067, 0.795, 0.486, 0.446]
    assert curve.models[4:6] == ("EleutherAI/pythia-1.4b-deduped", "EleutherAI/pythia-2.8b-deduped")
    assert np.all(np.diff(curve.sizes) > 0)
    steps = np.abs(np.diff(curve.scores))
    i = int(np.argmax(steps))
    assert (curve.sizes[i], curve.sizes[i + 1]) == pytest.approx((1.4e9, 2.8e9))
    assert (curve.scores[i], curve.scores[i + 1]) == (0.067, 0.795)
    assert curve.higher_is_better and curve.scale == "fraction"
    assert curve.items is None and curve.stderr is None
    assert curve.label == "arithmetic_2da / acc / Pythia"


@pytest.mark.shared_data
def test_obsscaling_report(shared_data):
    path = shared_data / OBS
    report = load([path])
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    groups = {(r["task"], r["metric"], r["model_family"]) for r in rows}
    assert report.rows_read == len(rows) == 613
    assert len(report.curves) == len(groups) == 186
    assert report.missing_scores == 0 and report.duplicates == 0 and report.unknown_sizes == ()
    guesses = " | ".join(said(report.guesses))
    assert "size column: params_b (guessed" in guesses and "train_flops_1e21" in guesses
    assert "size unit 1e+09" in guesses
    for column in ("score", "model", "task", "metric"):
        assert f"{column} column: {column} (guessed)" in guesses
    assert "family column: model_family (guessed)" in guesses
    # the sizes are the file's params_b in billions
    first = {r["model"]: float(r["params_b"]) * 1e9 for r in rows}
    for curve in report.curves:
        assert np.all(np.diff(curve.sizes) > 0)
        assert curve.sizes.tolist() == pytest.approx([first[m] for m in curve.models], rel=1e-12)


@pytest.mark.shared_data
def test_obsscaling_bleu_scales(shared_data):
    report = load([shared_data / OBS])
    bleu = [c for c in report.curves if c.metric == "bleu"]
    # Qwen-7B 0.527 and Qwen-14B 0.503 beside their exact match 0.065 and 0.123: a 0-1 reading
    qwen = only(report, metric="bleu", family="Qwen")
    assert qwen.scale == "mixed"
    assert qwen.scores.tolist() == pytest.approx([0.5270559542321789, 0.5032063945984224, 19.42664553133737])
    assert any("ipa_transliterate / bleu / Qwen: scale mixed" in n and "Qwen/Qwen-7B" in n and "Qwen/Qwen-14B" in n
               for n in said(report.notes))
    # Pythia's BLEU never reaches 1 but the column is on 0-100: read as percent, not as a fraction
    pythia = only(report, metric="bleu", family="Pythia")
    assert np.all(pythia.scores < 1) and pythia.scale == "percent"
    assert {c.scale for c in bleu} == {"percent", "mixed"}
    assert "bleu: scores on a 0-100 scale (up to 65.16) in ipa_transliterate: kept as they are; 3 of these curves stay " \
        "below 1 and are read on the same 0-100 scale" in said(report.notes)
    assert {c.scale for c in report.curves if c.metric != "bleu"} == {"fraction"}


@pytest.mark.shared_data
def test_obsscaling_flops_axis_and_filters(shared_data):
    report = load([shared_data / OBS], LoadOptions(size_col="train_flops_1e21", tasks=("arithmetic_*",),
                                                   families=("pythia", "OPT")))
    assert {c.task for c in report.curves} == {"arithmetic_2da", "arithmetic_2dm", "arithmetic_3da", "arithmetic_3ds"}
    assert {c.family for c in report.curves} == {"Pythia", "OPT"}
    assert any("size unit 1e+21" in g for g in said(report.guesses))
    curve = only(report, task="arithmetic_2da", family="Pythia")
    assert curve.sizes[0] == pytest.approx(0.126e21)


# ---------------------------------------------------------------- lm-eval, old schema (real files)


@pytest.mark.shared_data
def test_lm_eval_pythia_directory(shared_data):
    folder = shared_data / "lm-eval-pythia"
    report = load([folder])
    assert sorted(report.files) == sorted(str(p) for p in folder.rglob("*.json")) and len(report.files) == 32
    assert {c.family for c in report.curves} == {"pythia-v1.1-*", "pythia-v1.1-*-deduped"}
    assert {c.keys for c in report.curves} == {(("shots", "0"),), (("shots", "5"),)}
    assert report.unknown_sizes == () and report.duplicates == 0
    assert any("sizes read from the model names" in n for n in said(report.notes))
    sizes = [7e7, 1.6e8, 4.1e8, 1e9, 1.4e9, 2.8e9, 6.9e9, 1.2e10]
    for curve in report.curves:
        assert curve.sizes.tolist() == pytest.approx(sizes, rel=1e-12)
    acc = only(report, task="lambada_openai", metric="acc", family="pythia-v1.1-*", keys=(("shots", "0"),))
    # the 1B non-deduplicated model lives in folder pythia-1b-bf16; its name comes from config.model_args
    assert acc.models[3] == "EleutherAI/pythia-v1.1-1b-bf16"
    assert acc.higher_is_better and acc.scale == "fraction"
    ppl = only(report, task="lambada_openai", metric="ppl", family="pythia-v1.1-*", keys=(("shots", "0"),))
    assert not ppl.higher_is_better and ppl.scale == "unbounded"
    # the numbers, read from the JSON directly
    raw = json.loads((folder / "pythia-1.4b/zero-shot/1.4b_step143000.json").read_text())
    entry = raw["results"]["lambada_openai"]
    assert acc.scores[4] == entry["acc"] and acc.stderr[4] == entry["acc_stderr"]
    assert ppl.scores[4] == entry["ppl"] and ppl.stderr[4] == entry["ppl_stderr"]
    assert acc.items is None
    assert len(acc.sources) == 8 and str(folder / "pythia-1.4b/zero-shot/1.4b_step143000.json") in acc.sources
    five = only(report, task="lambada_openai", metric="acc", family="pythia-v1.1-*-deduped", keys=(("shots", "5"),))
    raw5 = json.loads((folder / "pythia-12b-deduped/five-shot/12b-deduped-5shot_step143000.json").read_text())
    assert five.scores[-1] == raw5["results"]["lambada_openai"]["acc"]
    assert raw5["config"]["num_fewshot"] == 5


@pytest.mark.shared_data
def test_lm_eval_sizes_file_wins(shared_data, tmp_path):
    sizes = write(tmp_path / "sizes.csv", "model,params,family\nEleutherAI/pythia-v1.1-1.4b,1414647808,Pythia\n"
                  "pythia-v1.1-70m,70426624,Pythia\n")
    report = load([shared_data / "lm-eval-pythia"], LoadOptions(sizes_file=str(sizes), tasks=("lambada_openai",),
                                                                metrics=("acc",)))
    pythia = only(report, family="Pythia", keys=(("shots", "0"),))
    assert pythia.models == ("EleutherAI/pythia-v1.1-70m", "EleutherAI/pythia-v1.1-1.4b")
    assert pythia.sizes.tolist() == [70426624.0, 1414647808.0]
    rest = only(report, family="pythia-v1.1-*", keys=(("shots", "0"),))
    assert len(rest.sizes) == 6 and 1.4e9 not in rest.sizes
    # the 2 models the sizes file gives are not among those whose size was read from the name (16 - 2)
    assert any(n.startswith("sizes read from the model names (nominal) for 14 models") for n in said(report.notes))


# ---------------------------------------------------------------- lm-eval 0.4+ schema (built here, keys of DATA.md)


def lm_eval_04(model: str, num_parameters: int, acc: float, *, shots: int = 0) -> dict:
    return {
        "results": {
            "arc_easy": {"alias": "arc_easy", "acc,none": acc, "acc_stderr,none": 0.01,
                         "acc_norm,none": acc - 0.05, "acc_norm_stderr,none": 0.0102},
            "gsm8k": {"alias": "gsm8k", "exact_match,strict-match": acc / 10, "exact_match_stderr,strict-match": 0.004,
                      "exact_match,flexible-extract": acc / 5, "exact_match_stderr,flexible-extract": 0.005},
            "wikitext": {"alias": "wikitext", "word_perplexity,none": 40 * (1 - acc), "word_perplexity_stderr,none": "N/A",
                         "bits_per_byte,none": 1 - acc / 2, "bits_per_byte_stderr,none": "N/A"},
            "toxicity_task": {"alias": "toxicity_task", "score,none": 0.3 - acc / 10, "score_stderr,none": "N/A"},
            "mmlu": {"alias": "mmlu", "acc,none": acc / 2, "acc_stderr,none": 0.003},
            "mmlu_anatomy": {"alias": " - anatomy", "acc,none": acc / 3, "acc_stderr,none": 0.03,
                             "name": "mmlu_anatomy", "sample_len": 135},
        },
        "groups": {"mmlu": {"alias": "mmlu", "acc,none": acc / 2, "acc_stderr,none": 0.003}},
        "group_subtasks": {"mmlu": ["mmlu_anatomy"], "arc_easy": [], "gsm8k": [], "wikitext": [], "toxicity_task": []},
        "configs": {"arc_easy": {"task": "arc_easy", "num_fewshot": shots}},
        "versions": {"arc_easy": 1.0, "gsm8k": 3.0, "wikitext": 2.0, "toxicity_task": 0, "mmlu": 2, "mmlu_anatomy": 1.0},
        "n-shot": {"arc_easy": shots, "gsm8k": 5, "wikitext": 0, "toxicity_task": 0, "mmlu": 0, "mmlu_anatomy": 0},
        "higher_is_better": {
            "arc_easy": {"acc": True, "acc_norm": True}, "gsm8k": {"exact_match": True},
            "wikitext": {"word_perplexity": False, "bits_per_byte": False}, "toxicity_task": {"score": False},
            "mmlu": {"acc": True}, "mmlu_anatomy": {"acc": None},
        },
        "n-samples": {"arc_easy": {"original": 2376, "effective": 2376}, "gsm8k": {"original": 1319, "effective": 1000},
                      "wikitext": {"original": 62, "effective": 62}, "toxicity_task": {"original": 500, "effective": 500},
                      "mmlu_anatomy": {"original": 135, "effective": 135}},
        "config": {"model": "hf", "model_args": f"pretrained={model},dtype=float16", "model_num_parameters": num_parameters,
                   "model_dtype": "torch.float16", "model_revision": "main", "batch_size": "auto", "limit": None,
                   "bootstrap_iters": 100000, "random_seed": 0, "numpy_seed": 1234, "torch_seed": 1234},
        "model_name": model, "model_name_sanitized": model.replace("/", "__"), "date": 1716000000.0,
        "lm_eval_version": "0.4.3", "git_hash": "abc1234",
    }


def test_lm_eval_04_schema(tmp_path):
    out = tmp_path / "output"
    specs = [("EleutherAI/pythia-160m", 162322944, 0.40), ("EleutherAI/pythia-410m", -1, 0.50),
             ("EleutherAI/pythia-1b", 1011781632, 0.60)]
    for model, count, acc in specs:
        folder = out / model.replace("/", "__")
        folder.mkdir(parents=True)
        (folder / "results_2024-05-18T10-00-00.json").write_text(json.dumps(lm_eval_04(model, count, acc)))
        (folder / "samples_arc_easy_2024-05-18T10-00-00.jsonl").write_text("{}\n")
    report = load([out])
    assert len(report.files) == 3
    arc = only(report, task="arc_easy", metric="acc")
    assert arc.family == "pythia-*" and arc.keys == (("shots", "0"),)
    # model_num_parameters when > 0; -1 (unknown) falls back to the name
    assert arc.sizes.tolist() == [162322944.0, 4.1e8, 1011781632.0]
    assert arc.scores.tolist() == [0.40, 0.50, 0.60]
    assert arc.items.tolist() == [2376, 2376, 2376] and arc.stderr.tolist() == [0.01, 0.01, 0.01]
    assert arc.higher_is_better and arc.scale == "fraction"
    strict = only(report, task="gsm8k", metric="exact_match (strict-match)")
    assert strict.keys == (("shots", "5"),) and strict.items.tolist() == [1000, 1000, 1000]
    assert strict.scores.tolist() == pytest.approx([0.04, 0.05, 0.06])
    only(report, task="gsm8k", metric="exact_match (flexible-extract)")
    ppl = only(report, task="wikitext", metric="word_perplexity")
    assert not ppl.higher_is_better and ppl.scale == "unbounded"
    assert ppl.stderr is None  # "N/A"
    assert only(report, task="wikitext", metric="bits_per_byte").scale == "unbounded"
    # higher_is_better false for a metric whose name says nothing
    assert not only(report, task="toxicity_task", metric="score").higher_is_better
    # null: the name decides
    assert only(report, task="mmlu_anatomy", metric="acc").higher_is_better
    group = only(report, task="mmlu", metric="acc")
    assert group.items is None and group.scores.tolist() == pytest.approx([0.2, 0.25, 0.3])
    assert any("group aggregates" in n and "mmlu" in n for n in said(report.notes))
    metrics = {c.metric for c in report.curves}
    assert not any("stderr" in m or m in ("alias", "name", "sample_len") for m in metrics)
    assert report.rows_read == 3 * 9


def test_lm_eval_model_name_only_in_model_args(tmp_path):
    raw = lm_eval_04("x", -1, 0.5)
    del raw["model_name"]
    raw["config"]["model_args"] = {"pretrained": "org/opt-350m", "dtype": "float16"}
    path = tmp_path / "r.json"
    path.write_text(json.dumps(raw))
    curve = only(load([path], LoadOptions(tasks=("arc_easy",), metrics=("acc",))))
    assert curve.models == ("org/opt-350m",) and curve.sizes.tolist() == [3.5e8] and curve.family == "opt-*"


def test_lm_eval_unknown_size_is_listed_not_guessed(tmp_path):
    for model in ("gpt2-xl", "openai-community/gpt2"):
        raw = lm_eval_04(model, -1, 0.5)
        (tmp_path / f"{model.replace('/', '_')}.json").write_text(json.dumps(raw))
    with pytest.raises(ParameterError):
        load([tmp_path], LoadOptions(families=("nothing-like-this",)))
    report = load([tmp_path])
    assert report.curves == ()
    assert report.unknown_sizes == ("gpt2-xl", "openai-community/gpt2")
    assert any("2 models without a known size left out" in n for n in said(report.notes))


# ---------------------------------------------------------------- tables


TABLE = """model,family,params_b,task,metric,score,n_items,stderr
org/a-1b,a,1,t1,acc,0.1,100,0.03
org/a-2b,a,2,t1,acc,0.2,100,0.04
org/a-4b,a,4,t1,acc,0.7,100,0.05
org/a-1b,a,1,t1,f1,10,100,
org/a-2b,a,2,t1,f1,30,100,
org/a-4b,a,4,t1,f1,55,100,
"""


def test_long_table_items_stderr_and_percent(tmp_path):
    report = load([write(tmp_path / "d.csv", TABLE)])
    acc = only(report, metric="acc")
    assert acc.sizes.tolist() == [1e9, 2e9, 4e9] and acc.scores.tolist() == [0.1, 0.2, 0.7]
    assert acc.items.tolist() == [100, 100, 100] and acc.stderr.tolist() == [0.03, 0.04, 0.05]
    assert acc.scale == "fraction" and acc.family == "a" and acc.keys == ()
    f1 = only(report, metric="f1")
    assert f1.scale == "percent" and f1.stderr is None
    assert "f1: scores on a 0-100 scale (up to 55) in t1: kept as they are" in said(report.notes)
    assert any("items column: n_items (guessed)" in g for g in said(report.guesses))
    assert any("stderr column: stderr (guessed)" in g for g in said(report.guesses))


def test_wide_table_and_by_keys(tmp_path):
    text = "name\tparams\tshots\texact_match\tedit_distance\nm-1b\t1000000000\t0\t0.0\t5.5\nm-2b\t2000000000\t0\t0.5\t2.5\n" \
           "m-1b\t1000000000\t3\t0.1\t4.0\nm-2b\t2000000000\t3\t0.6\t2.0\n"
    report = load([write(tmp_path / "w.tsv", text)], LoadOptions(score_cols=("exact_match", "edit_distance"), by=("shots",)))
    assert len(report.curves) == 4
    em = only(report, metric="exact_match", keys=(("shots", "3"),))
    assert em.task == "w" and em.family == "m-*" and em.scores.tolist() == [0.1, 0.6]
    ed = only(report, metric="edit_distance", keys=(("shots", "0"),))
    assert not ed.higher_is_better and ed.scale == "unbounded"
    assert ed.label == "w / edit_distance / m-* [shots=0]"
    assert any("no task column" in g for g in said(report.guesses))


def test_bom_semicolons_and_decimal_commas(tmp_path):
    text = "\ufeffmodel;params;task;score\nx-1b;1000000000;t;0,25\nx-3b;3000000000;t;0,75\n"
    report = load([write(tmp_path / "excel.csv", text)])
    curve = only(report)
    assert curve.scores.tolist() == [0.25, 0.75] and curve.metric == "score"
    assert any("model column: model (guessed)" in g for g in said(report.guesses))


def test_utf16_table(tmp_path):
    text = "model\tparams\ttask\tscore\nx-1b\t1e9\tt\t0.25\nx-3b\t3e9\tt\t0.5\n"
    curve = only(load([write(tmp_path / "u.txt", text, encoding="utf-16")]))
    assert curve.scores.tolist() == [0.25, 0.5]


def test_duplicates_are_averaged_and_counted(tmp_path):
    text = "model,params,task,score,stderr\nm-1b,1e9,t,0.2,0.03\nm-1b,1e9,t,0.4,0.04\nm-2b,2e9,t,0.5,0.01\n"
    report = load([write(tmp_path / "dup.csv", text)])
    curve = only(report)
    assert curve.scores.tolist() == pytest.approx([0.3, 0.5])
    assert curve.stderr[0] == pytest.approx(math.sqrt((0.03**2 + 0.04**2) / 2))
    assert report.duplicates == 1
    assert any("1 repeated row of" in n and f"{tmp_path / 'dup.csv'}:2, 3" in n for n in said(report.notes))


def test_equal_sizes_of_different_models_are_averaged(tmp_path):
    text = "model,params,task,score\na-7b,7e9,t,0.2\nb-7b,7e9,t,0.4\nc-9b,9e9,t,0.5\n"
    report = load([write(tmp_path / "eq.csv", text)], LoadOptions(family_col=None))
    assert {c.family for c in report.curves} == {"a-*", "b-*", "c-*"}
    text = "model,family,params,task,score\na-7b,f,7e9,t,0.2\nb-7b,f,7e9,t,0.4\nc-9b,f,9e9,t,0.5\n"
    report = load([write(tmp_path / "eq.csv", text)])
    curve = only(report)
    assert curve.models == ("a-7b + b-7b", "c-9b") and curve.scores.tolist() == pytest.approx([0.3, 0.5])
    assert report.duplicates == 0 and any("equal sizes averaged" in n for n in said(report.notes))


def test_missing_scores_and_unknown_sizes(tmp_path):
    text = "model,params,task,score\nm-1b,1e9,t,0.1\nm-2b,2e9,t,\nm-3b,,t,0.3\nm-4b,4e9,t,NA\ngpt2-xl,,t,0.4\nm-5b,5e9,t,N/A\n"
    report = load([write(tmp_path / "m.csv", text)])
    curve = only(report)
    # an empty size cell: the name's size (m-3b), or unknown (gpt2-xl), never guessed
    assert curve.models == ("m-1b", "m-3b") and curve.sizes.tolist() == [1e9, 3e9]
    assert report.missing_scores == 3 and report.unknown_sizes == ("gpt2-xl",)
    assert report.rows_read == 6


def test_sizes_file_without_size_column(tmp_path):
    table = write(tmp_path / "t.csv", "model,task,score\ngpt2,t,0.1\ngpt2-medium,t,0.2\ngpt2-xl,t,0.4\n")
    sizes = write(tmp_path / "s.csv", "gpt2,124e6,gpt2\ngpt2-medium,355e6,gpt2\ngpt2-large,774e6,gpt2\n")
    report = load([table], LoadOptions(sizes_file=str(sizes)))
    curve = only(report)
    assert curve.family == "gpt2" and curve.sizes.tolist() == [124e6, 355e6]
    assert report.unknown_sizes == ("gpt2-xl",)
    assert any("sizes file not found in the results" in n and "gpt2-large" in n for n in said(report.notes))


def test_lower_option_items_option_and_filters(tmp_path):
    text = "model,params,task,metric,score\nm-1b,1e9,qa,acc,0.3\nm-2b,2e9,qa,acc,0.5\nm-1b,1e9,qa,err,0.7\n" \
           "m-2b,2e9,qa,err,0.5\nm-1b,1e9,math,acc,0.1\nm-2b,2e9,math,acc,0.2\n"
    path = write(tmp_path / "f.csv", text)
    report = load([path], LoadOptions(lower=("err",), items=200, tasks=("q*",)))
    assert not only(report, metric="err").higher_is_better
    assert only(report, metric="acc").items.tolist() == [200, 200]
    assert {c.task for c in report.curves} == {"qa"}
    report = load([path], LoadOptions(items="50", metrics=("acc",), models=("m-2b",)))
    assert only(report, task="math").models == ("m-2b",) and only(report, task="math").items.tolist() == [50]
    with pytest.raises(ParameterError) as err:
        load([path], LoadOptions(tasks=("qa", "arith*")))
    assert err.value.name == "task" and "'arith*'" in err.value.message and "math, qa" in err.value.message


def test_stray_json_in_a_directory_is_skipped_and_said(tmp_path):
    write(tmp_path / "a.csv", "model,params,score\nm-1b,1e9,0.5\nm-2b,2e9,0.6\n")
    write(tmp_path / "package.json", '{"name": "x"}')
    write(tmp_path / ".hidden.csv", "garbage")
    report = load([tmp_path])
    assert report.files == (str(tmp_path / "a.csv"),)
    assert any("1 JSON file skipped" in n and "package.json" in n for n in said(report.notes))


def test_same_input_same_output(tmp_path):
    a = write(tmp_path / "a.csv", TABLE)
    b = write(tmp_path / "b.csv", TABLE.replace("t1", "t2").replace(",a,", ",b,"))
    one, two = load([a, b]), load([b, a])
    assert [c.to_dict() for c in one.curves] == [c.to_dict() for c in two.curves]
    json.dumps(one.to_dict(), allow_nan=False)
    assert one.to_dict()["curves"][0]["label"] == one.curves[0].label


# ---------------------------------------------------------------- bad input: one DataError naming file, line, column


def _bad_cases():
    junk = bytes(range(256)) * 4
    return {
        "empty": (b"", "empty.csv", "empty.csv: file is empty"),
        "blank": (b"\n \n", "blank.csv", "blank.csv: file is empty"),
        "header only": (b"model,params,score\n", "h.csv", "h.csv:1: has a header but no data rows"),
        "ragged": (b"model,params,score\nm-1b,1e9,0.1\nm-2b,2e9\n", "r.csv", "r.csv:3: 2 fields where the header has 3"),
        "text score": (b"model,params,score\nm-1b,1e9,0.1\nm-2b,2e9,abc\n", "t.csv", "t.csv:3:score: 'abc' is not a number"),
        "text size": (b"model,params,score\nm-1b,one,0.1\n", "s.csv", "s.csv:2:params: 'one' is not a number"),
        "non-ascii digits": ("model,params,score\nm-1b,١٢,0.1\n".encode(), "d.csv", "d.csv:2:params:"),
        "zero size": (b"model,params,score\nm-1b,0,0.1\n", "z.csv", "z.csv:2:params: size must be a finite number > 0"),
        "negative size": (b"model,params,score\nm-1b,-5,0.1\n", "n.csv", "n.csv:2:params: size must be a finite number > 0"),
        "nan size": (b"model,params,score\nm-1b,nan,0.1\n", "nan.csv", "nan.csv:2:params: size must be a finite number > 0"),
        "inf size": (b"model,params,score\nm-1b,inf,0.1\n", "inf.csv", "inf.csv:2:params: size must be a finite number > 0"),
        "overflow size": (b"model,params_b,score\nm-1b,1e300,0.1\n", "o.csv", "o.csv:2:params_b: size must be a finite"),
        "negative stderr": (b"model,params,score,stderr\nm-1b,1e9,0.1,-1\n", "e.csv", "e.csv:2:stderr: a standard error"),
        "huge stderr": (b"model,params,score,stderr\nm-1b,1e9,0.1,1e300\n", "he.csv",
                        "he.csv:2:stderr: a standard error must be a number from 0 to 1e+15, got '1e300'"),
        "fractional items": (b"model,params,score,n_items\nm-1b,1e9,0.1,2.5\n", "i.csv", "i.csv:2:n_items: an item count"),
        "no size column": (b"model,output_tokens,score\nm-1b,12,0.1\n", "ns.csv",
                           "ns.csv:1: no model-size column found: name it with --size-col"),
        "two size columns": (b"model,params,n_params,score\nm,1,1,0.1\n", "ts.csv", "ts.csv:1: several columns could be the model size"),
        "no score column": (b"model,params,acc_x\nm,1,0.1\n", "sc.csv", "sc.csv:1: no score column found: name it with --score-col"),
        "duplicate header": (b"model,params,score,score\nm,1,0.1,0.2\n", "dh.csv", "dh.csv:1:score: column 'score' appears more"),
        "conflicting sizes": (b"model,params,score\nm,1e9,0.1\nm,2e9,0.2\n", "cs.csv", "cs.csv:3: model 'm' has two sizes in one curve, 1e+09 and 2e+09"),
        "binary junk": (junk, "junk.csv", "junk.csv:1: binary data (a NUL byte)"),
        "latin-1": ("model,params,score\nm-1b,1e9,0.1\ncaf\u00e9,2e9,0.2\n".encode("latin-1"), "l.csv", "l.csv:3: not UTF-8 text (byte 0xe9)"),
        "invalid json": (b'{"results": {"a": {"acc": 0.5,}}}', "bad.json", "bad.json:1:31: invalid JSON"),
        "json list": (b"[1, 2]", "list.json", "list.json: not an lm-evaluation-harness result file"),
        "json other shape": (b'{"name": "x", "version": 2}', "pkg.json", "pkg.json: not an lm-evaluation-harness result file: "
                             "expected top-level objects 'results' and 'config' (found: name, version)"),
        "json results a list": (b'{"results": [], "config": {}}', "rl.json", "rl.json: not an lm-evaluation-harness "
                                "result file: expected top-level objects 'results' and 'config' (found: 'results' is a "
                                "JSON list, 'config' a JSON dict)"),
        "json text value": (b'{"results": {"arc": {"acc": "high"}}, "config": {"model_args": "pretrained=m-1b"}}', "v.json",
                            "v.json:results.arc.acc: 'high' is not a number"),
        "json no model": (b'{"results": {"arc": {"acc": 0.5}}, "config": {"model": "hf-causal"}}', "nm.json",
                          "nm.json:config.model_args: no model name"),
        "json bad n-samples": (b'{"results": {"arc": {"acc,none": 0.5}}, "config": {"model_args": "pretrained=m-1b"}, '
                               b'"n-samples": {"arc": {"effective": -3}}}', "ns.json", "ns.json:n-samples.arc: an item count"),
        "json deep": (b"[" * 100000, "deep.json", "deep.json:"),
        "json binary": (b"\xff\xfe\x00junk", "jb.json", "jb.json:1: not UTF-8 text"),
    }


@pytest.mark.parametrize("case", sorted(_bad_cases()))
def test_bad_input_raises_one_located_data_error(case, tmp_path):
    content, name, expected = _bad_cases()[case]
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DataError) as err:
        load([path])
    text = str(err.value)
    assert text.startswith(str(tmp_path / expected)), text
    assert "\n" not in text and err.value.location() == text
    assert err.value.name == "data" and isinstance(err.value, ParameterError)


def test_unknown_column_lists_the_columns(tmp_path):
    path = write(tmp_path / "c.csv", "model,params,score\nm-1b,1e9,0.1\n")
    for options, option in ((LoadOptions(size_col="size"), "--size-col"), (LoadOptions(score_cols=("acc",)), "--score-col"),
                            (LoadOptions(by=("shots",)), "--by"), (LoadOptions(items="n"), "--items")):
        with pytest.raises(DataError) as err:
            load([path], options)
        assert str(err.value).startswith(f"{path}:1:")
        assert option in str(err.value) and "the columns are: model, params, score" in str(err.value)
    err_value = pytest.raises(DataError, load, [path], LoadOptions(size_col="size")).value
    assert (err_value.path, err_value.line, err_value.column) == (str(path), 1, "size")


def test_missing_paths_and_empty_directories(tmp_path):
    with pytest.raises(DataError, match="no such file or directory"):
        load([tmp_path / "nope.csv"])
    (tmp_path / "empty").mkdir()
    write(tmp_path / "empty" / "notes.txt", "hello")
    with pytest.raises(DataError) as err:
        load([tmp_path / "empty"])
    assert str(err.value) == f"{tmp_path / 'empty'}: no .csv, .tsv or .json result files in this directory (searched recursively)"
    only_json = tmp_path / "only_json"
    only_json.mkdir()
    write(only_json / "x.json", '{"a": 1}')
    with pytest.raises(DataError, match="not lm-evaluation-harness results"):
        load([only_json])
    with pytest.raises(ParameterError):
        load([])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_pipes_are_refused_not_waited_for(tmp_path):
    fifo = tmp_path / "results.csv"
    os.mkfifo(fifo)  # nobody writes to it: opening it would wait forever
    with pytest.raises(DataError) as err:
        load([fifo])
    assert str(err.value) == f"{fifo}: not a regular file (a pipe or a device): save the results to a file and name that file"
    with pytest.raises(DataError) as err:
        load([write(tmp_path / "t.csv", "model,params,score\nm-1b,1e9,0.5\n")], LoadOptions(sizes_file=str(fifo)))
    assert err.value.option == "--sizes" and "not a regular file" in str(err.value)
    assert load([tmp_path]).files == (str(tmp_path / "t.csv"),)  # in a directory, a pipe is passed over


def test_sizes_file_errors_name_the_option(tmp_path):
    table = write(tmp_path / "t.csv", "model,task,score\nm-1b,t,0.1\nm-2b,t,0.2\n")
    sizes = write(tmp_path / "s.csv", "model,size\nm-1b,abc\n")
    with pytest.raises(DataError) as err:
        load([table], LoadOptions(sizes_file=str(sizes)))
    assert err.value.option == "--sizes" and str(err.value) == f"{sizes}:2:size: 'abc' is not a number"
    with pytest.raises(DataError) as err:
        load([write(tmp_path / "bad.csv", "model,params,score\nm-1b,0,0.1\n")])
    assert err.value.option is None


def test_overflowed_scores_are_skipped_and_counted_apart_from_nan(tmp_path):
    table = write(tmp_path / "o.csv", "model,params,score\nm-1b,1e9,0.1\nm-2b,2e9,1e300\nm-3b,3e9,-inf\nm-4b,4e9,1e400\n"
                  "m-5b,5e9,nan\nm-6b,6e9,1e15\n")
    report = load([table])
    assert only(report).scores.tolist() == [0.1, 1e15]
    assert report.missing_scores == 4
    assert "4 rows without a score skipped, 3 of them infinite or beyond 1e+15 in magnitude" in said(report.notes)
    document = lm_eval_04("m-1b", -1, 0.5)
    document["results"]["arc_easy"]["acc,none"] = math.nan  # Python's json reads and writes NaN
    (tmp_path / "r.json").write_text(json.dumps(document))
    report = load([tmp_path / "r.json"])
    assert report.missing_scores == 1 and "1 row without a score skipped" in said(report.notes)


def test_whole_float_item_counts_and_trailing_delimiters(tmp_path):
    document = lm_eval_04("m-1b", -1, 0.5)
    document["n-samples"]["arc_easy"] = {"original": 2376.0, "effective": 2376.0}
    (tmp_path / "r.json").write_text(json.dumps(document))
    assert only(load([tmp_path / "r.json"]), task="arc_easy", metric="acc").items.tolist() == [2376]
    table = write(tmp_path / "t.csv", "model,params,score,,\nm-1b,1e9,0.1,,\nm-2b,2e9,0.2,,\n")
    assert only(load([table])).scores.tolist() == [0.1, 0.2]


def test_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.csv", "model,params,score\nm,1,0.5\n")
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(DataError) as err:
        load([path])
    assert str(err.value) == f"{path}: cannot read: Permission denied"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_by_mode(tmp_path):
    path = write(tmp_path / "locked.csv", "model,params,score\nm,1,0.5\n")
    path.chmod(0)
    try:
        with pytest.raises(DataError, match="cannot read"):
            load([path])
    finally:
        path.chmod(0o600)


def test_huge_files_are_refused_with_the_limit(tmp_path, monkeypatch):
    path = write(tmp_path / "big.csv", "model,params,score\n" + "".join(f"m{i},{i + 1},0.5\n" for i in range(50)))
    monkeypatch.setattr(data, "MAX_FILE_BYTES", 100)
    with pytest.raises(DataError, match=r"big.csv: file is 0 MB; the limit is 0 MB"):
        load([path])
    monkeypatch.setattr(data, "MAX_FILE_BYTES", 2**20)
    monkeypatch.setattr(data, "MAX_ROWS", 20)
    with pytest.raises(DataError) as err:
        load([path])
    assert str(err.value) == f"{path}:22: more than 20 rows in all: split the input or filter it first"
    monkeypatch.setattr(data, "MAX_ROWS", 1000)
    monkeypatch.setattr(data, "MAX_POINTS", 10)
    with pytest.raises(DataError, match=r"big.csv:12: more than 10 distinct points"):
        load([path])
    monkeypatch.setattr(data, "MAX_JSON_BYTES", 10)
    (tmp_path / "r.json").write_text(json.dumps(lm_eval_04("m-1b", -1, 0.5)))
    with pytest.raises(DataError, match="the limit for a JSON result file"):
        load([tmp_path / "r.json"])


def test_bad_options(tmp_path):
    path = write(tmp_path / "o.csv", "model,params,metric,score,a,b\nm-1b,1e9,x,0.5,0.1,0.2\n")
    for options, name in ((LoadOptions(size_unit=0), "size_unit"), (LoadOptions(size_unit=math.nan), "size_unit"),
                          (LoadOptions(items=0), "items"), (LoadOptions(items=10**400), "items"),
                          (LoadOptions(score_cols=("a", "b"), metric_col="metric"), "metric_col"),
                          (LoadOptions(lower=("perplexity",)), "lower")):
        with pytest.raises(ParameterError) as err:
            load([path], options)
        assert err.value.name == name


# ---------------------------------------------------------------- round trip


@st.composite
def long_tables(draw):
    n = draw(st.integers(1, 12))
    sizes = draw(st.lists(st.floats(1e3, 1e13, allow_nan=False), min_size=n, max_size=n, unique=True))
    rows = []
    for i, size in enumerate(sizes):
        task = draw(st.sampled_from(["t1", "t 2", "t,3"]))
        score = draw(st.floats(-1e6, 1e6, allow_nan=False, allow_subnormal=False))
        rows.append((f"model {i}", "fam", size, task, score))
    delimiter = draw(st.sampled_from([",", "\t", ";"]))
    return rows, delimiter


@settings(deadline=None, max_examples=60)
@given(long_tables())
def test_written_tables_load_back_to_the_same_numbers(tmp_path_factory, table):
    rows, delimiter = table
    path = tmp_path_factory.mktemp("rt") / "table.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(["model", "family", "params", "task", "metric", "score"])
        for model, family, size, task, score in rows:
            writer.writerow([model, family, repr(size), task, "acc", repr(score)])
    report = load([path])
    expected: dict[str, list[tuple[float, float, str]]] = {}
    for model, _, size, task, score in rows:
        expected.setdefault(task, []).append((size, score, model))
    assert {c.task for c in report.curves} == set(expected)
    for curve in report.curves:
        points = sorted(expected[curve.task])
        assert curve.sizes.tolist() == [p[0] for p in points]
        assert curve.scores.tolist() == [p[1] for p in points]
        assert curve.models == tuple(p[2] for p in points)
    assert report.rows_read == len(rows) and report.duplicates == 0


def test_every_sentence_of_the_reading_is_said_in_chinese(tmp_path):
    """Guesses and notes are (key, values): the same numbers in either language, no English left in the Chinese."""
    from emergence.i18n.analyze import T

    table = write(tmp_path / "r.csv", "model,params_b,score,stderr,n_items\nm-1b,1,0.2,0.01,100\nm-1b,1,0.4,0.01,100\n"
                  "m-2b,2,,0.01,100\nm-3b,3,0.5,0.01,100\nn-3b,3,0.7,0.01,100\n")
    sizes = write(tmp_path / "s.csv", "model,params_b,family\nm-1b,1,m\nm-3b,3,m\nn-3b,3,m\nzz-9b,9,z\n")
    report = load([table], LoadOptions(sizes_file=str(sizes)))
    keys = {n.key for n in report.guesses} | {n.key for n in report.notes}
    assert {"column_score", "column_stderr", "column_items", "column_size", "unit", "sizes_unit", "no_task", "no_metric",
            "missing", "duplicates", "equal_sizes", "unused_sizes"} <= keys
    english = ("guessed", "column", "skipped", "averaged", "rows", "sizes file", "found")
    for note in report.guesses + report.notes:
        zh = note.text("zh")
        assert not any(word in zh for word in english), zh
        # every value the English names is named in the Chinese too
        for value in note.fields.values():
            assert str(value) in zh and str(value) in note.text("en")
        assert f"load_{note.key}" in T.keys()
    assert "跳过了 1 行没有分数的数据" in said(report.notes, "zh")
    assert f"{table}：分数列取 score（猜测）" in said(report.guesses, "zh")
    # the JSON keeps the English sentences
    assert report.to_dict()["notes"] == said(report.notes) and report.to_dict()["guesses"] == said(report.guesses)


def test_a_long_list_is_cut_in_no_language():
    assert data._short([f"m{i}" for i in range(8)]) == "m0, m1, m2, m3, m4 … (+3)"
    assert data._short(["a", "b"]) == "a, b"


def test_a_path_too_long_is_a_read_error_naming_it(tmp_path):
    long = tmp_path / ("a" * 300 + ".csv")
    with pytest.raises(DataError) as err:
        load([long])
    assert err.value.path == str(long) and err.value.detail == "cannot read: File name too long"
    with pytest.raises(DataError, match="cannot read"):
        load([write(tmp_path / "t.csv", "model,params,score\nm-1b,1e9,0.5\n")], LoadOptions(sizes_file=str(long)))


def test_too_many_columns_are_refused_at_the_header(tmp_path):
    header = ",".join(f"c{i}" for i in range(data.MAX_COLUMNS + 1))
    path = write(tmp_path / "w.csv", header + "\n" + ",".join("1" for _ in range(data.MAX_COLUMNS + 1)) + "\n")
    with pytest.raises(DataError) as err:
        load([path])
    assert str(err.value) == f"{path}:1: 2,001 columns in the header; the limit is 2,000 columns"
    # a delimiter inside a quoted name is not a column
    quoted = '"a,b",' * (data.MAX_COLUMNS - 3) + "model,params,score"
    names = [f"q{i}" for i in range(data.MAX_COLUMNS - 3)]
    text = ",".join(f'"{n},x"' for n in names) + ",model,params,score\n" + "1," * (data.MAX_COLUMNS - 3) + "m-1b,1e9,0.5\n"
    assert quoted.count(",") > data.MAX_COLUMNS
    report = load([write(tmp_path / "q.csv", text)])
    assert only(report).scores.tolist() == [0.5]
    # a header line longer than any real one
    with pytest.raises(DataError, match="more than 1,000,000 characters in the header"):
        load([write(tmp_path / "h.csv", "x" * 1_000_001 + "\n1\n")])


def test_a_repeated_column_is_still_found_among_many(tmp_path):
    header = ",".join(f"c{i}" for i in range(1500)) + ",model,params,score,c7"
    path = write(tmp_path / "d.csv", header + "\n" + "1," * 1500 + "m-1b,1e9,0.5,1\n")
    with pytest.raises(DataError) as err:
        load([path])
    assert err.value.column == "c7" and "appears more than once" in err.value.detail
