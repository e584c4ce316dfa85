"""The report page's slider grids against independent derivations, and the page built from them.

Expected values come from closed forms written out here (the logistic map and its inverse, p^k
with exact fractions, 1/n, 1 - 0.05^(1/n)) and from scipy as an oracle (logit), never from the
functions under test. The page is checked as text: its embedded JSON, the absence of any outside
resource, unique ids, stable bytes, its size and its language.
"""

from __future__ import annotations

import json
import math
import re
from fractions import Fraction
from html.parser import HTMLParser

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emergence import report as core
from emergence import report_page
from emergence.results import to_jsonable

# logistic_log's defaults, written out: p = sigmoid(a + b log10 N) with p(1e10) = 0.4, p(1e11) = 0.6
B = 2.0 * math.log(1.5)
A = math.log(0.4 / 0.6) - 10.0 * B
MAX_BYTES = 3 * 1024 * 1024


def logistic(log10_n: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(A + B * np.asarray(log10_n))))


@pytest.fixture(scope="module")
def sliders() -> core.Sliders:
    return core.sliders()


@pytest.fixture(scope="module")
def pages(sliders) -> dict[str, str]:
    """The full page (lesson and sliders) in both languages, built twice each to compare bytes."""
    return {lang: report_page.render(lang).html for lang in ("en", "zh")}


# --------------------------------------------------------------------------------------------
# hypothesis 1


def test_h1_per_step_accuracy_is_the_logistic_map(sliders):
    c = sliders.compound
    np.testing.assert_allclose(c.log10_sizes, np.linspace(7.0, 14.0, 141), rtol=0, atol=1e-12)
    np.testing.assert_allclose(c.p, logistic(c.log10_sizes), rtol=1e-12)


def test_h1_exact_match_is_p_to_the_k_and_partial_credit_is_p(sliders):
    c = sliders.compound
    assert c.steps == tuple(range(1, 13))
    expected = np.array([logistic(c.log10_sizes) ** k for k in c.steps])
    np.testing.assert_allclose(c.exact, expected, rtol=1e-11, atol=0)
    np.testing.assert_array_equal(c.partial, c.p)  # the expected fraction of k steps, each right with p, is p


def test_h1_p_slider_marks_with_exact_fractions(sliders):
    c = sliders.compound
    assert [round(100 * p) for p in c.p_values] == list(range(10, 95, 5))
    for i, k in enumerate(c.steps):
        for m, percent in enumerate(range(10, 95, 5)):
            assert c.p_exact[i, m] == pytest.approx(float(Fraction(percent, 100) ** k), rel=1e-13)
    np.testing.assert_array_equal(c.p_partial, c.p_values)
    # where p(N) = p: log10 N = (logit p - a) / b, with scipy's logit as the oracle
    from scipy.special import logit

    np.testing.assert_allclose(c.p_log10_sizes, (logit(c.p_values) - A) / B, rtol=0, atol=1e-9)


def test_h1_the_blogs_numbers(sliders):
    c = sliders.compound
    k, low, high = c.steps.index(5), list(c.p_values).index(0.4), list(c.p_values).index(0.6)
    assert c.p_exact[k, low] == pytest.approx(0.01024, rel=1e-13)
    assert c.p_exact[k, high] == pytest.approx(0.07776, rel=1e-13)
    assert c.p_log10_sizes[low] == pytest.approx(10.0, abs=1e-9)
    assert c.p_log10_sizes[high] == pytest.approx(11.0, abs=1e-9)


# --------------------------------------------------------------------------------------------
# hypothesis 2


def test_h2_expected_curves_are_the_closed_forms(sliders):
    m = sliders.metric
    np.testing.assert_allclose(m.log10_sizes, np.linspace(8.0, 13.0, 101), rtol=0, atol=1e-12)
    token = np.exp(-((10.0**m.log10_sizes / 1e9) ** -0.5))
    np.testing.assert_allclose(m.expected_partial, token, rtol=1e-12)
    np.testing.assert_allclose(m.expected_exact, token**5, rtol=1e-11)


