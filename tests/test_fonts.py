"""Chinese fonts that just work: found without a fresh matplotlib cache, named by ``EMERGENCE_FONT``
(a family or a file), embedded in a PDF that a viewer draws, and reported for ``emergence doctor``.

The stale cache is simulated by removing the Chinese fonts from (a copy of) matplotlib's font
list; a CFF-flavoured font, the kind matplotlib cannot embed as Type 42, is built here with
fontTools. PDFs are rendered back to pixels with poppler's ``pdftoppm``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from emergence.plotting import _common as common
from emergence.plotting import save_figure


def fontconfig_chinese() -> list[tuple[str, int, str]]:
    """(file, face index, first family name) of each font fontconfig lists for Chinese."""
    if shutil.which("fc-list") is None:
        return []
    out = subprocess.run(["fc-list", "--format", "%{file}\t%{index}\t%{family[0]}\n", ":lang=zh"], capture_output=True,
                         text=True, timeout=30, check=False).stdout
    rows = [line.split("\t") for line in out.splitlines() if line.count("\t") == 2]
    return sorted((f, int(i), name) for f, i, name in rows if f.lower().endswith((".ttf", ".ttc", ".otf")))


@pytest.fixture
def fresh(monkeypatch):
    """No font decision remembered, no EMERGENCE_FONT; both restored afterwards."""
    monkeypatch.delenv("EMERGENCE_FONT", raising=False)
    monkeypatch.setattr(common, "_warned", set())
    common._forget_fonts()
    yield
    common._forget_fonts()


@pytest.fixture
def stale_cache(fresh, monkeypatch):
    """matplotlib's font list as it was before the Chinese fonts were installed."""
    from matplotlib import font_manager

    chinese = fontconfig_chinese()
    if not chinese:
        pytest.skip("fontconfig lists no Chinese font (apt-get install fonts-wqy-microhei)")
    files = {f for f, _, _ in chinese}
    before = [e for e in font_manager.fontManager.ttflist if e.fname not in files and e.name not in common.CJK_FAMILIES]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", before)
    assert not [e for e in font_manager.fontManager.ttflist if e.fname in files]
    return chinese


