"""The lesson (emergence.tour) and its figures (emergence.plotting.tour).

Expected values are derived here independently of the toolkit: exact fractions for the blog's
example, closed forms for the smooth model's exact match, the Zipf tail and the observers'
thresholds, brute force for the tolerances, the CSV module for the synthetic table, and the
commands each step names (run through the command line) for the numbers they must reproduce.
"""

from __future__ import annotations

import csv
import json
import math
import re
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from emergence import tour
from emergence._validate import ParameterError
from emergence.results import to_jsonable
from tests.clihelp import ROOT, run_json

KEYS = ("phenomenon", "decomposition", "chain_of_thought", "metric", "resolution", "bullet", "observers", "real_data",
        "conclusion")
GPT3 = ("125M", "350M", "760M", "1.3B", "2.7B", "6.7B", "13B", "175B")
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff]")


@pytest.fixture(scope="module")
def en() -> tour.Lesson:
    return tour.lesson("en")


@pytest.fixture(scope="module")
def zh() -> tour.Lesson:
    return tour.lesson("zh")


def percent(value: Fraction | float, sign: bool = False) -> str:
    """The blog's way, derived here: 100 x to 6 significant figures, trailing zeros dropped, a space and %."""
    text = f"{float(100 * value):.6g}"
    return ("+" if sign else "") + text + " %"


def table_rows(step: tour.Step, index: int = 0) -> list[tuple[str, ...]]:
    return list(step.tables[index].rows)


# --------------------------------------------------------------------------------------------
# structure


def test_steps_follow_the_blog_in_order(en, zh):
    assert tuple(s.key for s in en.steps) == KEYS == tour.STEP_KEYS
    assert tuple(s.key for s in zh.steps) == KEYS
    assert en.lang == "en" and zh.lang == "zh" and en.seed == tour.DEFAULT_SEED == 0
    for index, step in enumerate(en.steps, start=1):
        assert step.title and step.paragraphs and step.tables
        assert step.command == f"emergence tour --only {step.key} --out lesson"  # the figure, byte for byte
        assert step.details.startswith("emergence ") and "--plot 0" not in step.details  # the numbers in more depth
        assert tour.figure_name(index, step) == f"{index:02d}-{step.key.replace('_', '-')}.png"
        assert step.data is not None
        assert all(isinstance(v, float) for v in step.numbers.values())
        for table in step.tables:
            assert all(len(row) == len(table.columns) for row in table.rows)


def test_chinese_commands_draw_chinese_figures(en, zh):
    for a, b in zip(en.steps, zh.steps):
        assert b.command == a.command.replace(" --out", " --lang zh --out")
        assert b.details == a.details + " --lang zh"
        assert a.numbers == b.numbers  # the language changes words, never numbers


def test_step_alone_is_the_step_of_the_lesson(en):
    for key in ("phenomenon", "bullet", "real_data"):
        alone = tour.step(key)
        assert alone.to_dict() == en.step(key).to_dict()


def test_to_dict_leaves_the_figure_data_out_and_is_json(en):
    d = en.to_dict()
    assert [s["key"] for s in d["steps"]] == list(KEYS)
    assert all("data" not in s for s in d["steps"])
    assert set(d["steps"][0]) == {"key", "title", "paragraphs", "tables", "command", "details", "numbers"}
    json.dumps(to_jsonable(d), allow_nan=False)


def test_same_seed_same_lesson_other_seed_other_draws(en):
    again = tour.lesson("en", seed=0)
    assert again.to_dict() == en.to_dict()
    other = tour.lesson("en", seed=1)
    assert other.seed == 1
    assert other.step("metric").numbers != en.step("metric").numbers
    assert other.step("decomposition").numbers == en.step("decomposition").numbers  # nothing drawn there
    assert "--seed 1" in other.step("metric").command and "--seed 1" in other.step("metric").details


@pytest.mark.parametrize("bad", [{"lang": "fr"}, {"seed": -1}, {"seed": 1.5}, {"seed": True}])
def test_bad_arguments_are_refused(bad):
    with pytest.raises(ParameterError):
        tour.lesson(**bad)


