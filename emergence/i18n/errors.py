"""Usage errors in Chinese: the English message of Click, Typer or the toolkit, matched and rewritten.

Error messages are written in English where they are raised (many are f-strings with the value
that was refused), so they are translated where they are shown: the command line's error handler
(:func:`emergence.cli._app._fail`) passes the message through :func:`translate` when the language
is Chinese. :data:`RULES` is a table of (regular expression on the English, Chinese template):
the first rule whose expression matches the whole message wins, and the fields it captured fill
the template. A field can be passed on for translation itself (``{detail!t}``), which is how the
frame ``Invalid value for '--steps': ...`` and the detail after it are translated apart. A detail
no rule knows keeps its English after the Chinese frame, so the message is never lost.

Template conversions, beside Python's own ``!r`` and ``!s``:

- ``!t``: translate the field with the same table (English kept when nothing matches);
- ``!q``: option names without their quotes (``'--steps' / '-k'`` becomes ``--steps / -k``);
- ``!l``: an English list in Chinese (``.png, .svg or .pdf`` becomes ``.png、.svg 或 .pdf``);
- ``!y``: Click's comma-separated alternatives as "this, that or the other" in Chinese;
- ``!o``: an operating-system reason (``Permission denied``) in Chinese, also inside a longer text;
- ``!w``: the kind of path in Typer's path messages (File, Directory, Path).

The texts are those of the Typer that vendors Click (0.26 and later, whose parser reports type
errors in Pydantic's words) and of Click 8 (older Typer), so either install speaks Chinese.

>>> translate("Invalid value for '--steps' / '-k': Input should be greater than or equal to 1")
'--steps / -k 的值无效：至少要是 1'
>>> translate("Invalid value for '--steps': must be at least 1, got 0")
'--steps 的值无效：至少要是 1，实际是 0'
>>> print(translate('Invalid value for --plot: "it' "'" 's.txt" must end in .png, .svg or .pdf'))
--plot 的值无效："it's.txt" 的扩展名必须是 .png、.svg 或 .pdf
>>> translate("No such option: --pp (Possible options: --p, --p-to, --plot)")
'没有选项 --pp；你要的是不是 --p、--p-to 或 --plot？'
>>> translate("Invalid value for --p: item 2 of '0.4,x': 'x' is not a number")
"--p 的值无效：'0.4,x' 的第 2 项：'x' 不是数"
>>> translate("Invalid value for --plot: 'a.txt' must end in .png, .svg or .pdf")
"--plot 的值无效：'a.txt' 的扩展名必须是 .png、.svg 或 .pdf"
>>> translate("Invalid value for --x: something new")
'--x 的值无效：something new'
"""

from __future__ import annotations

import re
import string
from typing import Any

FRAME = "错误："  # what follows "emergence compound: " on an error line, instead of "error: "

# Reasons the operating system gives (strerror), as they appear in "cannot write ...: REASON".
OS_REASONS = {
    "No space left on device": "磁盘空间不足",
    "Permission denied": "没有权限",
    "Read-only file system": "只读文件系统",
    "No such file or directory": "没有这个文件或目录",
    "Is a directory": "是一个目录",
    "Not a directory": "不是目录",
    "Broken pipe": "管道已断开",
    "Disk quota exceeded": "超出磁盘配额",
    "File name too long": "文件名太长",
    "Too many open files": "打开的文件太多",
    "Input/output error": "输入/输出错误",
    "File exists": "文件已存在",
    "Bad file descriptor": "文件描述符无效",
    "Operation not permitted": "不允许的操作",
    "Operation not supported": "不支持的操作",
    "Invalid argument": "参数无效",
    "Device or resource busy": "设备或资源忙",
    "Resource temporarily unavailable": "资源暂时不可用",
    "Text file busy": "文本文件忙",
    "No such device": "没有这个设备",
    "Too many links": "链接太多",
    "Too many levels of symbolic links": "符号链接层数太多",
    "Stale file handle": "文件句柄已失效",
}
PATH_KINDS = {"File": "文件", "Directory": "目录", "Path": "路径"}

