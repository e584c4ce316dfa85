"""Error lines in Chinese: real failing commands under a Chinese environment, and the translation table itself."""

from __future__ import annotations

import errno
import os
import re
import string
import subprocess
import sys
from typing import Any

import pytest

import emergence.cli
from emergence import __main__ as entry
from emergence.i18n import errors
from tests.clihelp import ENV, ROOT, run

ZH = {"EMERGENCE_LANG": "zh"}
CHINESE_LOCALE: dict[str, Any] = {"LANG": "zh_CN.UTF-8", "LC_ALL": None, "LC_MESSAGES": None}  # None: unset
HAN = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_FRAMES = ("error:", "Invalid value", "No such", "Missing", "Got unexpected", "must be", "Input should", "is not")

# (command, the option the line must name, a Chinese phrase the line must hold)
FAILURES = [
    (["compound", "--steps", "x"], "--steps", "应为整数"),
    (["compound", "--correlation", "abc"], "--correlation", "应为数"),
    (["compound", "--bogus"], "--bogus", "没有选项"),
    (["compound", "extra"], "extra", "多余的参数"),
    (["compound", "--figure", "foo"], "--figure", "不是可选的值"),
    (["compound", "--steps", "0"], "--steps", "至少要是 1，实际是 0"),
    (["compound", "--steps", "100000000"], "--steps", "至多是 10,000,000"),
    (["compound", "--p", "1.5"], "--p", "必须是 [0, 1] 中的概率，实际是 1.5"),
    (["compound", "--p", "0.4,x"], "--p", "的第 2 项：'x' 不是数"),
    (["compound", "--p", "0.4,,0.2"], "--p", "的第 2 项是空的"),
    (["compound", "--plot", "a.txt"], "--plot", "的扩展名必须是 .png、.svg 或 .pdf"),
    (["compound", "--plot", "no/such/dir/a.png"], "--plot", "目录 'no/such/dir' 不存在"),
    (["compound", "--seed", "3"], "--seed", "种子会被忽略"),
    (["compound", "--seed", "-1"], "--seed", "至少要是 0，实际是 -1"),
    (["compound", "--sizes", "1e8"], "--sizes", "只能与 --scale 一起用"),
    (["compound", "--scale", "nomap"], "--scale", "没有映射 'nomap'"),
    (["compound", "--p", "0.4", "--p", "0.5"], "--p", "给了 2 次"),
    (["compound", "--lang", "fr"], "--lang", "不是可选的值"),
    (["compound", "--json=3"], "--json", "不接受值"),
    (["metric", "--sizes", "1:0"], "--sizes", "范围需要 0 < LOW < HIGH"),
    (["metric", "--sizes", "5,5"], "--sizes", "规模不能重复"),
    (["metric", "--alpha", "-20"], "--alpha", "Kaplan 等人的拟合值为 -0.076"),
    (["metric", "--tokens", "1.5"], "--tokens", "应为整数"),
    (["threshold", "dimensions", "--noise", "0", "--seed", "1"], "--seed", "--noise 为 0 时没有随机抽取"),
    (["threshold", "composition", "--seed", "1"], "--seed", "这个模型中没有随机抽取"),
    (["threshold", "observers", "--tau", "0.4,abc"], "--tau", "不是数"),
    (["threshold", "quanta", "--alpha", "20"], "--alpha", "必须在 [0.01, 10] 内"),
    (["threshold", "-m", "x"], "-m", "各模型现在是子命令"),
    (["simulate", "--out", "table.txt"], "--out", "的扩展名必须是 .csv"),
    (["simulate", "--items", "0"], "--items", "至少要是 1，实际是 0"),
    (["threshold", "composition", "--steps", "0"], "--steps", "至少要是 1，实际是 0"),
    (["threshold", "composition", "--steps=-2"], "--steps", "至少要是 1，实际是 -2"),
    (["compound", "--p", "0.4", "--plot", "it's.txt"], "--plot", "\"it's.txt\" 的扩展名必须是 .png、.svg 或 .pdf"),
    (["compound", "--p", "0.4", "--plot", "no/it's/a.png"], "--plot", "目录 \"no/it's\" 不存在"),
    (["tour", "--bogus"], "--bogus", "没有选项 --bogus；你要的是不是 --out？"),
    (["analyze"], "PATH", "缺少参数"),
    (["analyze", "no_such_file.csv"], "PATH", "没有这个文件或目录"),
    (["nosuch"], "nosuch", "没有命令"),
    (["compund"], "compound", "你要的是 'compound' 吗"),
    (["doctor", "--bogus"], "--bogus", "没有选项"),
]


