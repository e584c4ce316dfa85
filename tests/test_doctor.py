"""``emergence doctor``: versions, language and its source, the Chinese font (or how to get one), a browser."""

from __future__ import annotations

import importlib.metadata
import json
import os
import platform
import re
import subprocess
import sys

import matplotlib
import numpy
import pytest
import typer

import emergence
from emergence.diagnose import diagnose, find_chromium, package_version
from tests.clihelp import ENV, ROOT, run, run_json

NO_LOCALE = {"EMERGENCE_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": None}
NO_FONT = {"backend": None, "matplotlib": matplotlib.__version__, "freetype": "2.0", "fontconfig": None, "emergence_font": None,
           "emergence_font_refused": None,
           "cjk_family": None, "cjk_file": None, "cjk_outlines": None, "found_by": None, "pdf_fonttype": None,
           "install_hint": "sudo apt-get install fonts-wqy-microhei"}


@pytest.fixture
def no_font(monkeypatch):
    monkeypatch.setattr("emergence.plotting._common.font_report", lambda: dict(NO_FONT))


def test_json_envelope_with_the_versions_of_the_installed_packages():
    out = run_json("doctor")
    assert out["command"] == "doctor" and out["seed"] is None
    assert set(out) == {"schema_version", "command", "params", "seed", "results", "notes"}
    r = out["results"]
    assert r["python"] == platform.python_version() and r["platform"] == platform.platform()
    assert r["versions"] == {"emergence": emergence.__version__, "numpy": numpy.__version__, "matplotlib": matplotlib.__version__,
                             "typer": typer.__version__, "rich": importlib.metadata.version("rich"),
                             "scipy": importlib.metadata.version("scipy")}