_O = r"(?P<opt>'?-{1,2}[\w-]+'?(?: / '?-{1,2}[\w-]+'?)*)"  # an option as Click quotes it
_V = r"(?P<v>.+)"  # a value the message quotes back
# A string as Python's repr quotes it: in single quotes, or in double quotes when the text has a
# single quote and no double quote (repr("it's.txt") is "it's.txt"); backslash escapes inside.
_Q = r"""(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""

# (English, Chinese): the English is matched against the whole message (re.fullmatch, in order).
RULES_TEXT: tuple[tuple[str, str], ...] = (
    # -- Click's frames: which option, which command, what was missing --------------------------
    (r"Invalid value for (?P<opt>.+?): (?P<detail>.+)", "{opt!q} 的值无效：{detail!t}"),
    (r"Invalid value: (?P<detail>.+)", "值无效：{detail!t}"),
    (r"No such option: (?P<opt>\S+) \(Possible options: (?P<alts>.+)\)", "没有选项 {opt}；你要的是不是 {alts!y}？"),
    (r"No such option: (?P<opt>\S+) Did you mean (?P<alt>.+)\?", "没有选项 {opt}；你要的是 {alt} 吗？"),
    (r"No such option: (?P<opt>\S+)", "没有选项 {opt}"),
    (r"No such command (?P<name>.+?)\. Did you mean (?P<alt>.+)\?", "没有命令 {name}；你要的是 {alt} 吗？"),
    (r"No such command (?P<name>.+?)\.?", "没有命令 {name}"),
    (r"Missing argument (?P<name>.+?)\.", "缺少参数 {name!q}"),
    (r"Missing option (?P<name>.+?)\.", "缺少选项 {name!q}"),
    (r"Missing parameter: (?P<name>.+)", "缺少参数 {name!q}"),
    (r"Missing command\.", "缺少子命令"),
    (r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.+)\)", "多余的参数：{args}"),
    (r"Option " + _O + r" requires an argument\.", "选项 {opt!q} 需要一个值"),
    (r"Option " + _O + r" requires (?P<n>\d+) arguments\.", "选项 {opt!q} 需要 {n} 个值"),
    (r"Option " + _O + r" does not take a value\.", "选项 {opt!q} 不接受值"),
    (r"option (?P<opt>\S+) is given (?P<n>\d+) times; give it once \(otherwise only the last would count\)",
     "选项 {opt} 给了 {n} 次；只能给一次（否则只有最后一次算数）"),
    (r"Value must be an iterable\.", "值必须是一组值"),
    (r"(?P<n>\d+) values are required, but (?P<m>\d+) given\.", "需要 {n} 个值，实际给了 {m} 个"),
    # -- type errors: Pydantic's words (Typer 0.26+) ------------------------------------------
    (r"Input should be a valid integer, unable to parse string as an integer", "应为整数（无法把输入读作整数）"),
    (r"Input should be a valid integer, got a number with a fractional part", "应为整数（输入带有小数部分）"),
    (r"Input should be a valid integer(?:, .+)?", "应为整数"),
    (r"Input should be a valid number, unable to parse string as a number", "应为数（无法把输入读作数）"),
    (r"Input should be a valid number(?:, .+)?", "应为数"),
    (r"Input should be a finite number", "应为有限的数"),
    (r"Input should be greater than or equal to (?P<x>.+)", "至少要是 {x}"),
    (r"Input should be less than or equal to (?P<x>.+)", "至多是 {x}"),
    (r"Input should be greater than (?P<x>.+)", "必须大于 {x}"),
    (r"Input should be less than (?P<x>.+)", "必须小于 {x}"),
    (r"Input should be a valid boolean(?:, .+)?", "应为布尔值（true 或 false）"),
    (r"Input should be a valid string(?:, .+)?", "应为文本"),
    (r"Input should be (?P<choices>'.+')", "应为 {choices!l}"),
    (r"Value error, (?P<detail>.+)", "{detail!t}"),
    (r"Value " + _V + r" is not a valid (?P<t>.+)\.", "{v} 不是有效的 {t}"),
    (_V + r" is not one of (?P<choices>.+)\.", "{v} 不是可选的值（可选：{choices}）"),
    (_V + r" does not match the formats (?P<f>.+)\.", "{v} 不符合这些格式：{f}"),
    # -- type errors: Click 8's words (Typer before 0.26) -------------------------------------
    (_V + r" is not a valid integer( range)?\.", "{v} 不是有效的整数"),
    (_V + r" is not a valid float( range)?\.", "{v} 不是有效的数"),
    (_V + r" is not a valid boolean\.", "{v} 不是有效的布尔值（true 或 false）"),
    (_V + r" is not in the range (?P<r>.+)\.", "{v} 不在范围 {r} 内"),
    (_V + r" is not a valid (?P<t>[\w ]+)\.", "{v} 不是有效的 {t}"),
    (r"(?P<w>File|Directory|Path) (?P<p>.+) does not exist\.", "{w!w} {p} 不存在"),
    (r"(?P<w>File|Directory|Path) (?P<p>.+) is a file\.", "{w!w} {p} 是一个文件"),
    (r"(?P<w>File|Directory|Path) (?P<p>.+) is a directory\.", "{w!w} {p} 是一个目录"),
    (r"(?P<w>File|Directory|Path) (?P<p>.+) is not readable\.", "{w!w} {p} 不可读"),
    (r"(?P<w>File|Directory|Path) (?P<p>.+) is not writable\.", "{w!w} {p} 不可写"),
    # -- the toolkit's own: numbers and lists (cli/_common.py, _validate.py) -------------------
    (r"item (?P<i>\d+) of (?P<text>.+?) is empty \(use commas between numbers\)", "{text} 的第 {i} 项是空的（数与数之间用逗号隔开）"),
    (r"item (?P<i>\d+) of (?P<text>" + _Q + r"): (?P<detail>.+)", "{text} 的第 {i} 项：{detail!t}"),
    (_V + r" is not a number \(use ASCII digits\)", "{v} 不是数（请用 ASCII 数字）"),
    (_V + r" is not a number", "{v} 不是数"),
    (r"must be a finite number, got " + _V, "必须是有限的数，实际是 {v}"),
    (r"must be a number, got " + _V, "必须是数，实际是 {v}"),
    (r"(?:(?P<name>.+) )?is too large for a float", "{name}超出了浮点数的范围"),
    (r"must be a probability in \[0, 1\], got " + _V, "必须是 [0, 1] 中的概率，实际是 {v}"),
    (r"(?P<what>probabilities|scores) must lie in \[0, 1\]", "必须在 [0, 1] 内"),
    (r"must be a whole number, got " + _V, "必须是整数，实际是 {v}"),
    (r"must be a whole number from (?P<a>.+?) to (?P<b>.+?), got " + _V, "必须是从 {a} 到 {b} 的整数，实际是 {v}"),
    (r"must be at least (?P<m>.+?), got " + _V, "至少要是 {m}，实际是 {v}"),
    (r"must be at most (?P<m>.+?), got " + _V, "至多是 {m}，实际是 {v}"),
    (r"must be greater than 0 \(and below 1e30\), got " + _V, "必须大于 0（且小于 1e30），实际是 {v}"),
    (r"must be greater than (?P<m>\S+), got " + _V, "必须大于 {m}，实际是 {v}"),
    (r"must be less than (?P<m>\S+), got " + _V, "必须小于 {m}，实际是 {v}"),
    (r"must be in (?P<r>[\[(][^,\]]+, [^\])]+[\])]), got " + _V, "必须在 {r} 内，实际是 {v}"),
    (r"must be in (?P<r>[\[(][^,\]]+, [^\])]+[\])]) \((?P<note>.+)\), got " + _V, "必须在 {r} 内（{note!t}），实际是 {v}"),
    (r"(?P<who>.+) et al\. fit about (?P<x>.+)", "{who} 等人的拟合值约为 {x}"),
    (r"(?P<who>.+) et al\. fit (?P<x>.+)", "{who} 等人的拟合值为 {x}"),
    (r"must lie strictly between 0 and 1 \(0 never learns, 1 learns at once\), got " + _V,
     "必须严格介于 0 和 1 之间（0 永远学不会，1 一步就学会），实际是 {v}"),
    (r"must lie strictly between (?P<a>\S+) and (?P<b>\S+), got " + _V, "必须严格介于 {a} 和 {b} 之间，实际是 {v}"),
    (r"must lie strictly between (?P<a>\S+) and (?P<b>\S+)", "必须严格介于 {a} 和 {b} 之间"),
    (r"must be a fraction in \[0, 1\), got " + _V, "必须是 [0, 1) 中的比例，实际是 {v}"),
    (r"must be a size greater than 0, got " + _V, "必须是大于 0 的规模，实际是 {v}"),
    (r"must be auto or a whole number of steps from 1 to 100, got " + _V, "必须是 auto 或 1 到 100 之间的步数，实际是 {v}"),
    (r"must be a column name or a number of items from 1 to 1e9, got " + _V, "必须是列名或 1 到 1e9 之间的题目数，实际是 {v}"),
    (r"must be negative \((?:the )?loss falls with scale\), got " + _V, "必须为负（损失随规模下降），实际是 {v}"),
    (r"must be one of (?P<c>.+), got " + _V, "必须是 {c} 之一，实际是 {v}"),
    (r"needs at least one value", "至少需要一个值"),
    # -- model sizes ---------------------------------------------------------------------------
    (r"a range is LOW:HIGH or LOW:HIGH:COUNT, got " + _V, "范围写作 LOW:HIGH 或 LOW:HIGH:COUNT，实际是 {v}"),
    (r"a range needs 0 < LOW < HIGH, got " + _V, "范围需要 0 < LOW < HIGH，实际是 {v}"),
    (r"sizes are numbers of parameters, from 1 to (?P<m>\S+); got " + _V, "规模是参数个数，从 1 到 {m}；实际是 {v}"),
    (r"COUNT must be a whole number of at least 2, got " + _V, "COUNT 必须是至少为 2 的整数，实际是 {v}"),
    (r"at most (?P<n>[\d,]+) sizes, got (?P<v>.+?)(?: in (?P<text>.+))?", "规模最多 {n} 个，实际是 {v} 个"),
    (r"sizes must be greater than 0, got " + _V, "规模必须大于 0，实际是 {v}"),
    (r"sizes must differ from one another, got " + _V, "规模不能重复，实际是 {v}"),
    (r"model sizes must be finite and greater than 0", "模型规模必须是大于 0 的有限数"),
    (r"unknown map (?P<n>" + _Q + r"); choose one of (?P<c>.+)", "没有映射 {n}；可选：{c}"),
    (r"unknown preset (?P<n>" + _Q + r"); choose one of (?P<c>.+)", "没有预设 {n}；可选：{c}"),
    # -- output files (check_output) -----------------------------------------------------------
    (r"(?P<p>" + _Q + r") must end in (?P<ext>.+)", "{p} 的扩展名必须是 {ext!l}"),
    (r"directory (?P<d>" + _Q + r") does not exist", "目录 {d} 不存在"),
    (r"(?P<p>" + _Q + r") is a directory", "{p} 是一个目录"),
    (r"cannot write in directory (?P<d>" + _Q + r") \((?P<why>.+)\)", "无法在目录 {d} 中写入（{why!o}）"),
    # -- options that go together --------------------------------------------------------------
    (r"nothing is random (?P<why>.+) \(the seed would be ignored\)", "{why!t}没有随机抽取（种子会被忽略）"),
    (r"with (?P<opt>--[\w-]+) (?P<x>\S+)", "{opt} 为 {x} 时"),
    (r"without (?P<opt>--[\w-]+)", "不用 {opt} 时"),
    (r"in this model", "这个模型中"),
    (r"applies only with --trials \(the exact values draw no random numbers\)", "只能与 --trials 一起用（精确值不抽取随机数）"),
    (r"applies only with (?P<what>.+)", "只能与 {what} 一起用"),
    (r"applies only to a vote of more than one attempt \(vote > 1\)", "只适用于多于一次尝试的投票（vote > 1）"),
    (r"sets every step's accuracy from the map: give a single --p, or none", "每一步的准确率由映射决定：只给一个 --p，或者不给"),
    (r"needs a single p (?P<why>.+)", "只能有一个 p {why}"),
    (r"cannot be combined with (?P<x>\w+): (?P<detail>.+)", "不能与 {x} 同时用：{detail!t}"),
    (r"choose pass@M or a vote", "请在 pass@M 和投票中选一个"),
    (r"the models are subcommands now: (?P<x>.+)", "各模型现在是子命令：{x}"),
    (r"(?P<n>" + _Q + r") is given twice", "{n} 给了两次"),
    # -- input files (data.py) -----------------------------------------------------------------
    (r"no such file or directory", "没有这个文件或目录"),
    (r"no such file", "没有这个文件"),
    (r"file is empty", "文件是空的"),
    (r"has a header but no data rows", "只有表头，没有数据行"),
    (r"(?P<n>\d+) fields where the header has (?P<w>\d+)", "这一行有 {n} 个字段，而表头有 {w} 个"),
    (r"cannot read: (?P<why>.+)", "无法读取：{why!o}"),
    (r"not UTF-8 text \(byte (?P<b>0x[0-9a-f]+)\): a binary file\? Save it as UTF-8",
     "不是 UTF-8 文本（字节 {b}）：是二进制文件吗？请存为 UTF-8"),
    (r"binary data \(a NUL byte\): not a text table", "二进制数据（含 NUL 字节）：不是文本表格"),
    (r"file is (?P<n>\d+) MB; the limit is (?P<m>\d+) MB", "文件有 {n} MB，上限是 {m} MB"),
    (r"column (?P<c>" + _Q + r") appears more than once in the header", "列 {c} 在表头中出现了不止一次"),
    (r"give at least one file or directory", "请至少给出一个文件或目录"),
    (r"is a directory; --sizes takes a CSV file model,size\[,family\]", "是一个目录；--sizes 要的是 CSV 文件 model,size[,family]"),
    (r"not a regular file \(a pipe or a device\): save the results to a file and name that file",
     "不是普通文件（是管道或设备）：请把结果存成文件，再给出文件名"),
    (r"matches no metric; the files have (?P<m>.+)", "没有匹配的指标；文件中的指标有 {m}"),
    (r"(?P<p>" + _Q + r") matches none of the names in the files: (?P<s>.+)", "{p} 与文件中的名字都不匹配：{s}"),
    # -- the environment ------------------------------------------------------------------------
    (r"EMERGENCE_LANG=(?P<v>.+?) is not a language of emergence: use en or zh \(a locale name such as zh_CN\.UTF-8 counts as zh\), "
     r"or unset it", "EMERGENCE_LANG={v} 不是 emergence 能用的语言：请用 en 或 zh（zh_CN.UTF-8 之类的语言环境名算作 zh），或者不设置它"),
    # -- not the user's input: memory, disks, Ctrl-C -------------------------------------------
    (r"out of memory; choose smaller sizes or counts", "内存不足；请选更小的规模或数量"),
    (r"cannot write to standard output \((?P<why>.+)\)", "无法写入标准输出（{why!o}）"),
    (r"cannot write the output: (?P<why>.+)", "无法写入输出：{why!o}"),
    (r"cannot write (?P<what>.+?): (?P<why>.+)", "无法写入 {what}：{why!o}"),
    (r"is empty: give a name, or leave the option out", "是空的：请给出名字，或者不用这个选项"),
    (r"item (?P<i>\d+) of (?P<text>.+?) is empty \(use commas between names\)", "{text} 的第 {i} 项是空的（名字之间用逗号隔开）"),
    (r"the file name is (?P<n>\d+) bytes long; the limit is (?P<m>\d+)", "文件名有 {n} 字节，上限是 {m}"),
    (r"at most (?P<n>\d+) levels, got (?P<m>\d+)", "水平最多 {n} 个，实际是 {m} 个"),
    (r"the curve (?P<l>.+) has (?P<n>[\d,]+) model sizes; the limit is (?P<m>[\d,]+) in one curve \(choose models with --model or --family, or split the curve with --by\)",
     "曲线 {l} 有 {n} 个模型规模；一条曲线最多 {m} 个（用 --model 或 --family 选模型，或用 --by 拆分曲线）"),
    (r"(?P<c>[\d,]+) curves of (?P<p>[\d,]+) model sizes in all at (?P<r>\d+) resamples is (?P<w>[\d,]+) point-fits(?: \(with (?P<f>[\d,]+) for the figure\))?, more than the (?P<b>[\d,]+) of about ten seconds; choose curves with --task/--metric/--family/--model or lower --bootstrap",
     "{c} 条曲线、共 {p} 个模型规模，按 {r} 次重抽样要做 {w} 次单点拟合，超过约十秒能做的 {b} 次；请用 --task/--metric/--family/--model 选曲线，或降低 --bootstrap"),
    (r"(?P<n>[\d,]+) columns in the header; the limit is (?P<m>[\d,]+)(?: columns)?", "表头有 {n} 列，上限是 {m} 列"),
    (r"more than (?P<n>[\d,]+) characters in the header; the limit is (?P<m>[\d,]+) columns", "表头超过 {n} 个字符；上限是 {m} 列"),
    (r"interrupted", "已中断"),
    (r"Aborted!?", "已中止"),
)


class _Formatter(string.Formatter):
    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if value is None:
            return ""
        if conversion == "t":
            return translate(str(value))
        if conversion == "q":
            return re.sub(r"'(-[^']*)'", r"\1", str(value))
        if conversion == "l":
            return re.sub(r",? or ", " 或 ", str(value)).replace(", ", "、")
        if conversion == "y":
            return " 或 ".join(str(value).rsplit(", ", 1)).replace(", ", "、")
        if conversion == "o":
            return _os_reason(str(value))
        if conversion == "w":
            return PATH_KINDS.get(str(value), str(value))
        return super().convert_field(value, conversion)


def _os_reason(text: str) -> str:
    """An operating-system reason in Chinese: the whole text, or each known reason inside it
    (``[Errno 28] No space left on device: 'a.png'``)."""
    if text in OS_REASONS:
        return OS_REASONS[text]
    for english, chinese in OS_REASONS.items():
        text = text.replace(english, chinese)
    return text


_FORMAT = _Formatter()
RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(en, re.DOTALL), zh) for en, zh in RULES_TEXT)


def _rule(text: str) -> str | None:
    for pattern, template in RULES:
        match = pattern.fullmatch(text)
        if match is not None:
            return _FORMAT.format(template, **match.groupdict())
    return None


def translate_known(text: str) -> str | None:
    """The Chinese for ``text`` if the table knows it (also after a location such as ``data.csv:3:score: ``), else None."""
    text = text.strip()
    found = _rule(text)
    if found is not None:
        return found
    # "where: what", where only the part after a colon is a known message: a file, line and column
    start = 0
    while (i := text.find(": ", start)) != -1:
        rest = _rule(text[i + 2:])
        if rest is not None:
            return f"{text[:i]}：{rest}"
        start = i + 2
    return None


def translate(text: str) -> str:
    """The Chinese for one English error message; what the table does not know stays English.

    >>> translate("No such option: --bogus")
    '没有选项 --bogus'
    """
    found = translate_known(text)
    return found if found is not None else text.strip()