def test_unknown_step_is_refused():
    with pytest.raises(ParameterError, match="step"):
        tour.step("epilogue")


# --------------------------------------------------------------------------------------------
# hypothesis 1: the blog's numbers, as exact fractions


def test_decomposition_gives_the_blog_numbers(en):
    step = en.step("decomposition")
    p, p_to, k = Fraction(2, 5), Fraction(3, 5), 5
    small, large = p**k, p_to**k
    assert small == Fraction(32, 3125) and large == Fraction(243, 3125)
    n = step.numbers
    assert n["success"] == pytest.approx(float(small), rel=1e-12)
    assert n["success_to"] == pytest.approx(float(large), rel=1e-12)
    assert n["task_ratio"] == pytest.approx(float(large / small), rel=1e-12) == 7.59375
    assert n["relative_gain_task"] == pytest.approx(float(large / small - 1), rel=1e-12)
    assert n["relative_gain_step"] == pytest.approx(float(p_to / p - 1), rel=1e-12)
    rows = table_rows(step)
    assert rows[0][1:] == (percent(p), percent(small)) == ("40 %", "1.024 %")
    assert rows[1][1:] == (percent(p_to), percent(large)) == ("60 %", "7.776 %")
    assert rows[2][1:] == (percent(p_to / p - 1, True), percent(large / small - 1, True)) == ("+50 %", "+659.375 %")
    text = " ".join(step.paragraphs)
    assert "1.024 %" in text and "7.776 %" in text and "659.375 %" in text and "7.59375" in text
    assert "660 %" in text  # the blog's rounding, derived from the exact gain


def test_more_steps_bigger_jump(en):
    rows = table_rows(en.step("decomposition"), 1)
    assert [r[0] for r in rows] == [str(k) for k in tour.GAIN_STEPS]
    for row, k in zip(rows, tour.GAIN_STEPS):
        gain = Fraction(3, 2) ** k - 1
        assert row[3] == percent(gain, True)
        assert en.step("decomposition").numbers[f"relative_gain_task_k{k}"] == pytest.approx(float(gain), rel=1e-12)
    assert rows[-1][3] == "+5666.5 %"


def test_chain_of_thought_table(en):
    step = en.step("chain_of_thought")
    rows = table_rows(step)
    assert [(r[1], r[2]) for r in rows] == [("20", "6"), ("18", "12"), ("7", "4"), ("45", "22")]
    assert [r[3] for r in rows] == ["30 %", "66.7 %", "57.1 %", "48.9 %"]
    n = step.numbers
    assert (n["errors_semantic"], n["fixed_semantic"]) == (20, 6)
    assert (n["errors_one_step_missing"], n["fixed_one_step_missing"]) == (18, 12)
    assert (n["errors_other"], n["fixed_other"]) == (7, 4)
    assert n["fix_rate_one_step_missing"] == pytest.approx(2 / 3, rel=1e-15)
    assert n["total"] == 45 and n["total_fixed"] == 22


# --------------------------------------------------------------------------------------------
# the phenomenon and hypothesis 2: the command each step names gives the same numbers


@pytest.fixture(scope="module")
def metric_command() -> dict:
    return run_json("metric", "--seed", "0")["results"]


def test_phenomenon_and_metric_are_what_emergence_metric_draws(en, metric_command):
    simulated = metric_command["simulated"]["scores"]
    phen, met = en.step("phenomenon"), en.step("metric")
    for i, size in enumerate(GPT3):
        assert phen.numbers[f"exact_match_{size}"] == simulated["exact_match"][i]
        assert met.numbers[f"exact_match_{size}"] == simulated["exact_match"][i]
        assert met.numbers[f"partial_credit_{size}"] == simulated["token_accuracy"][i]
    assert [r[0] for r in table_rows(phen)] == list(GPT3)
    successes = metric_command["simulated"]["exact_successes"]
    assert [r[1] for r in table_rows(phen)] == [f"{x}/100" for x in successes]