@pytest.mark.parametrize("args, option, phrase", FAILURES, ids=[" ".join(a) for a, _, _ in FAILURES])
def test_usage_errors_are_one_chinese_line(args, option, phrase):
    result = run(*args, env=ZH)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert re.match(r"^\S*emergence( [a-z]+)*: 错误：", line), line
    assert option in line and phrase in line, line
    assert not any(frame in line for frame in ENGLISH_FRAMES), line
    assert "Traceback" not in result.output


def test_the_same_errors_stay_english_in_english():
    result = run("compound", "--steps", "0")
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("error: Invalid value for --steps: must be at least 1, got 0")
    assert not HAN.search(result.stderr)


def test_lang_zh_on_the_command_line_gives_chinese_errors():
    result = run("compound", "--lang", "zh", "--steps", "0")
    assert result.exit_code == 2
    assert "错误：--steps 的值无效：至少要是 1，实际是 0" in result.stderr
    result = run("compound", "--steps", "0", "--lang", "en", env=ZH)
    assert "error: Invalid value for --steps" in result.stderr


def test_a_chinese_locale_gives_chinese_errors():
    result = run("compound", "--p", "2", env=CHINESE_LOCALE)
    assert result.exit_code == 2 and "错误：--p 的值无效" in result.stderr


@pytest.mark.parametrize("value", ["fr", "xx", "klingon"])
def test_an_unknown_emergence_lang_is_refused_before_any_command(value, tmp_path):
    out = tmp_path / "t.csv"
    result = run("simulate", "--out", out, env={"EMERGENCE_LANG": value})
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "EMERGENCE_LANG" in lines[0] and repr(value) in lines[0]
    assert "en or zh" in lines[0]
    assert not out.exists()  # refused before the command ran
    result = run("--help", env={"EMERGENCE_LANG": value})
    assert result.exit_code == 2


def test_the_refusal_speaks_the_locale():
    result = run("compound", env={**CHINESE_LOCALE, "EMERGENCE_LANG": "fr"})
    assert result.exit_code == 2
    assert result.stderr.strip() == ("emergence: 错误：EMERGENCE_LANG='fr' 不是 emergence 能用的语言：请用 en 或 zh"
                                     "（zh_CN.UTF-8 之类的语言环境名算作 zh），或者不设置它")


@pytest.mark.slow
def test_subprocess_refuses_an_unknown_emergence_lang():
    env = {**os.environ, **ENV, "EMERGENCE_LANG": "fr", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "emergence", "compound", "--steps", "5", "--p", "0.4"], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == ["emergence: error: EMERGENCE_LANG='fr' is not a language of emergence: use en or zh "
                                        "(a locale name such as zh_CN.UTF-8 counts as zh), or unset it"]


@pytest.mark.slow
def test_subprocess_error_in_chinese():
    env = {**os.environ, **ENV, "EMERGENCE_LANG": "zh_CN.UTF-8", "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-m", "emergence", "metric", "--items", "0"], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["python -m emergence metric: 错误：--items 的值无效：至少要是 1，实际是 0"]


# -- failures that are not the user's input --------------------------------------------------------------


def test_out_of_memory_in_chinese(monkeypatch):
    def no_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr("emergence.compound.analyse", no_memory)
    result = run("compound", env=ZH)
    assert result.exit_code == 1
    assert result.stderr.strip() == "emergence: 错误：内存不足；请选更小的规模或数量"


def test_a_full_disk_in_chinese(monkeypatch, tmp_path):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "t.csv"))

    monkeypatch.setattr("emergence._files.write_atomic", full)
    result = run("simulate", "--out", tmp_path / "t.csv", env=ZH)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == f"emergence: 错误：无法写入 {tmp_path / 't.csv'}：磁盘空间不足"


def _entry_with(monkeypatch, failure: BaseException) -> None:
    """``emergence.cli.app`` replaced by one that settles the language, as the real one does first, then fails."""
    from emergence.cli import _app

    def app() -> None:
        _app._settle_language([])
        raise failure

    monkeypatch.setattr(emergence.cli, "app", app)