def test_h2_readings_sit_on_the_test_sets_resolution(sliders):
    m = sliders.metric
    assert m.items == (10, 20, 50, 100, 200, 500, 1000, 5000, 10000)
    for i, n in enumerate(m.items):
        right = m.observed_exact[i] * n  # items fully right: a whole number
        np.testing.assert_allclose(right, np.round(right), rtol=0, atol=1e-9)
        tokens = m.observed_partial[i] * 5 * n  # tokens right out of 5 n
        np.testing.assert_allclose(tokens, np.round(tokens), rtol=0, atol=1e-7)
        assert m.floors[i] == 1 / n
        assert m.partial_floors[i] == pytest.approx(1 / (5 * n), rel=1e-15)
        assert m.zero_bounds[i] == pytest.approx(1 - 0.05 ** (1 / n), rel=1e-12)  # exact rule of three
        assert m.exact_zeros[i] == np.count_nonzero(right < 0.5)
        assert m.partial_zeros[i] == np.count_nonzero(tokens < 0.5)


def test_h2_same_answers_scored_twice(sliders):
    """Every item fully right also has all its tokens right: on the same answers, partial credit >= exact match."""
    m = sliders.metric
    assert np.all(m.observed_partial >= m.observed_exact)


def test_h2_readings_agree_with_the_expected_rates(sliders):
    """Binomial readings stay within 5 standard errors (plus one step) of the closed-form rate."""
    m = sliders.metric
    token = np.exp(-((10.0**m.model_log10_sizes / 1e9) ** -0.5))
    for i, n in enumerate(m.items):
        a = token**5
        assert np.all(np.abs(m.observed_exact[i] - a) <= 5 * np.sqrt(a * (1 - a) / n) + 1 / n)
        assert np.all(np.abs(m.observed_partial[i] - token) <= 5 * np.sqrt(token * (1 - token) / (5 * n)) + 1 / n)


def test_h2_seed_fixes_the_items():
    first, again, other = core.metric_sliders(7), core.metric_sliders(7), core.metric_sliders(8)
    np.testing.assert_array_equal(first.observed_exact, again.observed_exact)
    np.testing.assert_array_equal(first.observed_partial, again.observed_partial)
    assert not np.array_equal(first.observed_partial, other.observed_partial)
    assert core.DEFAULT_SEED == 0 == core.sliders().seed


def test_default_seed_is_the_command_lines():
    from emergence.cli._common import DEFAULT_SEED

    assert core.DEFAULT_SEED == DEFAULT_SEED


# --------------------------------------------------------------------------------------------
# hypothesis 3


def test_h3_observer_step_and_emergence_point(sliders):
    t = sliders.threshold
    from scipy.special import logit

    assert [round(100 * x) for x in t.taus] == list(range(10, 95, 5))
    np.testing.assert_allclose(t.quality, logistic(t.log10_sizes), rtol=1e-12)
    np.testing.assert_array_equal(t.steps, (logistic(t.log10_sizes)[None, :] >= t.taus[:, None]).astype(float))
    np.testing.assert_allclose(t.point_log10_sizes, (logit(t.taus) - A) / B, rtol=0, atol=1e-9)
    # d log10 N* / d tau = 1 / (b tau (1 - tau)); the core takes a central difference
    np.testing.assert_allclose(t.sensitivity, 1.0 / (B * t.taus * (1 - t.taus)), rtol=1e-6)
    np.testing.assert_allclose(t.shift_per_hundredth, 0.01 * t.sensitivity, rtol=1e-15)


def test_h3_step_jumps_at_the_point(sliders):
    t = sliders.threshold
    for step, point in zip(t.steps, t.point_log10_sizes):
        first = int(np.argmax(step))
        assert step[:first].sum() == 0 and step[first:].min() == 1.0
        assert t.log10_sizes[first - 1] < point <= t.log10_sizes[first] + 1e-9


