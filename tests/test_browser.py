"""The report page in a real headless browser (docs: ../shared/docs/BROWSER.md).

Playwright drives Debian's own chromium on the page that ``emergence report`` wrote, opened from
``file://``. What a person would see is checked: no script error and no outside request, every
figure has a size, a slider moved with real key presses redraws the curve with the numbers the
Python core computes, the screen changes, the Chinese text is drawn in a CJK font, and nothing
sticks out sideways on a phone.

Without chromium or playwright the tests skip; with ``REQUIRE_BROWSER`` set (CI sets it) they fail.
"""

from __future__ import annotations

import importlib
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from emergence import report as core
from emergence.report_page import PLOT
from tests.clihelp import run

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CHROMIUM_BIN") or shutil.which("chromium")
CJK_FAMILIES = ("Noto Sans CJK", "Source Han Sans", "WenQuanYi", "Microsoft YaHei", "PingFang", "Hiragino Sans GB", "SimHei")
PIXEL = 0.006  # the page writes coordinates with two decimals


def require(ok: Any, why: str) -> None:
    """Skip on a machine without the browser; fail when ``REQUIRE_BROWSER`` is set (CI)."""
    if ok:
        return
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(why + " (REQUIRE_BROWSER is set)", pytrace=False)
    pytest.skip(why)


@pytest.fixture(scope="module")
def sync_api() -> Any:
    require(CHROMIUM, "chromium not found: apt-get install chromium fonts-wqy-microhei")
    if os.environ.get("REQUIRE_BROWSER"):
        return importlib.import_module("playwright.sync_api")
    return pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser(sync_api) -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync"])
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """The page in English and in Chinese, written by the command under test."""
    out = {}
    for lang in ("en", "zh"):
        path = tmp_path_factory.mktemp("report") / f"report-{lang}.html"
        result = run("report", "--out", str(path), "--lang", lang)
        assert result.exit_code == 0, result.output
        out[lang] = path
    return out


@pytest.fixture(scope="module")
def sliders() -> core.Sliders:
    return core.sliders()


class Opened:
    """One page in its own browser context, with the script errors and outside requests it made."""

    def __init__(self, browser: Any, path: Path, width: int = 1024, height: int = 768) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.remote: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.context.route("**/*", self._route)
        start = time.perf_counter()
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("html[data-ready]", timeout=10_000)
        self.seconds = time.perf_counter() - start

    def _console(self, message: Any) -> None:
        if message.type in ("error", "assert"):
            self.errors.append(message.text)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.remote.append(route.request.url)
            route.abort()

    def points(self, selector: str) -> np.ndarray:
        text = self.page.get_attribute(selector, "points")
        assert text, selector
        return np.array([[float(v) for v in pair.split(",")] for pair in text.split()])

    def number(self, selector: str, name: str) -> float:
        return float(self.page.get_attribute(selector, name))

    def press(self, selector: str, key: str = "ArrowRight") -> None:
        self.page.focus(selector)
        self.page.keyboard.press(key)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def opened(browser, pages) -> Iterator[Opened]:
    page = Opened(browser, pages["en"])
    yield page
    page.close()
    assert page.errors == []
    assert page.remote == []


# the chart's map from data to SVG coordinates, written out independently of the page's script
def px(x: np.ndarray | float, lo: float, hi: float) -> np.ndarray:
    width = PLOT["width"] - PLOT["left"] - PLOT["right"]
    return PLOT["left"] + (np.asarray(x) - lo) / (hi - lo) * width


def py(y: np.ndarray | float) -> np.ndarray:
    height = PLOT["height"] - PLOT["top"] - PLOT["bottom"]
    return PLOT["top"] + (1.0 - np.asarray(y)) * height


def assert_curve(drawn: np.ndarray, x: np.ndarray, y: np.ndarray, x_range: tuple[float, float]) -> None:
    expected = np.column_stack([px(x, *x_range), py(y)])
    assert drawn.shape == expected.shape
    np.testing.assert_allclose(drawn, expected, rtol=0, atol=PIXEL)


# --------------------------------------------------------------------------------------------


def test_loads_without_errors_or_requests(opened):
    assert opened.page.get_attribute("html", "lang") == "en"
    opened.page.mouse.wheel(0, 20000)  # scroll through everything
    assert opened.remote == []
    assert opened.errors == []


def test_every_figure_has_a_size(opened):
    figures = opened.page.locator(".plot svg, .mpl svg")
    assert figures.count() >= 3
    for i in range(figures.count()):
        box = figures.nth(i).bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 50, i