@pytest.mark.parametrize("lang, expected", [("zh", "emergence: 已中断"), ("en", "emergence: interrupted")])
def test_ctrl_c_in_the_language_of_the_environment(monkeypatch, capsys, lang, expected):
    monkeypatch.setenv("EMERGENCE_LANG", lang)
    _entry_with(monkeypatch, KeyboardInterrupt())
    with pytest.raises(SystemExit) as info:
        entry.main()
    assert info.value.code == 130
    assert capsys.readouterr().err == expected + "\n"


def test_a_closed_output_in_chinese(monkeypatch, capsys):
    monkeypatch.setenv("EMERGENCE_LANG", "zh")
    _entry_with(monkeypatch, BrokenPipeError(errno.EPIPE, "Broken pipe"))
    monkeypatch.setattr(entry, "_silence_stdout", lambda: None)
    with pytest.raises(SystemExit) as info:
        entry.main()
    assert info.value.code == 1
    assert capsys.readouterr().err == "emergence: 错误：无法写入标准输出（管道已断开）\n"


def test_aborted_in_chinese(monkeypatch):
    import typer

    def abort(*args, **kwargs):
        raise typer.Abort()

    monkeypatch.setattr("emergence.compound.analyse", abort)
    result = run("compound", env=ZH)
    assert result.exit_code == 1
    assert result.stderr.strip() == "已中止"