def cff_font(path: Path, chars: str = "中的涌现成功率", family: str = "Emergence Test CFF") -> Path:
    """A tiny OpenType font with CFF outlines: every glyph of ``chars`` is a filled square."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    names = [".notdef", "space"] + [f"uni{ord(c):04X}" for c in chars]
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({32: "space", **{ord(c): f"uni{ord(c):04X}" for c in chars}})
    strings = {}
    for name in names:
        pen = T2CharStringPen(500 if name == "space" else 1000, None)
        if name != "space":
            pen.moveTo((80, -60))
            pen.lineTo((920, -60))
            pen.lineTo((920, 780))
            pen.lineTo((80, 780))
            pen.closePath()
        strings[name] = pen.getCharString()
    ps_name = family.replace(" ", "")
    builder.setupCFF(ps_name, {"FullName": family}, strings, {})
    builder.setupHorizontalMetrics({n: (500 if n == "space" else 1000, 80) for n in names})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": family, "styleName": "Regular", "psName": ps_name})
    builder.setupOS2(sTypoAscender=880, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    builder.save(str(path))
    return path


@pytest.mark.cjk
def test_a_font_installed_after_the_cache_was_built_is_found(stale_cache):
    from matplotlib import font_manager

    assert common.find_cjk_font() is not None
    choice = common.cjk_font()
    assert choice.found_by == "fontconfig"
    assert choice.file in {f for f, _, _ in stale_cache}
    assert choice.family in {e.name for e in font_manager.fontManager.ttflist}  # matplotlib can draw with it now
    with common.style("zh") as used:
        assert used == "zh"


@pytest.mark.cjk
def test_without_fontconfig_or_cache_english_labels_and_an_install_hint(stale_cache, monkeypatch, capsys):
    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name: None if name == "fc-list" else real_which(name))
    assert common.cjk_font() is None
    report = common.font_report()
    assert report["cjk_family"] is None and report["found_by"] is None and report["install_hint"]
    with common.style("zh") as used:
        assert used == "en"
    with common.style("zh"):
        pass
    assert capsys.readouterr().err.count("no Chinese font found") == 1


@pytest.mark.cjk
def test_emergence_font_names_a_family_matplotlib_does_not_know(stale_cache, monkeypatch):
    path, index, family = stale_cache[0]
    monkeypatch.setenv("EMERGENCE_FONT", family)
    choice = common.cjk_font()
    assert (choice.file, choice.found_by) == (path, "env")
    from matplotlib import font_manager

    faces = {(e.fname, getattr(e, "index", 0)): e.name for e in font_manager.fontManager.ttflist}
    assert faces[(path, index)] == choice.family


@pytest.mark.cjk
def test_emergence_font_by_a_chinese_name(stale_cache, monkeypatch):
    if not any(name.startswith("WenQuanYi Micro Hei") for _, _, name in stale_cache):
        pytest.skip("WenQuanYi Micro Hei is not installed")
    monkeypatch.setenv("EMERGENCE_FONT", "文泉驿等宽微米黑")  # the Mono face, by its simplified Chinese name
    assert common.cjk_font().family == "WenQuanYi Micro Hei Mono"
    common._forget_fonts()
    monkeypatch.setenv("EMERGENCE_FONT", "wenquanyi micro hei")  # case does not matter
    assert common.cjk_font().family == "WenQuanYi Micro Hei"


def test_emergence_font_as_a_file(fresh, monkeypatch, tmp_path):
    monkeypatch.setenv("EMERGENCE_FONT", str(cff_font(tmp_path / "test.otf")))
    choice = common.cjk_font()
    assert choice == common.FontChoice("Emergence Test CFF", str(tmp_path / "test.otf"), "env", "CFF")


def test_an_unknown_emergence_font_is_one_note_and_the_search_goes_on(fresh, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("EMERGENCE_FONT", "No Such Font Family 7")
    first = common.find_cjk_font()
    assert common.find_cjk_font() == first
    err = capsys.readouterr().err
    assert err.count("EMERGENCE_FONT='No Such Font Family 7' is neither a font file nor an installed font family") == 1
    assert common.font_report()["emergence_font_refused"] == "is neither a font file nor an installed font family"
    not_a_font = tmp_path / "notes.txt"
    not_a_font.write_text("not a font")
    monkeypatch.setenv("EMERGENCE_FONT", str(not_a_font))
    monkeypatch.setattr(common, "_warned", set())
    common.find_cjk_font()
    assert f"EMERGENCE_FONT={str(not_a_font)!r} is not a font file (" in capsys.readouterr().err
    assert common.env_font_refusal().startswith("is not a font file (")


def _dejavu() -> str:
    from matplotlib import font_manager

    return str(font_manager.findfont("DejaVu Sans", fallback_to_default=False))


def test_has_chinese_reads_the_character_map(tmp_path):
    assert common._has_chinese(str(cff_font(tmp_path / "zh.otf")))
    assert not common._has_chinese(str(cff_font(tmp_path / "latin.otf", chars="abc", family="Latin CFF")))
    assert not common._has_chinese(str(cff_font(tmp_path / "half.otf", chars="中", family="Half CFF")))  # no 的
    assert not common._has_chinese(_dejavu())
    (tmp_path / "x.ttf").write_bytes(b"nothing")
    assert not common._has_chinese(str(tmp_path / "x.ttf"))
    for path, index, _ in fontconfig_chinese():
        assert common._has_chinese(path, index)


@pytest.mark.parametrize("value", ["DejaVu Sans", "dejavu sans", "FILE"])
def test_an_emergence_font_without_chinese_glyphs_is_not_used(fresh, monkeypatch, capsys, value):
    value = _dejavu() if value == "FILE" else value
    monkeypatch.setenv("EMERGENCE_FONT", value)
    choice = common.cjk_font()
    assert choice is None or (choice.family != "DejaVu Sans" and choice.found_by != "env")
    assert common.cjk_font() == choice  # decided once
    err = capsys.readouterr().err
    assert err.count("note: ") == 1 and f"EMERGENCE_FONT={value!r} has no Chinese glyphs" in err
    assert (f"using {choice.family} instead" if choice else "no other Chinese font found either") in err
    assert common.env_font_refusal().startswith("has no Chinese glyphs")
    assert common.font_report()["emergence_font_refused"].startswith("has no Chinese glyphs")
    with common.style("zh") as used:  # a figure gets Chinese only with a font that draws it
        assert used == ("zh" if choice else "en")


def test_an_emergence_font_file_without_chinese_glyphs_falls_back(fresh, monkeypatch, capsys, tmp_path):
    latin = cff_font(tmp_path / "latin.otf", chars="abc", family="Latin CFF")
    monkeypatch.setenv("EMERGENCE_FONT", str(latin))
    choice = common.cjk_font()
    assert choice is None or choice.family != "Latin CFF"
    assert f"EMERGENCE_FONT={str(latin)!r} has no Chinese glyphs (font Latin CFF)" in capsys.readouterr().err


@pytest.mark.cjk
def test_a_chinese_emergence_font_is_used_without_a_note(fresh, monkeypatch, capsys):
    path, _, family = fontconfig_chinese()[0] if fontconfig_chinese() else pytest.skip("no Chinese font")
    monkeypatch.setenv("EMERGENCE_FONT", family)
    assert common.cjk_font().found_by == "env"
    assert common.env_font_refusal() is None and common.font_report()["emergence_font_refused"] is None
    assert capsys.readouterr().err == ""


def test_without_emergence_font_there_is_no_refusal(fresh):
    assert common.env_font_refusal() is None


def test_outlines_are_read_from_the_font_file(tmp_path):
    assert common._outlines(str(cff_font(tmp_path / "c.otf"))) == "CFF"
    from matplotlib import font_manager

    assert common._outlines(font_manager.findfont("DejaVu Sans")) == "TrueType"
    (tmp_path / "x.ttf").write_bytes(b"nothing")
    assert common._outlines(str(tmp_path / "x.ttf")) is None
    for path, index, _ in fontconfig_chinese():
        if path.endswith("wqy-microhei.ttc"):
            assert common._outlines(path, index) == "TrueType"  # a collection of TrueType faces: embeds as Type 42


@pytest.mark.cjk
def test_font_report_for_doctor(fresh, cjk_font):
    report = common.font_report()
    assert set(report) == {"backend", "matplotlib", "freetype", "fontconfig", "emergence_font", "emergence_font_refused",
                           "cjk_family", "cjk_file", "cjk_outlines", "found_by", "pdf_fonttype", "install_hint"}
    import matplotlib

    assert report["matplotlib"] == matplotlib.__version__
    assert report["cjk_family"] == cjk_font and Path(report["cjk_file"]).is_file()
    assert report["found_by"] in {"env", "cache", "fontconfig"} and report["install_hint"] is None
    assert report["pdf_fonttype"] == (3 if report["cjk_outlines"] == "CFF" else 42)
    assert isinstance(common.install_hint(), str) and common.install_hint()


# --------------------------------------------------------------------------------------------
# Chinese PDFs that open in a viewer


def _title_only(text: str):
    """A figure with nothing but a Chinese title: any ink on the page is the title's."""
    with common.style("zh") as used:
        assert used == "zh"
        fig, axes = common.new_figure(1, 1, width=6, height=3)
        axes[0, 0].set_axis_off()
        fig.suptitle(text, fontsize=28)
    return fig