def test_same_answers_scored_twice(en):
    n = en.step("metric").numbers
    for size in GPT3:
        exact, partial = n[f"exact_match_{size}"], n[f"partial_credit_{size}"]
        assert exact <= partial  # an answer fully right has all its tokens right
        assert math.isclose(exact * 100, round(exact * 100), abs_tol=1e-9)  # x of 100 answers
        assert math.isclose(partial * 500, round(partial * 500), abs_tol=1e-9)  # y of 500 tokens
    partial = [n[f"partial_credit_{size}"] for size in GPT3]
    assert all(b > a for a, b in zip(partial, partial[1:]))  # partial credit climbs at every size
    assert n["largest_step_share_exact_match"] > 2 * n["largest_step_share_partial_credit"]


def test_phenomenon_reports_the_largest_jump(en):
    n = en.step("phenomenon").numbers
    exact = [n[f"exact_match_{s}"] for s in GPT3]
    steps = np.diff(exact)
    i = int(np.argmax(steps))
    assert (n["jump_from"], n["jump_to"]) == (exact[i], exact[i + 1])
    assert n["jump_share"] == pytest.approx(steps[i] / (max(exact) - min(exact)))
    assert n["zero_readings"] == next(j for j, v in enumerate(exact) if v > 0)


def test_resolution_against_closed_forms(en):
    step = en.step("resolution")
    n = step.numbers
    sizes = dict(zip(GPT3, (1.25e8, 3.5e8, 7.6e8, 1.3e9, 2.7e9, 6.7e9, 1.3e10, 1.75e11)))
    for name, size in sizes.items():
        truth = math.exp(-5 * (size / 1e9) ** -0.5)  # (exp(-(N/c)^alpha))^L, c = 1e9, alpha = -0.5, L = 5
        assert n[f"true_exact_match_{name}"] == pytest.approx(truth, rel=1e-12)
    a = n["true_at_last_zero"]
    assert n["zero_probability_at_last_zero"] == pytest.approx((1 - a) ** 100, rel=1e-10)
    assert n["zero_upper_bound"] == pytest.approx(1 - 0.05 ** (1 / 100), rel=1e-12)
    assert n["floor"] == 0.01
    smallest = n["true_exact_match_125M"]
    needed = math.ceil(math.log(0.05) / math.log1p(-smallest))
    assert n["items_needed_smallest"] == needed
    assert (1 - smallest) ** needed <= 0.05 < (1 - smallest) ** (needed - 1)
    assert f"{needed:,}" in " ".join(step.paragraphs)


# --------------------------------------------------------------------------------------------
# hypothesis 3


def test_bullet_ladder_and_smooth_error(en):
    step = en.step("bullet")
    n = step.numbers
    assert (n["params_shape"], n["params_position"], n["params_trajectory"]) == (3, 4, 6)
    zeta2 = math.pi**2 / 6

    def left_out(d: int) -> float:
        return 1 - float(sum(Fraction(1, j * j) for j in range(1, d + 1))) / zeta2

    for name, d in (("shape", 3), ("position", 4), ("trajectory", 6)):
        assert n[f"error_{name}"] == pytest.approx(left_out(d), rel=1e-12)
    for tau in (0.2, 0.1, 0.05):
        brute = next(d for d in range(1, 1000) if left_out(d) <= tau)
        assert n[f"params_for_tolerance_{tau:g}"] == brute
    assert [r[:2] for r in table_rows(step)] == [("shape", "3"), ("position", "4"), ("trajectory", "6")]
    # a throw in a vacuum is a quadratic: exactly 3 coefficients at every tolerance
    assert all(v == 3 for k, v in n.items() if k.startswith("vacuum_coefficients_"))
    drag = [v for k, v in n.items() if k.startswith("drag_coefficients_")]
    assert drag == sorted(drag) and drag[-1] > drag[0]


def test_observers_thresholds_closed_form(en):
    n = en.step("observers").numbers
    b = 2 * math.log(0.6 / 0.4)
    a = math.log(0.4 / 0.6) - 10 * b
    for tau in (0.5, 0.8, 0.9):
        x = (math.log(tau / (1 - tau)) - a) / b
        assert n[f"emerges_at_{tau:g}"] == pytest.approx(10**x, rel=1e-9)
    assert n["decades_between_thresholds"] == pytest.approx(math.log10(n["emerges_at_0.9"] / n["emerges_at_0.5"]))
    assert [r[1] for r in table_rows(en.step("observers"))] == ["31.6B", "1.62T", "16.2T"]