# -- the table -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("english, chinese", [
    # Click's frames, as Typer 0.26+ writes them
    ("No such option: --bogus (Possible options: --runs)", "没有选项 --bogus；你要的是不是 --runs？"),
    ("No such option: --pp (Possible options: --p, --p-to, --plot)", "没有选项 --pp；你要的是不是 --p、--p-to 或 --plot？"),
    ("No such option: --bgus Did you mean --bogus?", "没有选项 --bgus；你要的是 --bogus 吗？"),
    ("Missing option '--out'.", "缺少选项 --out"),
    ("Missing command.", "缺少子命令"),
    ("Got unexpected extra arguments (a b)", "多余的参数：a b"),
    ("Option '--tau' requires 2 arguments.", "选项 --tau 需要 2 个值"),
    ("Invalid value for '--x': Input should be less than or equal to 20", "--x 的值无效：至多是 20"),
    ("Invalid value for '--x': Input should be greater than or equal to 1", "--x 的值无效：至少要是 1"),
    ("Invalid value for '--x': Input should be greater than 0", "--x 的值无效：必须大于 0"),
    ("Invalid value for '--x': Input should be less than 1", "--x 的值无效：必须小于 1"),
    ("Invalid value for '--x': must be less than 1, got 2", "--x 的值无效：必须小于 1，实际是 2"),
    ("Invalid value for '--x': Input should be a valid integer, got a number with a fractional part", "--x 的值无效：应为整数（输入带有小数部分）"),
    ("Invalid value for '--x': Input should be a finite number", "--x 的值无效：应为有限的数"),
    ("Invalid value for '--lang': Input should be 'en' or 'zh'", "--lang 的值无效：应为 'en' 或 'zh'"),
    # Click 8's words (Typer before 0.26)
    ("Invalid value for '--steps' / '-k': 'x' is not a valid integer.", "--steps / -k 的值无效：'x' 不是有效的整数"),
    ("Invalid value for '--p-to': 'y' is not a valid float.", "--p-to 的值无效：'y' 不是有效的数"),
    ("Invalid value for '--runs': 500 is not in the range 0<=x<=200.", "--runs 的值无效：500 不在范围 0<=x<=200 内"),
    ("Invalid value for '--figure': 'foo' is not one of 'curves', 'cot'.", "--figure 的值无效：'foo' 不是可选的值（可选：'curves', 'cot'）"),
    ("Invalid value for 'PATH...': Path 'x.csv' does not exist.", "'PATH...' 的值无效：路径 'x.csv' 不存在"),
    ("Invalid value for '--sizes': File 'd' is a directory.", "--sizes 的值无效：文件 'd' 是一个目录"),
    # the toolkit's own
    ("Invalid value for --c: must be greater than 0, got -1.0", "--c 的值无效：必须大于 0，实际是 -1.0"),
    ("Invalid value for --x: must be a whole number from 0 to 2**128 - 1, got -5", "--x 的值无效：必须是从 0 到 2**128 - 1 的整数，实际是 -5"),
    ("Invalid value for --plot: cannot write in directory '/ro' (Read-only file system)", "--plot 的值无效：无法在目录 '/ro' 中写入（只读文件系统）"),
    ("Invalid value for --plot: '/tmp' is a directory", "--plot 的值无效：'/tmp' 是一个目录"),
    # a repr'd path holding a single quote comes in double quotes
    ('Invalid value for --plot: "it\'s.txt" must end in .png, .svg or .pdf', '--plot 的值无效："it\'s.txt" 的扩展名必须是 .png、.svg 或 .pdf'),
    ('Invalid value for --plot: directory "it\'s" does not exist', '--plot 的值无效：目录 "it\'s" 不存在'),
    ('Invalid value for --plot: "it\'s" is a directory', '--plot 的值无效："it\'s" 是一个目录'),
    ('Invalid value for --plot: \'a"b\\\'c.txt\' must end in .png', '--plot 的值无效：\'a"b\\\'c.txt\' 的扩展名必须是 .png'),
    ('Invalid value for --out: cannot write in directory "it\'s" (Permission denied)', '--out 的值无效：无法在目录 "it\'s" 中写入（没有权限）'),
    ('Invalid value for --p: item 2 of "0.4,\'": "\'" is not a number', '--p 的值无效："0.4,\'" 的第 2 项："\'" 不是数'),
    ('unknown map "it\'s"; choose one of a, b', '没有映射 "it\'s"；可选：a, b'),
    ('column "o\'neil" appears more than once in the header', '列 "o\'neil" 在表头中出现了不止一次'),
    ('"o\'neil" matches none of the names in the files: a', '"o\'neil" 与文件中的名字都不匹配：a'),
    ('"o\'neil" is given twice', '"o\'neil" 给了两次'),
    # OS reasons in parentheses, also with errno and file
    ("cannot write to standard output (No space left on device)", "无法写入标准输出（磁盘空间不足）"),
    ("Invalid value for --plot: cannot write in directory '/x' ([Errno 13] Permission denied: '/x/tmp')",
     "--plot 的值无效：无法在目录 '/x' 中写入（[Errno 13] 没有权限: '/x/tmp'）"),
    ("cannot write /tmp/x.png: Invalid argument", "无法写入 /tmp/x.png：参数无效"),
    ("Invalid value for PATH: r.csv:12:score: 'abc' is not a number", "PATH 的值无效：r.csv:12:score: 'abc' 不是数"),
    ("Invalid value for PATH: r.csv:3: 4 fields where the header has 5", "PATH 的值无效：r.csv:3：这一行有 4 个字段，而表头有 5 个"),
    ("Invalid value for PATH: empty.csv: file is empty", "PATH 的值无效：empty.csv：文件是空的"),
    ("cannot write the output: Permission denied", "无法写入输出：没有权限"),
    ("Aborted!", "已中止"),
])
def test_translations(english, chinese):
    assert errors.translate(english) == chinese


def test_an_unknown_detail_keeps_its_english_after_a_chinese_frame():
    assert errors.translate("Invalid value for --x: the moon is made of cheese") == "--x 的值无效：the moon is made of cheese"
    assert errors.translate("something else entirely") == "something else entirely"
    assert errors.translate_known("something else entirely") is None


def test_every_template_uses_only_the_fields_its_expression_captures():
    for pattern, template in errors.RULES:
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        assert fields <= set(pattern.groupindex), (pattern.pattern, template)
        assert HAN.search(template) or template == "{detail!t}", template