@settings(deadline=None, max_examples=8)
@given(st.integers(min_value=0, max_value=2**64 - 1))
def test_h2_any_seed_reads_on_the_resolution_grid(seed):
    """Whatever the seed: whole counts of items and tokens, and partial credit >= exact match on the same answers."""
    m = core.metric_sliders(seed)
    assert m.seed == seed
    for i, n in enumerate(m.items):
        right, tokens = m.observed_exact[i] * n, m.observed_partial[i] * 5 * n
        np.testing.assert_allclose(right, np.round(right), rtol=0, atol=1e-9)
        np.testing.assert_allclose(tokens, np.round(tokens), rtol=0, atol=1e-7)
    assert np.all(m.observed_partial >= m.observed_exact)
    assert np.all((m.observed_exact >= 0) & (m.observed_exact <= 1))


def test_grid_sizes_for_the_summary(sliders):
    assert sliders.sizes == {"compound": {"steps": 12, "p": 17, "points": 141},
                             "metric": {"items": 9, "metrics": 2, "models": 21, "points": 101},
                             "threshold": {"tau": 17, "points": 141}}


# --------------------------------------------------------------------------------------------
# the page


def embedded(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, flags=re.S)
    assert match is not None
    return json.loads(match.group(1))


def test_embedded_json_equals_the_cores_arrays(pages, sliders):
    for page in pages.values():
        data = embedded(page)
        c, m, t = sliders.compound, sliders.metric, sliders.threshold
        assert data["compound"]["exact"] == to_jsonable(c.exact)
        assert data["compound"]["partial"] == to_jsonable(c.partial)
        assert data["compound"]["log10_sizes"] == to_jsonable(c.log10_sizes)
        assert data["compound"]["p_exact"] == to_jsonable(c.p_exact)
        assert data["compound"]["p_log10_sizes"] == to_jsonable(c.p_log10_sizes)
        assert data["compound"]["steps"] == list(c.steps)
        assert data["metric"]["observed_exact"] == to_jsonable(m.observed_exact)
        assert data["metric"]["observed_partial"] == to_jsonable(m.observed_partial)
        assert data["metric"]["expected_exact"] == to_jsonable(m.expected_exact)
        assert data["metric"]["floors"] == to_jsonable(m.floors)
        assert data["metric"]["items"] == list(m.items)
        assert data["threshold"]["steps"] == to_jsonable(t.steps)
        assert data["threshold"]["quality"] == to_jsonable(t.quality)
        assert data["threshold"]["point_log10_sizes"] == to_jsonable(t.point_log10_sizes)
        assert data["plot"] == report_page.PLOT
        # one text for every slider position
        assert len(data["compound"]["readout"]) == 12 and all(len(row) == 17 for row in data["compound"]["readout"])
        assert len(data["metric"]["readout_exact"]) == len(data["metric"]["readout_partial"]) == 9
        assert len(data["threshold"]["readout"]) == 17


def test_readouts_quote_the_blog(pages):
    en = embedded(pages["en"])["compound"]["readout"][4]  # k = 5
    assert "P = 0.4^5 = 1.024\u00a0%" in en[6] and "P = 0.6^5 = 7.776\u00a0%" in en[10]  # the % sign stays with its number
    zh = embedded(pages["zh"])["compound"]["readout"][4]
    assert "5 步全对：P = 0.4^5 = 1.024\u00a0%" in zh[6]


RESOURCE = re.compile(r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//)|(?:url\(\s*["']?\s*(?:https?:)?//)|@import""",
                      re.IGNORECASE)


def test_no_outside_resource(pages):
    for page in pages.values():
        assert RESOURCE.search(page) is None
        assert "<link" not in page and "<iframe" not in page and "<img" not in page
        assert "default-src 'none'" in page  # and the browser is told to refuse any