# --------------------------------------------------------------------------------------------
# the real-data step


def _curves_in_file() -> set[tuple[str, str, str]]:
    with (ROOT / "examples" / "synthetic_results.csv").open(newline="") as handle:
        return {(row["task"], row["metric"], row["family"]) for row in csv.DictReader(handle)}


def test_real_data_counts_match_emergence_analyze(en):
    step = en.step("real_data")
    result = run_json("analyze", str(ROOT / "examples" / "synthetic_results.csv"), "--seed", "0")["results"]
    verdicts = [c["verdict"] for c in result["curves"]]
    n = step.numbers
    assert n["curves"] == len(_curves_in_file()) == len(verdicts)
    for v in ("explained", "unexplained", "undetermined", "smooth"):
        assert n[v] == verdicts.count(v)
    assert n["sharp"] == sum(c["shape"]["sharp"] for c in result["curves"])
    sharp_rows = table_rows(step, 1)
    assert len(sharp_rows) == n["sharp"]
    from emergence.i18n.tour import plain

    in_words = {(plain("task", t, "en"), plain("metric", m, "en"), f) for t, m, f in _curves_in_file()}
    assert {(r[0], r[1], r[2]) for r in sharp_rows} <= in_words


def test_real_data_says_the_table_is_synthetic(en, zh):
    assert "SYNTHETIC" in en.step("real_data").paragraphs[0]
    assert "合成" in zh.step("real_data").paragraphs[0]
    assert "emergence simulate" in en.step("real_data").paragraphs[0]


def test_real_data_figure_is_what_its_command_analyses(en):
    step = en.step("real_data")
    shown, other = step.data
    assert shown.curve.metric == "exact_match" and "metric" in shown.explained_by
    assert other.curve.task == shown.curve.task and other.curve.family == shown.curve.family
    assert f"--task {shown.curve.task} --family {shown.curve.family}" in step.details
    args = step.details.split()[1:]
    assert args[1] == str(tour.DATA_FILE) and Path(args[1]).is_absolute()  # runs from any directory
    result = run_json(*args)["results"]["curves"]
    by_label = {c["label"]: c for c in result}
    for analysed in (shown, other):
        got = by_label[analysed.curve.label]
        assert got["verdict"] == analysed.verdict
        assert np.allclose(got["band"]["low"], analysed.band.low) and np.allclose(got["band"]["high"], analysed.band.high)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_real_data_speaks_plain_words_not_column_names(lang, en, zh):
    step = (en if lang == "en" else zh).step("real_data")
    text = " ".join(step.paragraphs) + " ".join(" ".join(row) for t in step.tables for row in t.rows)
    for internal in ("chain_4", "digits_5", "exact_match", "steps_right", "token_accuracy"):
        assert internal not in text
    assert ("4-step task" if lang == "en" else "4 步的任务") in text
    assert ("share of steps right" if lang == "en" else "答对的步骤比例") in step.paragraphs[-1]


def test_a_name_without_plain_words_is_shown_as_written():
    from emergence.i18n.tour import plain

    assert plain("task", "chain_4", "en") == "4-step task" and plain("task", "my_task", "zh") == "my_task"


def test_overview_verdicts_do_not_depend_on_the_resamples():
    path = ROOT / "examples" / "synthetic_results.csv"
    few = tour._analyse(path, 0, overview=True)
    full = tour._analyse(path, 0)
    assert [(a.curve.label, a.verdict, a.explained_by) for a in few] == [(a.curve.label, a.verdict, a.explained_by) for a in full]


def test_a_table_of_ones_own(tmp_path):
    rows = ["model,family,params,task,metric,score"]
    for i, size in enumerate((1e8, 3e8, 1e9, 3e9, 1e10, 3e10)):
        rows.append(f"m{i},mine,{size:g},sums,exact_match,{[0, 0, 0, 0.02, 0.3, 0.7][i]}")
        rows.append(f"m{i},mine,{size:g},sums,token_accuracy,{[0.1, 0.2, 0.32, 0.45, 0.6, 0.8][i]}")
    table = tmp_path / "mine.csv"
    table.write_text("\n".join(rows) + "\n")
    step = tour.step("real_data", data_file=table)
    assert "SYNTHETIC" not in step.paragraphs[0] and str(table) in step.paragraphs[0]
    assert step.numbers["curves"] == 2
    assert step.details.startswith(f"emergence analyze {table} --seed 0 --task sums --family mine")
    assert [a.curve.metric for a in step.data] == ["exact_match", "token_accuracy"]