def test_steps_slider(opened, sliders):
    c, x_range = sliders.compound, core.H1_LOG10_RANGE
    k = c.steps.index(core.H1_START_STEPS)
    assert opened.page.input_value("#k") == "5"
    assert_curve(opened.points("#h1-exact"), c.log10_sizes, c.exact[k], x_range)
    assert_curve(opened.points("#h1-partial"), c.log10_sizes, c.partial, x_range)
    before = opened.page.locator("#h1-plot").screenshot()
    opened.press("#k")
    assert opened.page.input_value("#k") == "6"
    assert_curve(opened.points("#h1-exact"), c.log10_sizes, c.exact[k + 1], x_range)
    assert_curve(opened.points("#h1-partial"), c.log10_sizes, c.partial, x_range)  # partial credit does not move
    assert opened.page.locator("#h1-plot").screenshot() != before
    assert opened.page.text_content("#k-out") == "6 steps"
    assert opened.page.get_attribute("#k", "aria-valuetext") == "6 steps"
    assert "P = 0.4^6 = 0.4096\u00a0%" in opened.page.text_content("#h1-readout")
    assert opened.page.text_content("#h1-command") == "emergence compound --steps 6 --p 0.4"
    opened.press("#k", "ArrowLeft")
    opened.press("#k", "ArrowLeft")
    assert_curve(opened.points("#h1-exact"), c.log10_sizes, c.exact[k - 1], x_range)


def test_accuracy_slider(opened, sliders):
    c, x_range = sliders.compound, core.H1_LOG10_RANGE
    k, j = c.steps.index(5), core.H1_P_PERCENT.index(40)
    assert opened.number("#h1-marker", "x1") == pytest.approx(float(px(c.p_log10_sizes[j], *x_range)), abs=PIXEL)
    assert opened.number("#h1-dot-exact", "cy") == pytest.approx(float(py(0.4**5)), abs=PIXEL)
    assert "P = 0.4^5 = 1.024\u00a0%" in opened.page.text_content("#h1-readout")
    before = opened.page.locator("#h1-plot").screenshot()
    for _ in range(4):
        opened.press("#p")
    assert opened.page.input_value("#p") == "60"
    j = core.H1_P_PERCENT.index(60)
    x = float(px(c.p_log10_sizes[j], *x_range))
    assert opened.number("#h1-marker", "x1") == pytest.approx(x, abs=PIXEL)
    assert opened.number("#h1-dot-exact", "cx") == pytest.approx(x, abs=PIXEL)
    assert opened.number("#h1-dot-exact", "cy") == pytest.approx(float(py(c.p_exact[k, j])), abs=PIXEL)
    assert opened.number("#h1-dot-partial", "cy") == pytest.approx(float(py(0.6)), abs=PIXEL)
    assert "P = 0.6^5 = 7.776\u00a0%" in opened.page.text_content("#h1-readout")
    assert opened.page.locator("#h1-plot").screenshot() != before


def test_items_slider_and_metric_toggle(opened, sliders):
    m, x_range = sliders.metric, core.H2_LOG10_RANGE
    i = m.items.index(core.H2_START_ITEMS)
    assert opened.page.is_checked("#metric-exact")
    assert_curve(opened.points("#h2-observed"), m.model_log10_sizes, m.observed_exact[i], x_range)
    assert_curve(opened.points("#h2-expected"), m.log10_sizes, m.expected_exact, x_range)
    assert opened.number("#h2-floor", "y1") == pytest.approx(float(py(1 / 100)), abs=PIXEL)
    before = opened.page.locator("#h2-plot").screenshot()
    opened.press("#n")
    assert opened.page.text_content("#n-out") == "200 items"
    assert opened.page.text_content("#h2-command") == "emergence metric --items 200 --sizes 1e8:1e13:21 --seed 0"
    assert_curve(opened.points("#h2-observed"), m.model_log10_sizes, m.observed_exact[i + 1], x_range)
    assert opened.number("#h2-floor", "y1") == pytest.approx(float(py(1 / 200)), abs=PIXEL)
    assert opened.page.locator("#h2-plot").screenshot() != before
    # the toggle, by keyboard: arrow keys move through the radio group
    before = opened.page.locator("#h2-plot").screenshot()
    opened.press("#metric-exact")
    assert opened.page.is_checked("#metric-partial")
    assert_curve(opened.points("#h2-observed"), m.model_log10_sizes, m.observed_partial[i + 1], x_range)
    assert_curve(opened.points("#h2-expected"), m.log10_sizes, m.expected_partial, x_range)
    assert opened.number("#h2-floor", "y1") == pytest.approx(float(py(1 / (5 * 200))), abs=PIXEL)
    assert opened.page.get_attribute("#try-h2", "data-metric") == "partial"
    assert "partial credit" in opened.page.text_content("#h2-readout")
    assert opened.page.locator("#h2-plot").screenshot() != before


