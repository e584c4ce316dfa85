"""``emergence simulate``: a synthetic results table whose numbers follow the toolkit's models."""

from __future__ import annotations

import csv
import io
import json
import math

import numpy as np
import pytest

from emergence import synthetic
from emergence.scaling import schaeffer
from tests.clihelp import assert_usage_error, run, run_subprocess


def test_table_shape_and_the_synthetic_label():
    table = synthetic.simulate(50, np.random.default_rng(0))
    per_model = sum(2 if length > 1 else 1 for length, _ in synthetic.TASKS.values())
    assert len(table.rows) == len(synthetic.FAMILIES) * len(synthetic.SIZES) * per_model
    rows = list(csv.DictReader(io.StringIO(synthetic.to_csv(table))))
    assert rows[0].keys() == set(synthetic.SyntheticTable.COLUMNS)
    assert all("synthetic" in r["source"] for r in rows)


def test_exact_match_never_exceeds_partial_credit_on_the_same_outputs():
    table = synthetic.simulate(30, np.random.default_rng(1))
    scores = {(r.model, r.task, r.metric): r.score for r in table.rows}
    for (model, task, metric), em in scores.items():
        if metric == "exact_match" and synthetic.TASKS[task][0] > 1:
            assert em <= scores[(model, task, synthetic.TASKS[task][1])]


def test_scores_follow_p_to_the_length_within_binomial_noise():
    items = 20000
    table = synthetic.simulate(items, np.random.default_rng(2))
    for r in table.rows:
        length = synthetic.TASKS[r.task][0]
        p = float(schaeffer(r.params, synthetic.FAMILIES[r.family], synthetic.ALPHA))
        expected = p**length if r.metric == "exact_match" else p
        trials = items if r.metric == "exact_match" else items * length
        se = math.sqrt(max(expected * (1 - expected), 1e-12) / trials)
        assert abs(r.score - expected) <= 5 * se + 1e-9, r


def test_the_same_seed_gives_the_same_table():
    assert synthetic.to_csv(synthetic.simulate(40, 7)) == synthetic.to_csv(synthetic.simulate(40, 7))


def test_cli_writes_the_file_and_the_envelope(tmp_path):
    out = tmp_path / "t.csv"
    result = run("simulate", "--seed", "3", "--out", str(out), "--items", "40")
    assert result.exit_code == 0, result.output
    assert out.read_text() == synthetic.to_csv(synthetic.simulate(40, np.random.default_rng(3)))
    data = json.loads(run("simulate", "--seed", "3", "--items", "40", "--json").stdout)
    assert data["command"] == "simulate" and data["seed"] == 3 and data["params"]["items"] == 40
    assert len(data["results"]["rows"]) == len(synthetic.simulate(40, 3).rows)


@pytest.mark.parametrize("args, option", [(["--items", "0"], "--items"), (["--items", "1" + "0" * 400], "--items"),
                                          (["--out", "x.png"], "--out"), (["--out", "no/such/dir/x.csv"], "--out")])
def test_cli_refuses_bad_input(args, option):
    assert_usage_error(run("simulate", "--seed", "1", *args), option)


def test_real_process_prints_csv():
    proc = run_subprocess("simulate", "--seed", "0", "--items", "10")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("model,family,params,task,metric,score,n_items,source\n")