def test_a_table_with_nothing_to_analyse_gives_a_step_without_figure(tmp_path):
    from emergence.plotting.tour import step_figure

    table = tmp_path / "one_size.csv"
    table.write_text("model,family,params,task,metric,score\nm0,mine,1e9,sums,exact_match,0.5\n")
    step = tour.step("real_data", data_file=table)
    assert step.numbers["curves"] == 0 and step.data is None
    assert step_figure(step, "en") is None
    assert "--task" not in step.details and step.command == "emergence tour --only real_data"  # no figure: no --out


def test_the_table_is_simulated_again_when_the_checkout_copy_is_missing(monkeypatch, en):
    monkeypatch.setattr(tour, "DATA_FILE", ROOT / "no-such-dir" / "synthetic_results.csv")
    step = tour.step("real_data")
    assert step.details.startswith("emergence simulate --seed 0 --out synthetic_results.csv && emergence analyze")
    assert step.numbers == en.step("real_data").numbers


# --------------------------------------------------------------------------------------------
# the words


ALLOWED = ("Emergent Abilities of Large Language Models", "Chain-of-Thought Prompting Elicits Reasoning in Large Language Models",
           "Clopper-Pearson", "BIG-bench", "GPT-3", "GSM8K", "PaLM", "Wei", "Srivastava", "Schaeffer", "Miranda", "Koyejo",
           "Zhao", "ChatGPT", "DeepSeek")


def _all_text(step: tour.Step) -> list[str]:
    texts = [step.title, *step.paragraphs]
    for table in step.tables:
        texts += [table.title, *table.columns, *(cell for row in table.rows for cell in row)]
        if table.caption:
            texts.append(table.caption)
    return texts


def test_chinese_lesson_has_no_english_left(zh):
    names = {a.curve.task for a in zh.step("real_data").data} | {a.curve.metric for a in zh.step("real_data").data}
    names |= {cell for table in zh.step("real_data").tables[1:] for row in table.rows for cell in row[:3]}
    for step in zh.steps:
        for text in _all_text(step):
            text = re.sub(r"emergence(?: [-\w./=]+)+", "", text)  # commands
            text = re.sub(r"[\w/.-]+\.csv", "", text)
            for name in sorted(ALLOWED + tuple(names) + ("gamma", "beta", "alpha"), key=len, reverse=True):
                text = text.replace(name, "")
            assert not re.search(r"[A-Za-z]{2,}", text), (step.key, text)
        assert CJK.search(step.title) and all(CJK.search(p) for p in step.paragraphs)


def test_english_lesson_has_no_chinese(en):
    for step in en.steps:
        for text in _all_text(step):
            assert not CJK.search(text), (step.key, text)


def test_sizes_and_percentages_in_plain_words(en):
    assert [r[0] for r in table_rows(en.step("metric"))] == list(GPT3)
    for step in en.steps:
        for text in _all_text(step):
            assert not re.search(r"\d[eE][+-]?\d", text), (step.key, text)  # no e-notation anywhere


def test_number_formats():
    assert tour.percent(0.4**5) == "1.024 %" and tour.percent(0.6**5) == "7.776 %"
    assert tour.percent(-0.25) == "-25 %" and tour.percent(-0.0) == "0 %" and tour.percent(2e-8, 3) == "0.000002 %"
    assert tour.percent(0.0) == "0 %" and tour.percent(math.nan) == "—"
    assert tour.percent_at_least(1e-9) == "< 0.0001 %" and tour.percent_at_least(0.25) == "25 %"
    assert tour.percent_at_least(1 - 1e-5) == "> 99.9 %" and tour.percent_at_least(1.0) == "100 %"
    assert tour.count(4152928.0) == "4,152,928" and tour.count(math.inf) == "∞" and tour.count(-math.inf) == "—"
    assert tour.number(7.593749999999994) == "7.59375" and tour.number(math.inf) == "∞" and tour.number(math.nan) == "—"