def test_threshold_slider(opened, sliders):
    t, x_range = sliders.threshold, core.H3_LOG10_RANGE
    i = core.H3_TAU_PERCENT.index(core.H3_START_TAU_PERCENT)
    assert_curve(opened.points("#h3-step"), t.log10_sizes, t.steps[i], x_range)
    assert_curve(opened.points("#h3-quality"), t.log10_sizes, t.quality, x_range)
    assert opened.number("#h3-threshold", "y1") == pytest.approx(float(py(0.5)), abs=PIXEL)
    before = opened.page.locator("#h3-plot").screenshot()
    opened.press("#tau")
    assert opened.page.input_value("#tau") == "55"
    assert_curve(opened.points("#h3-step"), t.log10_sizes, t.steps[i + 1], x_range)
    assert opened.number("#h3-threshold", "y1") == pytest.approx(float(py(0.55)), abs=PIXEL)
    assert opened.number("#h3-point", "cx") == pytest.approx(float(px(t.point_log10_sizes[i + 1], *x_range)), abs=PIXEL)
    assert opened.page.text_content("#tau-out") == "τ = 55\u00a0%"
    assert opened.page.text_content("#h3-command") == "emergence threshold observers --tau 0.55,0.6"
    assert opened.page.locator("#h3-plot").screenshot() != before


def test_chinese_is_drawn_in_a_cjk_font(browser, pages):
    page = Opened(browser, pages["zh"])
    try:
        assert page.page.get_attribute("html", "lang") == "zh"
        cdp = page.context.new_cdp_session(page.page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        for selector in ("h1", "#try-h1 p", "#k-out", "#h1-readout"):
            node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
            names = [f["familyName"] for f in fonts if f["glyphCount"] > 0]
            assert any(cjk in name for name in names for cjk in CJK_FAMILIES), (selector, names)
        assert page.errors == [] and page.remote == []
    finally:
        page.close()


# The smallest text of every SVG as drawn: its computed font size times the scale from the SVG's user units to
# screen pixels (the figures' text is drawn by the browser, svg.fonttype = "none"), and the tables that are wider
# than the box they sit in with that box's overflow rule.
MEASURE = """() => {
  const smallest = {};
  for (const sel of [".mpl svg text, .mpl svg tspan", ".plot svg text, .plot svg tspan"]) {
    let least = Infinity, where = "", count = 0;
    for (const t of document.querySelectorAll(sel)) {  // a <text> and each <tspan> in it (exponents are smaller)
      if (![...t.childNodes].some(c => c.nodeType === Node.TEXT_NODE && c.textContent.trim())) { continue; }
      const m = t.closest("text").getScreenCTM();
      const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      count += 1;
      if (px < least) { least = px; where = t.closest("div").id + ": " + t.textContent; }
    }
    smallest[sel] = {px: least, where: where, count: count};
  }
  const tables = [...document.querySelectorAll("table")].map(t => {
    const box = t.parentElement;
    return {wider: t.getBoundingClientRect().width > box.clientWidth + 0.5, overflow: getComputedStyle(box).overflowX,
            scrolls: box.scrollWidth > box.clientWidth, right: box.getBoundingClientRect().right};
  });
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: innerWidth, smallest: smallest, tables: tables};
}"""


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("width", "height", "least"), [(390, 844, 10.0), (1024, 768, 12.0)])
def test_readable_on_a_phone_and_a_desktop(browser, pages, lang, width, height, least):
    """Nothing sticks out of the page sideways, and no text of any figure is drawn smaller than 10 px on a phone
    (390 px wide) or 12 px on a desktop (1024 px): a figure too wide for the phone scrolls inside its own box, and so
    does a wide table."""
    page = Opened(browser, pages[lang], width=width, height=height)
    try:
        seen = page.page.evaluate(MEASURE)
        assert seen["scrollWidth"] <= seen["innerWidth"] == width
        for selector, smallest in seen["smallest"].items():
            assert smallest["count"] > 0, selector
            assert smallest["px"] >= least, (selector, smallest)
        assert seen["tables"]
        for table in seen["tables"]:
            assert table["right"] <= width
            if table["wider"]:
                assert table["overflow"] == "auto" and table["scrolls"], table
        if width == 390:
            assert any(table["wider"] for table in seen["tables"])  # the phone does meet a table wider than itself
            box = page.page.locator("#h1-plot svg").bounding_box()
            assert box is not None and 300 <= box["width"] <= 390
            page.press("#k")
            assert page.page.input_value("#k") == "6"
        assert page.errors == [] and page.remote == []
    finally:
        page.close()


def test_time_to_interactive_is_reported(browser, pages, record_property):
    """Measured, not asserted (benchmarks/bench_report.py holds the 1 s budget)."""
    page = Opened(browser, pages["zh"])
    try:
        ready = float(page.page.get_attribute("html", "data-ready")) / 1000.0  # the page's own clock
        record_property("interactive_seconds", ready)
        record_property("goto_to_ready_seconds", page.seconds)
        print(f"\nreport page (zh): sliders drawn {ready:.3f} s after navigation began; goto..ready {page.seconds:.3f} s")
        assert 0 < ready <= page.seconds + 0.5
    finally:
        page.close()