# One real message per rule, in the order of errors.RULES: a new rule needs its example here.
EXAMPLES = [
    "Invalid value for '--x': Input should be a finite number",
    "Invalid value: nothing",
    "No such option: --bogus (Possible options: --runs)",
    "No such option: --bgus Did you mean --bogus?",
    "No such option: --bogus",
    "No such command 'compund'. Did you mean 'compound'?",
    "No such command 'nosuch'.",
    "Missing argument 'PATH...'.",
    "Missing option '--out'.",
    "Missing parameter: paths",
    "Missing command.",
    "Got unexpected extra argument(s) (extra)",
    "Option '--steps' requires an argument.",
    "Option '--tau' requires 2 arguments.",
    "Option '--json' does not take a value.",
    "option --p is given 2 times; give it once (otherwise only the last would count)",
    "Value must be an iterable.",
    "2 values are required, but 3 given.",
    "Input should be a valid integer, unable to parse string as an integer",
    "Input should be a valid integer, got a number with a fractional part",
    "Input should be a valid integer",
    "Input should be a valid number, unable to parse string as a number",
    "Input should be a valid number, unable to interpret input",
    "Input should be a finite number",
    "Input should be greater than or equal to 1",
    "Input should be less than or equal to 1000",
    "Input should be greater than 0",
    "Input should be less than 1",
    "Input should be a valid boolean, unable to interpret input",
    "Input should be a valid string",
    "Input should be 'en' or 'zh'",
    "Value error, 'foo' is not one of 'curves', 'cot'.",
    "Value 'x' is not a valid datetime.",
    "'foo' is not one of 'curves', 'cot'.",
    "'2024' does not match the formats '%Y-%m-%d'.",
    "'x' is not a valid integer.",
    "'x' is not a valid float range.",
    "'maybe' is not a valid boolean.",
    "500 is not in the range 0<=x<=200.",
    "'x' is not a valid uuid.",
    "Path 'x.csv' does not exist.",
    "Directory 'x' is a file.",
    "File 'd' is a directory.",
    "File 'x' is not readable.",
    "File 'x' is not writable.",
    "item 2 of '0.4,,0.2' is empty (use commas between numbers)",
    "item 2 of '0.4,x': 'x' is not a number",
    "'４' is not a number (use ASCII digits)",
    "'abc' is not a number",
    "must be a finite number, got 'nan'",
    "must be a number, got 'x'",
    "is too large for a float",
    "must be a probability in [0, 1], got 1.5",
    "probabilities must lie in [0, 1]",
    "must be a whole number, got 1.5",
    "must be a whole number from 0 to 2**128 - 1, got -5",
    "must be at least 1, got 0",
    "must be at most 10,000,000, got 100000000",
    "must be greater than 0 (and below 1e30), got '-1'",
    "must be greater than 0, got -1.0",
    "must be less than 1, got 2",
    "must be in [0.01, 10], got 20",
    "must be in [-10, -0.01] (Kaplan et al. fit -0.076), got -20",
    "Michaud et al. fit about 0.4",
    "Kaplan et al. fit -0.076",
    "must lie strictly between 0 and 1 (0 never learns, 1 learns at once), got 1",
    "must lie strictly between 0 and 1, got 1.5",
    "must lie strictly between 0 and 1",
    "must be a fraction in [0, 1), got 1",
    "must be a size greater than 0, got '-3'",
    "must be auto or a whole number of steps from 1 to 100, got 'x'",
    "must be a column name or a number of items from 1 to 1e9, got '0'",
    "must be negative (loss falls with scale), got 0.5",
    "must be one of logitnormal, beta, got 'x'",
    "needs at least one value",
    "a range is LOW:HIGH or LOW:HIGH:COUNT, got '1:2:3:4'",
    "a range needs 0 < LOW < HIGH, got '1:0'",
    "sizes are numbers of parameters, from 1 to 1e+30; got '0.5'",
    "COUNT must be a whole number of at least 2, got '1'",
    "at most 2001 sizes, got 3000 in '1:10:3000'",
    "sizes must be greater than 0, got '-1'",
    "sizes must differ from one another, got '5,5'",
    "model sizes must be finite and greater than 0",
    "unknown map 'x'; choose one of linear_log, logistic_log",
    "unknown preset 'x'; choose one of ours, kaplan",
    "'a.txt' must end in .png, .svg or .pdf",
    "directory 'no/dir' does not exist",
    "'/tmp' is a directory",
    "cannot write in directory '/ro' (Read-only file system)",
    "nothing is random with --noise 0 (the seed would be ignored)",
    "with --runs 0",
    "without --trials",
    "in this model",
    "applies only with --trials (the exact values draw no random numbers)",
    "applies only with --plot",
    "applies only to a vote of more than one attempt (vote > 1)",
    "sets every step's accuracy from the map: give a single --p, or none",
    "needs a single p to compare with",
    "cannot be combined with attempts: choose pass@M or a vote",
    "choose pass@M or a vote",
    "the models are subcommands now: emergence threshold dimensions|observers|quanta|composition",
    "'shape' is given twice",
    "no such file or directory",
    "no such file",
    "file is empty",
    "has a header but no data rows",
    "4 fields where the header has 5",
    "cannot read: Permission denied",
    "not UTF-8 text (byte 0xff): a binary file? Save it as UTF-8",
    "binary data (a NUL byte): not a text table",
    "file is 300 MB; the limit is 200 MB",
    "column 'score' appears more than once in the header",
    "give at least one file or directory",
    "is a directory; --sizes takes a CSV file model,size[,family]",
    "not a regular file (a pipe or a device): save the results to a file and name that file",
    "matches no metric; the files have acc, f1",
    "'arith*' matches none of the names in the files: a, b",
    "EMERGENCE_LANG='fr' is not a language of emergence: use en or zh (a locale name such as zh_CN.UTF-8 counts as zh), or unset it",
    "out of memory; choose smaller sizes or counts",
    "cannot write to standard output (Broken pipe)",
    "cannot write the output: No space left on device",
    "cannot write /tmp/x.png: No space left on device",
    "is empty: give a name, or leave the option out",
    "item 2 of 'a,,b' is empty (use commas between names)",
    "the file name is 300 bytes long; the limit is 255",
    "at most 20 levels, got 25",
    "the curve arith/acc has 10,000 model sizes; the limit is 1,000 in one curve (choose models with --model or --family, or split the curve with --by)",
    "900 curves of 7,200 model sizes in all at 100 resamples is 2,000,000 point-fits, more than the 1,800,000 of about ten seconds; choose curves with --task/--metric/--family/--model or lower --bootstrap",
    "50,000 columns in the header; the limit is 2,000",
    "more than 1,000,000 characters in the header; the limit is 2,000 columns",
    "interrupted",
    "Aborted!",
]