def _render_pdf(pdf: Path, dpi: int = 100) -> tuple:
    """The PDF's first page as pixels (rows from the top), and what poppler said on stderr."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed (apt-get install poppler-utils)")
    done = subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-singlefile", str(pdf), str(pdf.with_suffix(""))],
                          capture_output=True, text=True, timeout=60, check=True)
    from matplotlib.image import imread

    return imread(pdf.with_suffix(".png")), done.stderr


def _ink_where_the_title_is(fig, pixels, dpi: int) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    box = fig._suptitle.get_window_extent(renderer)  # figure pixels from the bottom, at fig.dpi
    scale = dpi / fig.dpi
    height = pixels.shape[0]
    top, bottom = int(height - box.y1 * scale), int(height - box.y0 * scale) + 1
    left, right = int(box.x0 * scale), int(box.x1 * scale) + 1
    dark = pixels[..., :3].mean(axis=-1) < 0.5
    title = dark[max(top, 0):bottom, max(left, 0):right]
    assert title.mean() > 0.05, f"no ink where the title is ({title.mean():.3f})"
    assert dark.sum() == pytest.approx(title.sum(), rel=0.02)  # and (nearly) none elsewhere


@pytest.mark.cjk
def test_a_chinese_pdf_draws_its_title(fresh, cjk_font, tmp_path):
    fig = _title_only("涌现：成功率随规模变化")
    pdf = save_figure(fig, tmp_path / "zh.pdf")
    pixels, stderr = _render_pdf(pdf)
    assert "Error" not in stderr and "Mismatch" not in stderr, stderr
    _ink_where_the_title_is(fig, pixels, 100)
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, timeout=30, check=True).stdout
        row = next(line for line in fonts.splitlines() if cjk_font.replace(" ", "") in line)
        assert " yes " in row  # embedded


def test_a_cff_font_is_drawn_as_type_3_in_a_pdf(fresh, monkeypatch, tmp_path):
    # matplotlib's Type 42 writes the font as a TrueType font file (FontFile2); a CFF font is not one,
    # and viewers may draw nothing ("Mismatch between font type and embedded font file" in poppler)
    monkeypatch.setenv("EMERGENCE_FONT", str(cff_font(tmp_path / "cff.otf")))
    fig = _title_only("涌现成功率")
    assert common.pdf_fonttype(fig) == 3
    pdf = save_figure(fig, tmp_path / "cff.pdf")
    pixels, stderr = _render_pdf(pdf)
    assert "Mismatch" not in stderr and "Error" not in stderr, stderr
    _ink_where_the_title_is(fig, pixels, 100)
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, timeout=30, check=True).stdout
        assert any("EmergenceTestCFF" in line and "Type 3" in line for line in fonts.splitlines()), fonts
    english = common.new_figure(1, 1)[0]
    english.suptitle("only ASCII")
    assert common.pdf_fonttype(english) == 42  # no Chinese text: the usual embedding