# --------------------------------------------------------------------------------------------
# figures


@pytest.fixture(scope="module")
def figures(en):
    from emergence.plotting.tour import step_figure

    return {kind: {s.key: step_figure(s, "en", style=kind) for s in en.steps} for kind in ("paper", "slide")}


def _texts(fig) -> list:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    FigureCanvasAgg(fig).draw()  # ticks and layout as they are drawn
    found = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    for ax in fig.axes:
        found += [t for t in ax.get_xticklabels() + ax.get_yticklabels() if t.get_visible() and t.get_text().strip()]
    return found


def test_every_step_has_a_figure_of_one_or_two_panels(en, figures):
    from emergence.i18n.tour import T

    for kind in ("paper", "slide"):
        for step in en.steps:
            fig = figures[kind][step.key]
            assert fig is not None
            panels = [ax for ax in fig.axes if ax.get_subplotspec() is not None and ax.get_label() != "twinx"]
            assert 1 <= len({ax.get_subplotspec().get_geometry() for ax in panels}) <= 2
            assert fig.get_suptitle().replace("\n", " ") == T(tour.TITLES[step.key], "en")
            assert not any(re.match(r"\([a-f]\)", ax.get_title()) for ax in fig.axes)


def test_slides_are_1280_by_720_with_text_at_least_18_px(figures):
    for fig in figures["slide"].values():
        assert (fig.get_figwidth() * fig.dpi, fig.get_figheight() * fig.dpi) == pytest.approx((1280, 720))
        smallest = min(t.get_fontsize() for t in _texts(fig))
        assert smallest * fig.dpi / 72 >= 18, smallest


def test_four_by_three_slides(en):
    from emergence.plotting.tour import step_figure

    for key in ("decomposition", "observers"):
        fig = step_figure(en.step(key), "en", style="slide", aspect="4:3")
        assert (fig.get_figwidth() * fig.dpi, fig.get_figheight() * fig.dpi) == pytest.approx((1024, 768))
        assert min(t.get_fontsize() for t in _texts(fig)) * fig.dpi / 72 >= 18


def test_phenomenon_draws_the_readings(en, figures):
    for kind in ("paper", "slide"):
        ax = figures[kind]["phenomenon"].axes[0]
        (line,) = ax.get_lines()
        n = en.step("phenomenon").numbers
        assert np.allclose(line.get_ydata(), [100 * n[f"exact_match_{s}"] for s in GPT3])
        assert ax.get_xscale() == "log"
        assert [t.get_text() for t in ax.get_xticklabels()] == list(GPT3)
        assert [t.get_text() for t in ax.texts] == [f"{100 * n[f'exact_match_{s}']:.0f} %" for s in GPT3]


def test_metric_draws_both_scores_of_the_same_answers(en, figures):
    ax = figures["slide"]["metric"].axes[0]
    n = en.step("metric").numbers
    partial, exact = ax.get_lines()
    assert np.allclose(partial.get_ydata(), [100 * n[f"partial_credit_{s}"] for s in GPT3])
    assert np.allclose(exact.get_ydata(), [100 * n[f"exact_match_{s}"] for s in GPT3])
    assert partial.get_linestyle() != exact.get_linestyle() and partial.get_marker() != exact.get_marker()
    assert [t.get_text() for t in ax.texts] == ["partial credit", "exact match"]  # labels on the curves
    assert ax.get_legend() is None


def test_resolution_reads_100_and_10000_questions(figures):
    titles = [ax.get_title() for ax in figures["paper"]["resolution"].axes]
    assert any("100 " in t for t in titles) and any("10000" in t for t in titles)
    assert all(ax.get_yscale() == "log" for ax in figures["paper"]["resolution"].axes)
    assert len(figures["slide"]["resolution"].legends) == 1  # one legend for the two panels, under them