def test_every_rule_is_reachable():
    """Each rule matches its example, and no earlier, wider rule takes the example first."""
    assert len(EXAMPLES) == len(errors.RULES)
    for index, ((pattern, _), text) in enumerate(zip(errors.RULES, EXAMPLES)):
        first = next((i for i, (p, _) in enumerate(errors.RULES) if p.fullmatch(text)), None)
        assert first == index, (pattern.pattern, text, None if first is None else errors.RULES[first][0].pattern)
        assert HAN.search(errors.translate(text)), text


@pytest.mark.parametrize("value, lang", [("zh_TW", "zh"), ("en", "en"), ("fr", "en")])
def test_before_the_command_line_is_loaded_the_environment_decides(monkeypatch, value, lang):
    """Ctrl-C while still importing: the outer shell reads the environment itself (English if it cannot)."""
    monkeypatch.delitem(sys.modules, "emergence.cli._app", raising=False)
    monkeypatch.setenv("EMERGENCE_LANG", value)
    assert entry._language() == lang


@pytest.mark.parametrize("args, english", [
    (["threshold", "composition", "--steps", "0"], "Invalid value for '--steps': must be at least 1, got 0"),
    (["threshold", "composition", "--steps=-4"], "Invalid value for '--steps': must be at least 1, got -4"),
    (["metric", "--seed", "-1"], "Invalid value for '--seed': must be at least 0, got -1"),
])
def test_typer_bounds_are_said_in_the_toolkit_words_in_english_too(args, english):
    result = run(*args, env={"EMERGENCE_LANG": "en"})
    assert result.exit_code == 2 and result.stderr.strip().endswith("error: " + english), result.stderr


def test_the_value_given_is_found_on_the_command_line():
    from emergence.cli._app import _given

    assert _given(["--steps"], ["threshold", "composition", "--steps", "0"]) == "0"
    assert _given(["--steps", "-k"], ["--steps=3", "-k", "5"]) == "5"  # the last use counts
    assert _given(["--steps"], ["--", "--steps", "1"]) is None
    assert _given(["--steps"], ["--steps"]) is None


def test_every_os_reason_is_translated_inside_a_longer_text():
    for english, chinese in errors.OS_REASONS.items():
        assert errors.translate(f"cannot write to standard output ([Errno 1] {english})") == f"无法写入标准输出（[Errno 1] {chinese}）"
