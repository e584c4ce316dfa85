"""What ``emergence doctor`` says: the installation's facts and, without a Chinese font, how to get one."""

from emergence.i18n import Catalog

T = Catalog(
    en={
        "title": "emergence doctor: what this installation runs on",
        "python": "Python",
        "platform": "platform",
        "language": "language",
        "lang_from": "{lang} (from {source})",
        "lang_from_value": "{lang} (from {source}={value})",
        "lang_default": "{lang} (the default: no --lang, EMERGENCE_LANG, LC_ALL, LC_MESSAGES or LANG)",
        "backend": "matplotlib backend",
        "backend_none": "none selected (figures are written by the Agg, PDF and SVG renderers, which need none)",
        "freetype": "FreeType",
        "font": "Chinese font",
        "font_none": "NONE FOUND",
        "font_file": "font file",
        "found_by": "found by",
        "by_env": "EMERGENCE_FONT={value}",
        "by_cache": "matplotlib's font list",
        "by_fontconfig": "fontconfig (fc-list): installed after matplotlib built its font cache; no cache to clear",
        "outlines": "outlines, PDF font type",
        "outlines_value": "{outlines}, Type {fonttype}",
        "fontconfig": "fontconfig",
        "fc_missing": "fc-list not found (a font installed later is seen only once matplotlib's cache knows it)",
        "chromium": "chromium (report's browser test)",
        "chromium_missing": "not found (optional: only the browser test of `emergence report` needs it)",
        "playwright": "playwright (browser test)",
        "not_installed": "not installed",
        "installed": "installed",
        "no_font": "No Chinese font found: Chinese figures are drawn with English labels. Install one, then run again (no cache to clear):",
        "here": "on this system: {hint}",
        "debian": "Debian/Ubuntu: sudo apt-get install fonts-wqy-microhei",
        "fedora": "Fedora: sudo dnf install wqy-microhei-fonts",
        "mac_windows": "macOS and Windows ship one (PingFang SC, Microsoft YaHei)",
        "env": "or name a font you have: EMERGENCE_FONT=\"Noto Sans CJK SC\" or EMERGENCE_FONT=/path/to/font.ttf",
        "font_ok": "Chinese figures and PDFs are drawn with {family}.",
        "env_font": "EMERGENCE_FONT",
        "env_refused": "{value}: not used, it {why}",
    },
    zh={
        "title": "emergence doctor：这套安装的运行环境",
        "python": "Python",
        "platform": "平台",
        "language": "语言",
        "lang_from": "{lang}（来自 {source}）",
        "lang_from_value": "{lang}（来自 {source}={value}）",
        "lang_default": "{lang}（默认：没有 --lang、EMERGENCE_LANG、LC_ALL、LC_MESSAGES 或 LANG）",
        "backend": "matplotlib 后端",
        "backend_none": "未选定（图由 Agg、PDF 和 SVG 渲染器直接写出，不需要后端）",
        "freetype": "FreeType",
        "font": "中文字体",
        "font_none": "未找到",
        "font_file": "字体文件",
        "found_by": "找到的途径",
        "by_env": "EMERGENCE_FONT={value}",
        "by_cache": "matplotlib 的字体列表",
        "by_fontconfig": "fontconfig（fc-list）：在 matplotlib 建立字体缓存之后安装；无需清除缓存",
        "outlines": "轮廓、PDF 字体类型",
        "outlines_value": "{outlines}，Type {fonttype}",
        "fontconfig": "fontconfig",
        "fc_missing": "没有 fc-list（之后安装的字体要等 matplotlib 的缓存认得它才能用上）",
        "chromium": "chromium（report 的浏览器测试）",
        "chromium_missing": "未找到（可选：只有 `emergence report` 的浏览器测试需要它）",
        "playwright": "playwright（浏览器测试）",
        "not_installed": "未安装",
        "installed": "已安装",
        "no_font": "没有找到中文字体：中文图会改用英文标签。请安装一个，然后重新运行（无需清除任何缓存）：",
        "here": "本系统：{hint}",
        "debian": "Debian/Ubuntu：sudo apt-get install fonts-wqy-microhei",
        "fedora": "Fedora：sudo dnf install wqy-microhei-fonts",
        "mac_windows": "macOS 和 Windows 自带中文字体（PingFang SC、Microsoft YaHei）",
        "env": "或者指定已有的字体：EMERGENCE_FONT=\"Noto Sans CJK SC\" 或 EMERGENCE_FONT=/path/to/font.ttf",
        "font_ok": "中文图和 PDF 用 {family} 绘制。",
        "env_font": "EMERGENCE_FONT",
        "env_refused": "{value}：未采用，{why}",
    },
)

# The install hints of emergence.plotting._common.install_hint that are sentences, not commands.
HINTS_ZH = {
    "macOS ships PingFang SC; if it is missing, install a Chinese font and set EMERGENCE_FONT to its file":
        "macOS 自带 PingFang SC；如果缺失，请安装一个中文字体，并把 EMERGENCE_FONT 设为它的文件",
    "Windows ships Microsoft YaHei; if it is missing, install a Chinese font and set EMERGENCE_FONT to its file":
        "Windows 自带 Microsoft YaHei；如果缺失，请安装一个中文字体，并把 EMERGENCE_FONT 设为它的文件",
    "install the WenQuanYi Micro Hei font (package fonts-wqy-microhei on Debian/Ubuntu) or set EMERGENCE_FONT":
        "安装文泉驿微米黑字体（Debian/Ubuntu 上的软件包 fonts-wqy-microhei），或设置 EMERGENCE_FONT",
}

# Why the font $EMERGENCE_FONT names is not used (emergence.plotting._common._from_env), in Chinese.
REFUSALS_ZH = (
    (r"has no Chinese glyphs \(font (?P<x>.+)\)", "它（字体 {x}）没有中文字形"),
    (r"has no Chinese glyphs", "它没有中文字形"),
    (r"is not a font file \((?P<x>.+)\)", "它不是字体文件（{x}）"),
    (r"is neither a font file nor an installed font family", "它既不是字体文件，也不是已安装的字体族"),
)