def test_the_pattern_finds_outside_resources():
    for bad in ('<img src="https://x.org/a.png">', "<script src='//cdn.x/y.js'>", "a{background:url( https://x/y)}",
                '<use href="http://x/#a"/>', "@import 'x.css';"):
        assert RESOURCE.search(bad), bad
    assert RESOURCE.search('<svg xmlns="http://www.w3.org/2000/svg"><use xlink:href="#f-1-a"/>') is None


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids.append(value)
            if name in ("href", "xlink:href") and value and value.startswith("#"):
                self.refs.append(value[1:])


def test_ids_are_unique_and_every_reference_resolves(pages):
    for page in pages.values():
        parser = _Ids()
        parser.feed(page)
        assert len(parser.ids) == len(set(parser.ids)), [i for i in set(parser.ids) if parser.ids.count(i) > 1][:5]
        refs = set(parser.refs) | set(re.findall(r"url\(#([^)]+)\)", page))
        assert refs <= set(parser.ids), sorted(refs - set(parser.ids))[:5]
        for ident in ("k", "p", "n", "tau", "metric-exact", "metric-partial", "h1-exact", "h1-partial", "h2-observed",
                      "h2-expected", "h3-step", "h3-quality"):
            assert ident in parser.ids


def test_same_bytes_every_time(pages):
    assert report_page.render("zh").html == pages["zh"]  # Chinese: the figures with the most glyphs


def test_size_under_3_mb(pages):
    for page in pages.values():
        assert len(page.encode("utf-8")) < MAX_BYTES


def test_language_of_the_page(pages):
    assert '<html lang="zh">' in pages["zh"] and '<html lang="en">' in pages["en"]
    zh_text = re.sub(r"<script.*?</script>|<style.*?</style>|<svg.*?</svg>", "", pages["zh"], flags=re.S)
    assert len(re.findall(r"[\u4e00-\u9fff]", zh_text)) > 500
    assert "假说一" in pages["zh"] and "完全匹配" in pages["zh"]
    assert re.search(r"[\u4e00-\u9fff]", re.sub(r"<script.*?</script>|<svg.*?</svg>", "", pages["en"], flags=re.S)) is None
    assert '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC"' in pages["zh"]
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in pages["zh"]


def test_sliders_are_labelled(pages):
    for page in pages.values():
        for ident in ("k", "p", "n", "tau"):
            assert re.search(rf'<label for="{ident}">[^<]+</label>', page)
            assert re.search(rf'<input type="range" id="{ident}"[^>]*aria-valuetext="[^"]+"', page)
            assert f'<output id="{ident}-out" for="{ident}">' in page
        assert page.count('aria-live="polite"') == 3


def test_colours_are_okabe_ito_with_dashes():
    from emergence.plotting._common import OKABE_ITO

    for name, hex_value in report_page.COLOURS.items():
        assert OKABE_ITO[name] == hex_value
    assert report_page.DASHES["dashed"] and report_page.DASHES["dotted"]


def test_script_only_selects_and_draws(pages):
    """The page's script computes no model: no Math functions, no powers, no exp/log."""
    match = re.search(r"<script>(.*?)</script>", pages["en"], flags=re.S)
    assert match is not None
    script = match.group(1)
    for word in ("Math.", "**", "exp(", "log(", "pow(", "fetch(", "import(", "XMLHttpRequest", "eval("):
        assert word not in script, word
    assert re.search(r"<script(?![^>]*application/json)[^>]*\bsrc=", pages["en"]) is None  # inline only


def test_inline_svg_prefixes_ids_and_references():
    svg = ('<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
           'width="460pt" height="345pt" viewBox="0 0 460 345"><metadata><rdf:RDF/></metadata><defs><style type="text/css">'
           '*{stroke-linejoin: round}</style></defs><g id="figure_1"><clipPath id="p1"><rect/></clipPath>'
           '<use xlink:href="#glyph-30" clip-path="url(#p1)"/><path id="glyph-30" d="M0 0"/></g></svg>\n')
    out = report_page.inline_svg(svg, "f-a-", 'a "figure"')
    assert out.startswith("<svg ") and out.endswith("</svg>")
    assert 'width="' not in out.split(">", 1)[0] and 'viewBox="0 0 460 345"' in out
    assert 'id="f-a-figure_1"' in out and 'id="f-a-p1"' in out and 'xlink:href="#f-a-glyph-30"' in out
    assert "url(#f-a-p1)" in out and "metadata" not in out and "<style" not in out
    assert 'role="img" aria-label="a &quot;figure&quot;"' in out


