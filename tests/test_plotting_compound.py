"""The H1 figure reads the curves it is given and saves png, svg and pdf."""

from __future__ import annotations

import os

import numpy as np
import pytest

from emergence.compound import Chain, chain, curves
from emergence.plotting import compound_figure, save_figure
from emergence.scaling import ScaleMap


@pytest.fixture(scope="module")
def blog_curves():
    return curves(chain(0.4, 5), ScaleMap("linear_log"), p_to=0.6)


def test_panels_draw_the_computed_curves(blog_curves):
    fig = compound_figure(blog_curves)
    ax_a, ax_b, ax_c, ax_d, ax_e, ax_f = fig.axes[:6]
    k5 = next(line for line in ax_a.get_lines() if line.get_label() == "k = 5")
    np.testing.assert_allclose(k5.get_ydata(), blog_curves.p_grid**5, rtol=1e-12, atol=1e-300)
    marks = [line for line in ax_a.get_lines() if line.get_marker() == "o"]
    assert [m.get_ydata()[0] for m in marks] == pytest.approx([0.4**5, 0.6**5], rel=1e-12)
    assert ax_d.get_yscale() == "log"
    assert len(ax_f.patches) == 6  # P(C = 0..5)
    assert "Multi-step" in fig.get_suptitle()


def test_without_p_to_panel_d_shows_decay_with_k():
    c = curves(Chain((0.9, 0.8, 0.7), 3), ScaleMap("schaeffer"))
    assert c.relative_gain is None
    fig = compound_figure(c)
    (line,) = fig.axes[3].get_lines()
    # one step at the shared p that matches 0.9 x 0.8 x 0.7 over three steps: (0.504)^(1/3)
    assert line.get_ydata()[0] == pytest.approx(0.504 ** (1 / 3), rel=1e-9)


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_saves_each_format(tmp_path, blog_curves, suffix, magic):
    path = save_figure(compound_figure(blog_curves), tmp_path / f"h1{suffix}")
    assert path.read_bytes().startswith(magic)
    assert [p.name for p in tmp_path.iterdir()] == [f"h1{suffix}"]
    umask = os.umask(0o022)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # an ordinary new file, not a private temp file


def test_same_figure_same_bytes(tmp_path, blog_curves):
    a = save_figure(compound_figure(blog_curves), tmp_path / "a.svg").read_bytes()
    b = save_figure(compound_figure(blog_curves), tmp_path / "b.svg").read_bytes()
    assert a == b


def test_chinese_labels(tmp_path, blog_curves, cjk_font, recwarn):
    fig = compound_figure(blog_curves, lang="zh")
    assert "多步任务" in fig.get_suptitle()
    save_figure(fig, tmp_path / "zh.pdf")
    save_figure(fig, tmp_path / "zh.png")
    assert (tmp_path / "zh.pdf").stat().st_size > 1000
    assert not [w for w in recwarn if "Glyph" in str(w.message)]


def test_chinese_without_a_font_falls_back_to_english(monkeypatch, capsys, blog_curves):
    import emergence.plotting._common as common

    monkeypatch.setattr(common, "find_cjk_font", lambda: None)
    monkeypatch.setattr(common, "_warned", set())
    fig = compound_figure(blog_curves, lang="zh")
    assert "Multi-step" in fig.get_suptitle()
    assert "fonts-wqy-microhei" in capsys.readouterr().err


def test_cot_figure_draws_the_table(tmp_path):
    from emergence.evidence import cot_errors
    from emergence.plotting import cot_figure

    fig = cot_figure(cot_errors())
    widths = sorted(p.get_width() for p in fig.axes[0].patches)
    assert widths == sorted([20, 18, 7, 6, 12, 4])
    assert any("12/18" in t.get_text() for t in fig.axes[0].texts)
    assert save_figure(fig, tmp_path / "cot.svg").stat().st_size > 1000


def test_cot_figure_in_chinese(cjk_font):
    from emergence.evidence import cot_errors
    from emergence.plotting import cot_figure

    fig = cot_figure(cot_errors(), lang="zh")
    assert "缺一步" in fig.get_suptitle()