def test_slide_legends_stand_below_the_panels(figures):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = figures["slide"]["observers"]
    FigureCanvasAgg(fig).draw()
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is not None:
            assert legend.get_window_extent().y1 < ax.get_window_extent().y0  # entirely under the axes


def test_real_data_and_conclusion_panels(en, figures):
    fig = figures["paper"]["real_data"]
    titles = [ax.get_title() for ax in fig.axes]
    assert len(titles) == len(en.step("real_data").data)
    for title, analysis in zip(titles, en.step("real_data").data):
        assert analysis.curve.family in title and "_" not in title  # plain words, no column names

@pytest.mark.parametrize("kind", ["paper", "slide"])
def test_conclusion_draws_the_same_curves_on_a_linear_and_a_real_log_axis(en, figures, kind):
    linear, log = figures[kind]["conclusion"].axes[:2]
    assert linear.get_yscale() == "linear" and log.get_yscale() == "log"
    assert linear.get_xlim() == log.get_xlim()  # the same sizes on both panels
    sweep = en.step("conclusion").data.sweep
    ks = sweep.steps
    for i, (a, b) in enumerate(zip(linear.get_lines()[:len(ks)], log.get_lines()[:len(ks)])):
        n = np.asarray(a.get_xdata())
        assert np.array_equal(n, b.get_xdata()) and np.array_equal(n, sweep.sizes[sweep.p >= 0.2])
        p = sweep.p[sweep.p >= 0.2]
        # P = p^k drawn: in % on the left, as a fraction on the log axis, > 0 everywhere (finite log)
        assert np.allclose(b.get_ydata(), p ** ks[i]) and np.allclose(a.get_ydata(), 100 * p ** ks[i])
        assert np.all(np.asarray(b.get_ydata()) > 0)
        assert np.all(np.diff(np.log10(b.get_ydata())) > 0)  # rising all along, no plunge
    assert log.get_ylim()[0] > 0 and "log" in log.get_ylabel() and "Log" in log.get_title()


@pytest.mark.cjk
def test_chinese_figures_speak_chinese(zh, cjk_font):
    from emergence.plotting.tour import step_figure

    for step in zh.steps:
        fig = step_figure(step, "zh", style="slide")
        assert CJK.search(fig.get_suptitle())
        assert any(CJK.search(t.get_text()) for ax in fig.axes for t in (ax.xaxis.label, ax.yaxis.label, ax.title))


def test_figures_are_byte_identical(en):
    from emergence.plotting import figure_bytes
    from emergence.plotting.tour import step_figure

    again = tour.lesson("en")
    for key in ("phenomenon", "resolution", "real_data"):
        first = figure_bytes(step_figure(en.step(key), "en", style="slide"), "png")
        second = figure_bytes(step_figure(again.step(key), "en", style="slide"), "png")
        assert first == second


def test_figure_refusals(en):
    from dataclasses import replace

    from emergence.plotting.tour import step_figure

    with pytest.raises(ValueError, match="style"):
        step_figure(en.step("metric"), "en", style="poster")
    assert step_figure(replace(en.step("metric"), data=None), "en") is None
    assert step_figure(replace(en.step("metric"), key="epilogue"), "en") is None


def test_wrapping_titles_to_the_panel():
    from matplotlib.figure import Figure

    from emergence.plotting.tour import wrap_to

    fig = Figure(dpi=100)
    assert wrap_to("short", 500, 14, fig) == "short"
    long = "a title much too long for the panel it stands on top of, by far"
    wrapped = wrap_to(long, 200, 14, fig)
    assert wrapped.replace("\n", " ") == long and wrapped.count("\n") >= 2
    for width in (330, 300, 360, 380):  # "s = 2" stays whole wherever the line breaks
        lines = wrap_to("a long panel title that ends with a value, s = 2", width, 14, fig).split("\n")
        assert any(line.endswith("s = 2") for line in lines) and len(lines) > 1
    from emergence.plotting._common import find_cjk_font, style

    if find_cjk_font() is not None:
        with style("zh", "slide"):
            chinese = wrap_to("一二三四五六七八九十，一二三四五六七八九十", 60, 14, fig)
        assert "\n，" not in chinese and chinese.replace("\n", "") == "一二三四五六七八九十，一二三四五六七八九十"