def test_json_cannot_close_its_script():
    text = report_page._json_script({"a": "</script><!-- & -->"})
    assert "<" not in text and ">" not in text and json.loads(text) == {"a": "</script><!-- & -->"}


def test_lesson_steps_tables_and_commands(pages):
    from emergence import tour

    for lang, page in pages.items():
        # the page's figures are 4:3 slides, so the command under each reproduces that slide
        lesson = tour.lesson(lang, figures=tour.Figures(slides=True, aspect=report_page.FIGURE_ASPECT))
        assert sum("--slides --aspect 4:3" in step.command for step in lesson.steps) >= 8
        for step in lesson.steps:
            assert f'id="step-{step.key}"' in page
            assert report_page._e(step.title) in page
            for table in step.tables:
                for column in table.columns:
                    assert re.search(f'<th scope="col"( class="num")?>{re.escape(report_page._e(column))}</th>', page)
            if step.command:
                assert f"<code>$ {report_page._e(step.command)}</code>" in page
        # the sliders follow the step about their hypothesis
        order = [page.index(f'id="{name}"') for name in ("step-decomposition", "try-h1", "step-resolution", "try-h2",
                                                         "step-observers", "try-h3")]
        assert order == sorted(order)


def test_lesson_figures_are_inline_svg(pages):
    for page in pages.values():
        figures = re.findall(r'<div class="mpl" id="fig-([^"]+)"><svg ', page)
        assert len(figures) >= 5


# --------------------------------------------------------------------------------------------
# the lesson's figures on a small screen


def test_min_width_keeps_the_smallest_text_legible():
    from emergence.report_page import MIN_TEXT_PX, min_width

    svg = ('<svg viewBox="0 0 200 100"><text style="font-size: 8px; font-family: x">a</text>'
           '<text style="font-size: 20px">b</text></svg>')
    assert MIN_TEXT_PX == 10.5
    assert min_width(svg) == 263  # 8 user units drawn 10.5 px high: 200 * 10.5 / 8 = 262.5 px wide, rounded up
    assert min_width('<svg viewBox="0 0 200 100"><path d="M0 0"/></svg>') is None  # text drawn as paths: nothing to say


def test_lesson_figures_are_4_3_slides_with_browser_text(pages):
    """Each figure is a 1024x768 slide (737.28 x 552.96 pt at 100 dpi) whose text is at least 14 pt, drawn by the
    browser, and never shrunk below the width at which its smallest glyphs (exponents are 0.7 of their text) are
    10.5 px: 737.28 x 10.5 / smallest size, rounded up (its own box scrolls on a phone)."""
    for html in pages.values():
        figures = re.findall(r'<div class="mpl" id="fig-[^"]+">(<svg[^>]*>.*?</svg>)', html, flags=re.S)
        assert len(figures) >= 5
        for svg in figures:
            head = svg[:svg.index(">")]
            assert 'viewBox="0 0 737.28 552.96"' in head, head
            texts = [float(v) for v in re.findall(r'<text style="font-size: ([\d.]+)px', svg)]
            glyphs = [float(v) for v in re.findall(r'font-size: ([\d.]+)px', svg)]
            assert texts and min(texts) >= 14.0 and min(glyphs) >= 0.7 * 14.0 - 1e-9
            assert f'style="min-width:{math.ceil(737.28 * 10.5 / min(glyphs))}px"' in head, head
        assert "min-width:34rem" not in html
