"""The H2 figures draw the numbers computed in the core and save png, svg and pdf."""

from __future__ import annotations

import numpy as np
import pytest

from emergence import metrics as m
from emergence.plotting import metric_figure, resolution_figure, save_figure, schaeffer_figure


@pytest.fixture(scope="module")
def data():
    report = m.analyse(m.latent_model(), m.Task(tokens=5), m.GPT3_SIZES, 100, 1)
    return m.figure_data(report, 2)


def _line(ax, label):
    return next(line for line in ax.get_lines() if line.get_label() == label)


def test_overview_panels(data):
    fig = metric_figure(data)
    ax_a, ax_b, ax_c, ax_d = fig.axes[:4]
    report = data.report
    b_em = report.sharpness["exact_match"].breakthroughness
    em = _line(ax_a, f"exact match, L = 5 tokens (B = {b_em:.3g})")
    np.testing.assert_allclose(em.get_ydata(), report.expected.scores["exact_match"], rtol=1e-12)
    np.testing.assert_allclose(em.get_xdata(), m.GPT3_SIZES)
    labels = [line.get_label() for line in ax_b.get_lines()]
    assert any(label.startswith("token accuracy (B = ") for label in labels)
    assert any("lower is better" in label for label in labels)
    edit = next(line for line in ax_b.get_lines() if line.get_label().startswith("edit distance / L"))
    np.testing.assert_allclose(edit.get_ydata(), report.expected.scores["token_edit_distance"] / 5, rtol=1e-12)
    assert ax_c.get_yscale() == "log" and ax_a.get_xscale() == "log"
    floor = [line for line in ax_c.get_lines() if line.get_label().startswith("1/n = 0.01")]
    assert floor and floor[0].get_ydata()[0] == 0.01
    l5 = _line(ax_d, "L = 5")
    slope = np.polyfit(np.log(l5.get_xdata()), l5.get_ydata(), 1)[0]
    assert slope == pytest.approx(-0.5, rel=1e-9)
    assert "illustrative" in fig.get_suptitle()


def test_schaeffer_replica(data):
    fig = schaeffer_figure(data)
    axes = fig.axes[:6]
    assert axes[0].get_yscale() == "log"
    (loss,) = [line for line in axes[0].get_lines()]
    np.testing.assert_allclose(loss.get_ydata(), (data.grid / 1e9) ** -0.5, rtol=1e-12)
    assert [line.get_label() for line in axes[2].get_lines()] == [f"L = {L}" for L in (1, 2, 3, 4, 5)]
    step = _line(axes[3], "σ = 0 (identical items)")
    assert set(np.unique(step.get_ydata())) <= {0.0, 0.25, 1.0}
    assert len(axes[5].get_lines()) == 4  # Brier for four item spreads


def test_resolution_panels(data):
    fig = resolution_figure(data)
    titles = [ax.get_title() for ax in fig.axes[:4]]
    assert titles == [f"n = {n} items" for n in (10, 100, 1000, 10000)]
    for ax, obs in zip(fig.axes[:4], data.resolution):
        floor = _line(ax, "1/n: smallest non-zero reading")
        assert floor.get_ydata()[0] == pytest.approx(1 / obs.items)
        assert ax.get_yscale() == "log"
    assert fig.legends  # one shared legend


@pytest.mark.parametrize("builder", [metric_figure, schaeffer_figure, resolution_figure])
@pytest.mark.parametrize(("suffix", "magic"), [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_saves_each_format(tmp_path, data, builder, suffix, magic):
    path = save_figure(builder(data), tmp_path / f"h2{suffix}")
    assert path.read_bytes().startswith(magic)


def test_chinese_figures(tmp_path, data, cjk_font, recwarn):
    for builder, text in ((metric_figure, "不同的指标"), (schaeffer_figure, "复现"), (resolution_figure, "分辨率")):
        fig = builder(data, lang="zh")
        assert text in fig.get_suptitle()
        save_figure(fig, tmp_path / f"{builder.__name__}.pdf")
        save_figure(fig, tmp_path / f"{builder.__name__}.png")
    assert not [w for w in recwarn if "missing from" in str(w.message)]  # no empty boxes
