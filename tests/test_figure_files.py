"""Figure files, tested once for every command: format by extension, identical bytes, Chinese in every format.

The command modules test what their figures draw; this module tests what ``save_figure`` and
``figure_bytes`` make of any figure.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

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


# Figures whose bytes must not depend on the process that draws them: Chinese text (a font added
# from fontconfig, subset into the file), slides in both aspects, many panels, log axes.
REPRODUCED = """
import hashlib, json, sys
import numpy as np
from emergence.compound import chain, curves
from emergence.scaling import ScaleMap
from emergence import metrics as m
from emergence.thresholds import composition
from emergence.plotting import compound_figure, composition_figure, figure_bytes, find_cjk_font, metric_figure

zh = "zh" if find_cjk_font() else "en"
c = curves(chain(0.4, 5), ScaleMap("linear_log"), p_to=0.6)
d = m.figure_data(m.analyse(m.latent_model(), m.Task(tokens=5), m.GPT3_SIZES, 100, 1), 2)
figures = {
    "compound-slide-zh": lambda: compound_figure(c, zh, style="slide"),
    "composition-slide-4:3-en": lambda: composition_figure(composition.curves(), "en", style="slide", aspect="4:3"),
    "metric-paper-zh": lambda: metric_figure(d, zh),
}
print(json.dumps({f"{name}.{fmt}": hashlib.sha256(figure_bytes(build(), fmt)).hexdigest()
                  for name, build in figures.items() for fmt in ("png", "svg", "pdf")}))
"""


def _digests_here() -> dict[str, str]:
    namespace: dict = {}
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(REPRODUCED, namespace)  # the same script, in this process
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def digests() -> list[dict[str, str]]:
    """The figures' digests from two separate processes (different hash seeds) and twice from this one."""
    root = Path(__file__).resolve().parents[1]
    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "MPLBACKEND": "Agg"}
        done = subprocess.run([sys.executable, "-c", REPRODUCED], cwd=root, env=env, capture_output=True, text=True, timeout=300,
                              check=True)
        runs.append(json.loads(done.stdout))
    return runs + [_digests_here(), _digests_here()]


@pytest.mark.slow
@pytest.mark.parametrize("fmt", sorted(MAGIC))
def test_identical_bytes_in_one_process_and_across_processes(digests, fmt):
    keys = sorted(k for k in digests[0] if k.endswith(f".{fmt}"))
    assert len(keys) == 3
    for run in digests[1:]:
        assert {k: run[k] for k in keys} == {k: digests[0][k] for k in keys}


@pytest.mark.parametrize("fmt", sorted(MAGIC))
def test_files_carry_no_date_or_tool_version(fmt):
    import matplotlib

    data = figure_bytes(_figure("en"), fmt)
    assert matplotlib.__version__.encode() not in data
    for stamp in (b"CreationDate", b"ModDate", b"<dc:date>", b"Software", b"tEXt"):
        assert stamp not in data, stamp
    assert hashlib.sha256(data).hexdigest() == hashlib.sha256(figure_bytes(_figure("en"), fmt)).hexdigest()
