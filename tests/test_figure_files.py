"""Figure files, tested once for every command: format by extension, identical bytes, Chinese in every format.

The command modules test what their figures draw; this module tests what ``save_figure`` and
``figure_bytes`` make of any figure.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from emergence.plotting import _common, figure_bytes, save_figure

MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "svg": b"<?xml", "pdf": b"%PDF-"}


def _figure(lang: str):
    with _common.style(lang) as used:
        fig, axes = _common.new_figure(1, 1, width=4, height=3)
        ax = axes[0, 0]
        ax.plot([1, 2, 3], [0.1, 0.4, 0.9])
        ax.set_title("涌现：成功率" if used == "zh" else "emergence: success")
    return fig


@pytest.mark.parametrize("fmt", sorted(MAGIC))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_format_by_extension_with_identical_bytes(tmp_path, fmt, lang, request):
    if lang == "zh":
        request.getfixturevalue("cjk_font")
    path = save_figure(_figure(lang), tmp_path / f"a.{fmt}")
    first = path.read_bytes()
    assert first.startswith(MAGIC[fmt])
    assert save_figure(_figure(lang), tmp_path / f"b.{fmt}").read_bytes() == first
    assert figure_bytes(_figure(lang), fmt) == first
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"a.{fmt}", f"b.{fmt}"]  # no temporary left


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="png, svg or pdf"):
        figure_bytes(_figure("en"), "jpg")


def test_chinese_pdf_renders_back_to_an_image_with_ink(tmp_path, cjk_font):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed (apt-get install poppler-utils)")
    pdf = save_figure(_figure("zh"), tmp_path / "zh.pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(tmp_path / "page")], check=True, timeout=60,
                   capture_output=True)
    page = next(tmp_path.glob("page*.png"))
    from matplotlib.image import imread

    pixels = imread(page)
    assert pixels.shape[0] > 50
    assert (pixels[..., :3] < 0.5).any()  # dark strokes: the text and line were drawn


def test_chinese_text_in_an_english_figure_gets_the_cjk_font(cjk_font):
    with _common.style("en"):
        fig, axes = _common.new_figure(1, 1, width=3, height=2)
        ax = axes[0, 0]
        ax.set_title("ladder 梯子")
        ax.plot([1, 2], [1, 2])
    figure_bytes(fig, "png")  # warnings are errors here: no "Glyph missing"
    assert cjk_font in ax.title.get_fontfamily()
    assert cjk_font not in ax.xaxis.get_ticklabels()[0].get_fontfamily()  # ASCII text keeps the plain font