def test_scipy_is_named_without_being_imported():
    code = "import sys\nfrom emergence.diagnose import diagnose\nr = diagnose()\nprint(r.versions['scipy'], 'scipy' in sys.modules)"
    env = {**os.environ, **ENV, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [importlib.metadata.version("scipy"), "False"]


def test_an_absent_package_has_no_version():
    assert package_version("no-such-distribution-emergence") is None
    assert package_version("numpy") == numpy.__version__


@pytest.mark.parametrize("env, args, expected", [
    ({**NO_LOCALE}, [], ("en", "default", None)),
    ({**NO_LOCALE, "LANG": "zh_CN.UTF-8"}, [], ("zh", "LANG", "zh_CN.UTF-8")),
    ({**NO_LOCALE, "LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, [], ("en", "LC_ALL", "C")),
    ({**NO_LOCALE, "LANG": "zh_CN.UTF-8", "EMERGENCE_LANG": "en"}, [], ("en", "EMERGENCE_LANG", "en")),
    ({**NO_LOCALE, "EMERGENCE_LANG": "zh_CN.UTF-8"}, ["--lang", "en"], ("en", "--lang", "en")),
])
def test_the_language_and_where_it_comes_from(env, args, expected):
    result = run("doctor", *args, "--json", env=env)
    assert result.exit_code == 0, result.output
    r = json.loads(result.stdout)["results"]
    assert (r["language"], r["language_source"], r["language_value"]) == expected


def test_the_font_figures_use_is_the_one_reported(cjk_font):
    r = run_json("doctor")["results"]
    assert r["font_found"] is True and r["font"]["family"] == cjk_font
    assert os.path.isfile(r["font"]["file"]) and r["font"]["found_by"] in ("env", "cache", "fontconfig")
    assert r["font"]["install_hint"] is None
    from matplotlib import font_manager

    assert font_manager.FontProperties(fname=r["font"]["file"]).get_name() == cjk_font  # the file holds that family


def test_a_font_named_by_file_is_reported_as_found_by_emergence_font(cjk_font, monkeypatch):
    file = run_json("doctor")["results"]["font"]["file"]
    result = run("doctor", "--json", env={"EMERGENCE_FONT": file})
    font = json.loads(result.stdout)["results"]["font"]
    assert (font["family"], font["file"], font["found_by"], font["emergence_font"]) == (cjk_font, file, "env", file)
    out = run("doctor", env={"EMERGENCE_FONT": file}).stdout
    assert f"EMERGENCE_FONT={file}" in out


@pytest.mark.parametrize("value, en, zh", [
    ("DejaVu Sans", "DejaVu Sans: not used, it has no Chinese glyphs", "DejaVu Sans：未采用，它没有中文字形"),
    ("Nonexistent Font", "Nonexistent Font: not used, it is neither a font file nor an installed font family",
     "Nonexistent Font：未采用，它既不是字体文件，也不是已安装的字体族"),
])
def test_an_emergence_font_that_is_not_used_is_shown_with_the_reason(value, en, zh):
    from emergence.plotting import _common

    _common._forget_fonts()
    result = run("doctor", "--json", env={"EMERGENCE_FONT": value})
    r = json.loads(result.stdout)
    assert r["results"]["font"]["emergence_font"] == value and r["results"]["font"]["found_by"] != "env"
    assert r["results"]["font"]["family"] != "DejaVu Sans"
    assert r["results"]["font"]["emergence_font_refused"] in en
    assert r["notes"][0].startswith(f"EMERGENCE_FONT={value!r} ") and r["notes"][0].endswith(": not used")
    assert re.search(r"EMERGENCE_FONT +" + re.escape(en), run("doctor", "--lang", "en", env={"EMERGENCE_FONT": value}).stdout)
    assert re.search(r"EMERGENCE_FONT +" + re.escape(zh), run("doctor", "--lang", "zh", env={"EMERGENCE_FONT": value}).stdout)


def test_text_report_in_english_and_in_chinese(cjk_font):
    out = run("doctor", "--lang", "en").stdout
    assert "Chinese font" in out and cjk_font in out and re.search(rf"numpy +{re.escape(numpy.__version__)}", out)
    assert f"Chinese figures and PDFs are drawn with {cjk_font}." in out
    out = run("doctor", "--lang", "zh").stdout
    assert "中文字体" in out and cjk_font in out and "语言" in out and "zh（来自 --lang）" in out


def test_without_a_chinese_font_it_says_so_and_how_to_get_one_and_exits_0(no_font):
    result = run("doctor", "--lang", "en")
    assert result.exit_code == 0
    out = result.stdout
    assert "NONE FOUND" in out and "No Chinese font found" in out
    assert "on this system: sudo apt-get install fonts-wqy-microhei" in out
    assert "Fedora: sudo dnf install wqy-microhei-fonts" in out and "macOS and Windows ship one" in out
    assert "EMERGENCE_FONT=" in out
    out = run("doctor", "--lang", "zh").stdout
    assert "未找到" in out and "没有找到中文字体" in out and "本系统：sudo apt-get install fonts-wqy-microhei" in out
    r = run_json("doctor")
    assert r["results"]["font_found"] is False and r["results"]["font"]["install_hint"] == NO_FONT["install_hint"]
    assert r["notes"] == ["no Chinese font found: Chinese figures are drawn with English labels"]


def test_a_macos_hint_is_translated(monkeypatch):
    hint = "macOS ships PingFang SC; if it is missing, install a Chinese font and set EMERGENCE_FONT to its file"
    monkeypatch.setattr("emergence.plotting._common.font_report", lambda: {**NO_FONT, "install_hint": hint})
    assert "本系统：macOS 自带 PingFang SC" in run("doctor", "--lang", "zh").stdout
    assert f"on this system: {hint}" in run("doctor", "--lang", "en").stdout


def test_chromium_from_chromium_bin_or_the_path(tmp_path, monkeypatch):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    assert find_chromium({"CHROMIUM_BIN": str(fake)}) == str(fake)
    assert find_chromium({"CHROMIUM_BIN": str(tmp_path / "missing")}) is None
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_chromium({}) == str(fake)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert find_chromium({}) is None
    result = run("doctor", "--lang", "en", env={"CHROMIUM_BIN": str(tmp_path / "missing")})
    assert "not found (optional" in result.stdout


def test_diagnose_returns_a_frozen_result():
    import dataclasses

    r = diagnose("zh")
    assert r.language == "zh" and r.language_source == "--lang"
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.python = "2.7"  # type: ignore[misc]
    assert r.to_dict()["font_found"] == r.font_found


def test_refuses_a_bad_option():
    result = run("doctor", "--seed", "1")
    assert result.exit_code == 2 and "--seed" in result.stderr


@pytest.mark.slow
def test_subprocess():
    env = {**os.environ, **ENV, "PYTHONPATH": str(ROOT), "EMERGENCE_LANG": "zh"}
    done = subprocess.run([sys.executable, "-m", "emergence", "doctor"], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "emergence doctor：这套安装的运行环境" in done.stdout and "zh（来自 EMERGENCE_LANG=zh）" in done.stdout
