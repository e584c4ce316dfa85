"""The command line's ``--help`` in Chinese: every command's and every option's help text.

``emergence --help`` and each command's ``--help`` are in Chinese when the language from the
environment is Chinese (``EMERGENCE_LANG=zh``, or a ``zh_*`` locale) or when ``--lang zh`` is on
the command line. The command modules keep their English help where Typer reads it; the command
line (:mod:`emergence.cli._app`) puts the Chinese from :data:`T` in its place just before help is
shown. This module is imported only then, so a run in English never loads it.

Keys are the command's path (``"threshold quanta"``; ``"emergence"`` for the program itself) for
a command's help, and the path and the option's longest name (``"compound --p"``; an argument
by its metavar, ``"analyze PATH..."``) for an option's. Keys under ``"*"`` hold what many
commands share (``"* --json"``). Each key holds the English it translates, so a Chinese text is
used only while the English it was written for is still the one shown: when an option's English
help changes, its Chinese is no longer used and the test suite (``tests/test_help_zh.py``) names
the key to update, as it does for any option without Chinese help.
"""

from __future__ import annotations

import inspect
from typing import Any

from emergence.i18n import Catalog
from emergence.i18n.tour import CLI as _TOUR

# fmt: off
_ENTRIES: tuple[tuple[str, str, str], ...] = (
    # -- what every command has -----------------------------------------------------------------
    ("* --help", "Show this message and exit.", "显示这段帮助并退出。"),
    ("* --install-completion", "Install completion for the current shell.", "为当前的 shell 安装命令补全。"),
    ("* --show-completion", "Show completion for the current shell, to copy it or customize the installation.",
     "显示当前 shell 的命令补全脚本，可复制或自行安装。"),
    ("* --json", "Print one JSON object on stdout (the envelope: schema_version, command, params, seed, results, notes) instead of tables.",
     "在标准输出打印一个 JSON 对象（信封：schema_version、command、params、seed、results、notes），不打印表格。"),
    ("* --lang", "Language of tables, figures and messages: en or zh (default: $EMERGENCE_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG), else en).",
     "表格、图和提示信息的语言：en 或 zh（默认取 $EMERGENCE_LANG，再看系统语言环境 LC_ALL、LC_MESSAGES、LANG，否则 en）。"),
    ("* --plot", "Write the figure to FILE (.png, .svg or .pdf, by its extension).",
     "把图写入 FILE（.png、.svg 或 .pdf，按扩展名决定格式）。"),
    ("* --style", "Figure style for --plot: paper (every panel; the default) or slide (a 1280x720 projector slide: one message, large text).",
     "--plot 的图样式：paper（所有子图；默认）或 slide（1280x720 的投影幻灯片：一图一个要点，大字）。"),
    ("* --seed", "Seed of the random draws (default 0: every run gives the same numbers until you change it).",
     "随机抽取的种子（默认 0：不改它，每次运行得到同样的数）。"),
    ("* --aspect", "Shape of a --style slide: 16:9 (1280x720 pixels; the default) or 4:3 (1024x768).",
     "--style slide 的画幅：16:9（1280x720 像素；默认）或 4:3（1024x768）。"),
    ("* --detail", "Also show the technical rows (breakthroughness B, R², intervals, log10 values, sensitivities); --json always has everything.",
     "同时显示技术性的行（突变度 B、R²、区间、log10 值、敏感度）；--json 总是包含全部内容。"),

    # -- the program ---------------------------------------------------------------------------
    ("emergence",
     "Did this ability of a language model really emerge, or is the jump an artefact? Models, simulations and plots of three "
     "explanations: multi-step tasks (compound), metric choice and test-set size (metric) and thresholds on smooth curves "
     "(threshold); the three as tests on real benchmark results (analyze), and a synthetic table to try them on (simulate).",
     "语言模型的这项能力真的是“涌现”出来的吗，还是这个跃升只是假象？\n\n"
     "三种解释的模型、模拟和图：多步任务（compound）、评价指标与测试集大小（metric）、平滑曲线上的阈值（threshold）；"
     "用真实评测结果检验这三种解释（analyze），以及一张可以拿来试手的合成结果表（simulate）。"),
    ("emergence --version", "Show the version and exit.", "显示版本号并退出。"),

    # -- emergence compound --------------------------------------------------------------------
    ("compound",
     "Success of a task of k steps, each right with probability p: P = p^k, and its partial credit. Blog example: 5 steps at "
     "p = 0.4 give 1.024 %; at p = 0.6, 7.776 %. +50 % per step is +659.375 % for the task: emergence compound --p 0.4 --p-to 0.6",
     "k 步任务的成功率（每步以概率 p 做对）：P = p^k，以及它的部分得分。\n\n"
     "博客的例子：5 步、p = 0.4 时为 1.024 %；p = 0.6 时为 7.776 %。\n\n"
     "每步 +50 %，整个任务就是 +659.375 %：emergence compound --p 0.4 --p-to 0.6"),
    ("compound --p", "Per-step accuracy in [0, 1], or a comma list (one per step: k = its length).",
     "每一步的准确率，取值 [0, 1]；或逗号分隔的列表（每步一个：k 即列表长度）。"),
    ("compound --steps", "Number of steps k, 1 to 10,000,000 (default 5, or the length of the --p list).",
     "步数 k，1 到 10,000,000（默认 5，或 --p 列表的长度）。"),
    ("compound --p-to", "Compare with this per-step accuracy: gains per step and for the task.",
     "与这个每步准确率比较：每一步和整个任务各提高多少。"),
    ("compound --correlation",
     "Intra-item correlation rho in [0, 1): each item draws its accuracy X ~ Beta (mean p) shared by its steps AND its attempts "
     "(pass@M, --vote). Not with --retries.",
     "题内相关系数 rho，取值 [0, 1)：每道题抽取自己的准确率 X ~ Beta（均值 p），它的各步和各次尝试（pass@M、--vote）"
     "共用这个 X。不能与 --retries 同用。"),
    ("compound --retries", "Tries per step with a perfect checker: (1-(1-p)^R)^k (up to 1e18).",
     "有完美检查器时每步可尝试的次数：(1-(1-p)^R)^k（最多 1e18）。"),
    ("compound --attempts",
     "Attempts at the whole task, success if any is right: pass@M = 1-(1-P)^M, or 1-E[(1-X^k)^M] with --correlation (up to 1e18).",
     "整个任务尝试的次数，任一次做对即成功：pass@M = 1-(1-P)^M；有 --correlation 时为 1-E[(1-X^k)^M]（最多 1e18）。"),
    ("compound --vote",
     "Decide by a vote of M attempts. By default every wrong attempt gives the SAME wrong answer (right/wrong majority, the worst "
     "case); see --vote-wrong-answers. Ties: coin flip.",
     "由 M 次尝试投票决定。默认每次错误的尝试都给出同一个错误答案（对/错二分的多数票，最坏情形）；见 --vote-wrong-answers。"
     "平票时抛硬币。"),
    ("compound --vote-wrong-answers",
     "With --vote: a wrong attempt picks one of N distinct wrong answers uniformly, and the most votes win (self-consistency's "
     "plurality vote; ties broken at random). Default 1.",
     "与 --vote 同用：错误的尝试从 N 个不同的错误答案中均匀地选一个，得票最多者胜出（自洽性方法的相对多数投票；平票随机决定）。"
     "默认 1。"),
    ("compound --target", "Also answer: which per-step p gives end-to-end success T?",
     "另外回答：每步的 p 要多大，整个任务的成功率才能达到 T？"),
    ("compound --trials",
     "Check by Monte Carlo with N simulated tasks (each item draws one X for all its attempts); at most 5e7 random draws in all.",
     "用 N 个模拟任务做蒙特卡洛核对（每道题为它的所有尝试抽取一个 X）；随机数总共最多 5e7 个。"),
    ("compound --scale",
     "Sweep model size with a p(N) map: linear_log, logistic_log, schaeffer, power_error; parameters as MAP:key=value,...",
     "用 p(N) 映射扫描模型规模：linear_log、logistic_log、schaeffer、power_error；参数写作 MAP:key=value,..."),
    ("compound --sizes",
     "Model sizes for --scale: a list 1e8,1e9 or a range 1e7:1e13[:COUNT] (default 1e7:1e13:7, one per decade).",
     "--scale 用的模型规模：列表 1e8,1e9 或范围 1e7:1e13[:COUNT]（默认 1e7:1e13:7，每个数量级一个）。"),
    ("compound --figure",
     "What --plot draws: curves (six panels on p, k, scale and scoring) or cot (the chain-of-thought error table of Wei et al. 2022); "
     "default curves.",
     "--plot 画什么：curves（关于 p、k、规模和评分的六幅子图）或 cot（Wei 等人 2022 年的思维链错误表）；默认 curves。"),

    # -- emergence metric ----------------------------------------------------------------------
    ("metric",
     "Score one smooth model with exact match, token accuracy, edit distance, multiple choice, Brier and log-probability. "
     "Per-token loss falls smoothly, (N/c)^alpha; exact match over L tokens jumps while the partial-credit metrics climb steadily "
     "over the same sizes, and a test set of n items reads anything below 1/(2n) as zero (Schaeffer, Miranda and Koyejo 2023). "
     "Try: emergence metric --tokens 5 --items 100, then --items 10000.",
     "用精确匹配、词元准确率、编辑距离、多项选择、Brier 分数和对数概率给同一个平滑的模型打分。\n\n"
     "每个词元的损失 (N/c)^alpha 平滑下降；L 个词元的精确匹配会跳变，而部分得分的指标在同样的规模上稳步上升；"
     "n 道题的测试集把低于 1/(2n) 的值都读成零（Schaeffer、Miranda 和 Koyejo 2023）。"
     "试试：emergence metric --tokens 5 --items 100，再用 --items 10000。"),
    ("metric --tokens", "Answer length L in tokens (1 to 1,000,000); exact match needs all L right.",
     "答案长度 L（词元数，1 到 1,000,000）；精确匹配要求 L 个全对。"),
    ("metric --c", "Scale c (parameters, 1 to 1e20) of the loss (N/c)^alpha; overrides the preset.",
     "损失 (N/c)^alpha 的尺度 c（参数个数，1 到 1e20）；覆盖预设值。"),
    ("metric --alpha", "Exponent alpha (-10 to -0.01) of the loss (N/c)^alpha; overrides the preset.",
     "损失 (N/c)^alpha 的指数 alpha（-10 到 -0.01）；覆盖预设值。"),
    ("metric --preset", "Constants: ours (c=1e9, alpha=-0.5, illustrative) or kaplan (c=8.8e13, alpha=-0.076).",
     "常数：ours（c=1e9，alpha=-0.5，仅作示意）或 kaplan（c=8.8e13，alpha=-0.076）。"),
    ("metric --options", "Number of multiple-choice options K (2 to 1000).", "多项选择的选项数 K（2 到 1000）。"),
    ("metric --sigma", "Item noise: sd of every option's logit across items, 0 (identical items) or 0.05 to 10.",
     "题目噪声：各选项 logit 在题目之间的标准差，0（题目完全相同）或 0.05 到 10。"),
    ("metric --items", "Test items n per model size (resolution 1/n); items x sizes x (K + 1) at most 40,000,000.",
     "每个模型规模的测试题数 n（分辨率 1/n）；题数 x 规模数 x (K + 1) 最多 40,000,000。"),
    ("metric --sizes", "Model sizes: a list 1e8,1e9 or a range 1e7:1e13[:COUNT].",
     "模型规模：列表 1e8,1e9 或范围 1e7:1e13[:COUNT]。"),
    ("metric --figure",
     "Which figure --plot draws: overview (4 panels, the default), schaeffer (6-panel replica) or resolution (n = 10..10000).",
     "--plot 画哪幅图：overview（4 幅子图，默认）、schaeffer（仿原文的 6 幅子图）或 resolution（n = 10..10000）。"),

    # -- emergence threshold -------------------------------------------------------------------
    ("threshold",
     'A capability is "there" when a smooth curve crosses a level set by human judgement. Without a subcommand: the bullet example '
     "(dimensions).",
     "平滑曲线越过一个由人的判断设定的水平时，一项能力就“出现”了。\n\n不带子命令时：子弹的例子（dimensions）。"),
    ("threshold dimensions",
     "The bullet example (the default): 3 parameters describe a bullet's shape, 4 its position, 6 its trajectory. Underneath the "
     "staircase the reconstruction error R(d) falls smoothly; a projectile fit shows when a threshold is genuine.",
     "子弹的例子（默认）：3 个参数描述子弹的形状，4 个描述位置，6 个描述轨迹。\n\n"
     "台阶之下，重建误差 R(d) 平滑下降；抛体拟合说明阈值何时是真实的。"),
    ("threshold dimensions --tau", "Relative-error tolerances, a comma list (default 0.2,0.1,0.05).",
     "相对误差的容限，逗号分隔的列表（默认 0.2,0.1,0.05）。"),
    ("threshold dimensions --ladder",
     "Parameters each capability needs, NAME=D,...; overrides or adds to shape=3,position=4,trajectory=6 (trajectory=7 adds a drag "
     "coefficient); at most 20 capabilities, D up to 10,000.",
     "每项能力需要的参数个数，NAME=D,...；覆盖或补充 shape=3,position=4,trajectory=6（trajectory=7 即加上阻力系数）；"
     "最多 20 项能力，D 最大 10,000。"),
    ("threshold dimensions --s", "Energy exponent: coefficient j carries j^-s (s > 1).", "能量指数：第 j 个系数携带 j^-s（s > 1）。"),
    ("threshold dimensions --max-dims", "Largest number of parameters d shown (projectile fits stop at 10).",
     "显示的最大参数个数 d（抛体拟合到 10 为止）。"),
    ("threshold dimensions --drag", "Linear air-drag coefficient k (1/s) of the second projectile.",
     "第二个抛体的线性空气阻力系数 k（1/s）。"),
    ("threshold dimensions --noise", "Standard deviation (m, at most 1000) of the noise added to the third projectile; 0 for none.",
     "加在第三个抛体上的噪声的标准差（米，最多 1000）；0 表示不加。"),
    ("threshold observers",
     "One threshold, many raters, many seeds: the emergence point N* = q^-1(tau) of a smooth quality q(N) moves with the threshold "
     "tau; a population of raters sees a smooth curve, and each seed run jumps while their mean is smooth.",
     "一个阈值、许多评判者、许多随机种子。\n\n"
     "平滑质量 q(N) 的涌现点 N* = q^-1(tau) 随阈值 tau 移动；一群评判者看到的是平滑曲线；每次种子运行都会跳变，而它们的平均是平滑的。"),
    ("threshold observers --tau", "Quality levels of single observers, a comma list in [1e-6, 1 - 1e-6] (default 0.5,0.8,0.9).",
     "单个观察者的质量水平，逗号分隔的列表，取值 [1e-6, 1 - 1e-6]（默认 0.5,0.8,0.9）。"),
    ("threshold observers --scale",
     "Quality map q(N): linear_log, logistic_log, schaeffer, power_error; parameters as MAP:key=value,...",
     "质量映射 q(N)：linear_log、logistic_log、schaeffer、power_error；参数写作 MAP:key=value,..."),
    ("threshold observers --sizes", "Model sizes N: a list 1e8,1e9 or a range LOW:HIGH or LOW:HIGH:COUNT.",
     "模型规模 N：列表 1e8,1e9，或范围 LOW:HIGH 或 LOW:HIGH:COUNT。"),
    ("threshold observers --raters", "Distribution of the raters' thresholds.", "评判者阈值的分布。"),
    ("threshold observers --rater-centre", "Median (logitnormal) or mean (beta) threshold of the raters.",
     "评判者阈值的中位数（logitnormal）或均值（beta）。"),
    ("threshold observers --rater-spread",
     "Spread of the raters' thresholds: sd of their logits (logitnormal) or 1/(a+b+1) in (0, 1) (beta).",
     "评判者阈值的离散程度：其 logit 的标准差（logitnormal），或取值 (0, 1) 的 1/(a+b+1)（beta）。"),
    ("threshold observers --runs", "Seed runs: each steps, their mean is smooth (0 for none).",
     "种子运行的次数：每次都是台阶，它们的平均是平滑的（0 表示不做）。"),
    ("threshold quanta",
     "The quantization model (Michaud et al. 2023): skills are quanta used with Zipf frequencies and learned in order; each quantum "
     "is a step in N, the mean loss a smooth power law. Memory does not grow with the number of quanta.",
     "量子化模型（Michaud 等人 2023）。\n\n"
     "技能是按 Zipf 频率使用、依次学会的“量子”；每个量子在 N 上是一个台阶，平均损失则是平滑的幂律。内存不随量子数增长。"),
    ("threshold quanta --tau", "Loss levels in nats, a comma list between a and b (default 0.2,0.1,0.05).",
     "损失水平（单位 nat），逗号分隔的列表，介于 a 和 b 之间（默认 0.2,0.1,0.05）。"),
    ("threshold quanta --sizes", "Model sizes N: a list 1e8,1e9 or a range LOW:HIGH or LOW:HIGH:COUNT.",
     "模型规模 N：列表 1e8,1e9，或范围 LOW:HIGH 或 LOW:HIGH:COUNT。"),
    ("threshold quanta --alpha", "Zipf exponent alpha in [0.01, 10]: quantum k is used with frequency k^-(alpha+1)/zeta(alpha+1).",
     "Zipf 指数 alpha，取值 [0.01, 10]：第 k 个量子的使用频率为 k^-(alpha+1)/zeta(alpha+1)。"),
    ("threshold quanta --capacity", "Parameters C per quantum (1e-10 to 1e30): N parameters learn floor(N/C) quanta.",
     "每个量子需要的参数个数 C（1e-10 到 1e30）：N 个参数学会 floor(N/C) 个量子。"),
    ("threshold quanta --loss-before", "Loss b (nats) before a quantum is learned (default ln 2).",
     "学会一个量子之前的损失 b（nat；默认 ln 2）。"),
    ("threshold quanta --loss-after", "Loss a (nats) once it is learned.", "学会之后的损失 a（nat）。"),
    ("threshold quanta --polygenic", "Quanta a polygenic sample needs, drawn by frequency (0 for none).",
     "一个“多基因”样本需要的量子数，按频率抽取（0 表示不抽）。"),
    ("threshold composition",
     "A toy model in the spirit of Okawa et al. (2023): a task needs n abilities, each learned with probability p per step, so "
     "P(n, t) = (1 - (1 - p)^t)^n; each ability rises smoothly, their product late and steeply. It is emergence compound with n "
     "steps, each retried t times with a perfect checker, and is computed by it. Nothing is random.",
     "一个仿照 Okawa 等人（2023）思路的玩具模型。\n\n"
     "任务需要 n 项能力，每项在每个训练步以概率 p 学会，所以 P(n, t) = (1 - (1 - p)^t)^n；每项能力平滑上升，它们的乘积却上升得晚而陡。"
     "它就是 n 步、每步有完美检查器重试 t 次的 emergence compound，也由它来计算。这里没有随机性。"),
    ("threshold composition --tau", "Target successes P*, a comma list in (0, 1) (default 0.5,0.8,0.9).",
     "目标成功率 P*，逗号分隔的列表，取值 (0, 1)（默认 0.5,0.8,0.9）。"),
    ("threshold composition --p", "Probability per training step that one ability is learned, in (0, 1).",
     "每个训练步学会一项能力的概率，取值 (0, 1)。"),
    ("threshold composition --abilities", "Largest number n of abilities the task needs (curves for 1..n).",
     "任务需要的能力数 n 的最大值（画出 1..n 的曲线）。"),
    ("threshold composition --steps", "Training steps shown, t = 0..STEPS (curves at 1,001 of them at most).",
     "显示的训练步数，t = 0..STEPS（曲线最多取其中 1,001 个点）。"),

    # -- emergence analyze ---------------------------------------------------------------------
    ("analyze",
     "Test the three explanations of a jump on real results: breakthroughness, a sigmoid fit with bootstrap intervals, a backtest "
     "on the largest models, and the metric, compounding, resolution and threshold tests. Examples: emergence analyze "
     "examples/synthetic_results.csv; emergence analyze results/ --task 'arithmetic_*' --family pythia --plot curves.png --csv curves.csv",
     "在真实结果上检验跃升的三种解释。\n\n突变度、带自助法区间的 S 形曲线拟合、在最大模型上的回测，以及指标、复合、分辨率和阈值四项检验。\n\n"
     "例子：emergence analyze examples/synthetic_results.csv；"
     "emergence analyze results/ --task 'arithmetic_*' --family pythia --plot curves.png --csv curves.csv"),
    ("analyze PATH...", "CSV/TSV tables, lm-evaluation-harness result files, or directories searched for both.",
     "CSV/TSV 表格、lm-evaluation-harness 结果文件，或在其中查找这两种文件的目录。"),
    ("analyze --size-col", "Column of model sizes (parameters, tokens or FLOPs; > 0). Guessed when unambiguous.",
     "模型规模所在的列（参数、词元或 FLOPs；> 0）。没有歧义时自动猜测。"),
    ("analyze --size-unit", "Multiply sizes by this (1e9 for billions); guessed from names like params_b.",
     "把规模乘以这个数（以十亿计时用 1e9）；可从 params_b 之类的列名猜出。"),
    ("analyze --score-col", "Score column, or several (COL,COL: a wide table, one column per metric).",
     "分数所在的列，或多列（COL,COL：宽表，每个指标一列）。"),
    ("analyze --metric-col", "Column naming the metric of each row (long tables).", "给出每行指标名的列（长表）。"),
    ("analyze --task-col", "Column naming the task.", "给出任务名的列。"),
    ("analyze --model-col", "Column naming the model.", "给出模型名的列。"),
    ("analyze --family-col", "Column naming the model family (one curve per family).", "给出模型系列的列（每个系列一条曲线）。"),
    ("analyze --by", "More columns that split curves (COL,COL), e.g. prompt format or shots.",
     "再按这些列拆分曲线（COL,COL），例如提示格式或示例数。"),
    ("analyze --items", "Test items per score: a column name, or one number N for all.",
     "每个分数对应的测试题数：一个列名，或对所有分数都用的一个数 N。"),
    ("analyze --stderr-col", "Column of standard errors.", "标准误所在的列。"),
    ("analyze --sizes", "CSV model,size[,family] giving sizes (and families); it always wins.",
     "给出规模（及系列）的 CSV 文件 model,size[,family]；它总是优先。"),
    ("analyze --task", "Only these tasks (values or globs, repeatable or COMMA,LIST).",
     "只看这些任务（值或通配符，可重复给出或写成逗号列表）。"),
    ("analyze --metric", "Only these metrics.", "只看这些指标。"),
    ("analyze --family", "Only these families.", "只看这些模型系列。"),
    ("analyze --model", "Only these models.", "只看这些模型。"),
    ("analyze --lower", "Metrics where lower is better (perplexity, loss, Brier... are known).",
     "越低越好的指标（困惑度、损失、Brier 等已经认得）。"),
    ("analyze --chance", "Chance level as a fraction (1/K for K options): drawn, and the fit's lower plateau.",
     "随机水平，以比例表示（K 个选项时为 1/K）：画在图上，并作为拟合的下平台。"),
    ("analyze --bootstrap",
     "Bootstrap resamples per curve (case resampling; default 1000, fewer when there are many curves or sizes, said in a note).",
     "每条曲线的自助法重抽样次数（按个案重抽；默认 1000，曲线或规模很多时会减少，并在注释中说明）。"),
    ("analyze --holdout", "Backtest: hold out the K largest models of each curve.", "回测：留出每条曲线上最大的 K 个模型。"),
    ("analyze --cutoff", "Backtest: hold out every model larger than SIZE instead (in the sizes' units).",
     "回测：改为留出所有大于 SIZE 的模型（单位与规模相同）。"),
    ("analyze --steps", "Compounding test: a number of steps K, or auto (the K in 1..--max-steps that is straightest).",
     "复合检验：步数 K，或 auto（在 1..--max-steps 中取使曲线最直的 K）。"),
    ("analyze --max-steps", "Largest K tried by --steps auto.", "--steps auto 尝试的最大 K。"),
    ("analyze --level",
     "Threshold test: score levels (comma list of at most 20; fractions, also on 0-100 curves). Default: 10/50/90 % of the "
     "fitted rise.",
     "阈值检验：分数水平（逗号列表，最多 20 个；用比例表示，0-100 的曲线也一样）。默认：拟合上升幅度的 10/50/90 %。"),
    ("analyze --top", "Curves described in detail, and drawn by --plot (at most 12; 2 on a slide).",
     "详细描述并由 --plot 画出的曲线条数（最多 12 条；幻灯片上 2 条）。"),
    ("analyze --csv", "Write the per-curve table to FILE (.csv).", "把逐条曲线的表写入 FILE（.csv）。"),

    # -- emergence simulate --------------------------------------------------------------------
    ("simulate",
     "Write a SYNTHETIC results table (three model families, ten sizes, tasks scored by exact match and by partial credit on the "
     "same simulated outputs) in the long form `emergence analyze` reads. Example: emergence simulate --out results.csv && "
     "emergence analyze results.csv (the default seed gives examples/synthetic_results.csv).",
     "写出一张【合成】结果表，格式为 `emergence analyze` 读取的长表。\n\n"
     "三个模型系列、十个规模，同一批模拟输出分别用精确匹配和部分得分评分。\n\n"
     "例子：emergence simulate --out results.csv && emergence analyze results.csv（默认种子得到的就是 examples/synthetic_results.csv）。"),
    ("simulate --out", "Write the table to FILE (.csv); without it, print it on stdout.",
     "把表写入 FILE（.csv）；不给时打印到标准输出。"),
    ("simulate --items", "Test items per task and model (the resolution is 1/items).",
     "每个任务、每个模型的测试题数（分辨率为 1/题数）。"),
    # -- emergence tour: its own catalog has the Chinese --------------------------------------
    ("tour", _TOUR("help", "en"), _TOUR("help", "zh")),
    ("tour --out", _TOUR("help_out", "en"), _TOUR("help_out", "zh")),
    ("tour --step", _TOUR("help_step", "en"), _TOUR("help_step", "zh")),
    ("tour --slides", _TOUR("help_slides", "en"), _TOUR("help_slides", "zh")),
    ("tour --aspect", _TOUR("help_aspect", "en"), _TOUR("help_aspect", "zh")),
    ("tour --only", _TOUR("help_only", "en"), _TOUR("help_only", "zh")),

    # -- emergence report ----------------------------------------------------------------------
    ("report",
     "Write the lesson as one self-contained HTML page (no network: inline figures, data and script) with live sliders for the "
     "three hypotheses. Example: emergence report --lang zh --out lesson.html",
     "把整堂课写成一个自成一体的 HTML 网页。\n\n不联网：图、数据和脚本都内嵌；三个假说各有可拖动的滑块。\n\n"
     "例子：emergence report --lang zh --out lesson.html"),
    ("report --out", "Write the page to FILE (.html or .htm).", "把网页写入 FILE（.html 或 .htm）。"),

    # -- emergence doctor ----------------------------------------------------------------------
    ("doctor",
     "Show what this installation runs on: versions, platform, the language and where it comes from, matplotlib's backend, "
     "the Chinese font figures use (and how to install one when there is none) and a browser for the report's test. "
     "Example: emergence doctor --lang zh",
     "显示这套安装的运行环境。\n\n"
     "包括：各软件的版本、平台、所用语言及其来源、matplotlib 的后端、图所用的中文字体（没有时告诉你怎么安装），"
     "以及 report 的浏览器测试要用的浏览器。例子：emergence doctor --lang zh"),
)
# fmt: on


# Typer's rich help: its headings and tags (module constants of typer.rich_utils) in Chinese.
HEADINGS = {
    "OPTIONS_PANEL_TITLE": "选项",
    "ARGUMENTS_PANEL_TITLE": "参数",
    "COMMANDS_PANEL_TITLE": "命令",
    "ERRORS_PANEL_TITLE": "错误",
    "DEFAULT_STRING": "[默认：{}]",
    "ENVVAR_STRING": "[环境变量：{}]",
    "REQUIRED_LONG_STRING": "[必填]",
    "DEPRECATED_STRING": "（已弃用）",
    "ABORTED_TEXT": "已中止。",
    "RICH_HELP": "用 [blue]'{command_path} {help_option}'[/] 查看帮助。",
}
USAGE = "用法: "
OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]..."


def plain(text: str | None) -> str:
    """Help text as the catalog stores its English: dedented, on one line."""
    return " ".join(inspect.cleandoc(text or "").split())


T = Catalog(en={key: plain(en) for key, en, _ in _ENTRIES}, zh={key: zh for key, _, zh in _ENTRIES})


def param_key(param: Any) -> str:
    """The catalog name of a Click parameter: its longest option name, or an argument's metavar."""
    opts = [o for o in getattr(param, "opts", ()) if o.startswith("-")]
    if opts:
        return max(opts, key=len)
    return str(getattr(param, "metavar", None) or param.name.upper())


def chinese(keys: tuple[str, ...], english: str | None) -> str | None:
    """The Chinese of the first key in ``keys`` whose English is ``english``; None if there is none.

    >>> chinese(("compound --p", "* --p"), "Per-step accuracy in [0, 1], or a comma list (one per step: k = its length).")[:9]
    '每一步的准确率，取'
    >>> chinese(("compound --p",), "Some other text.") is None
    True
    """
    wanted = plain(english)
    if not wanted:
        return None
    en = T.text("en")
    for key in keys:
        if key in en and en[key] == wanted:
            return T(key, "zh")
    return None


def command_help(path: str, english: str | None) -> str | None:
    """The Chinese help of the command at ``path`` (``"emergence"``, ``"compound"``, ``"threshold quanta"``)."""
    return chinese((path,), english)


def option_help(path: str, param: Any) -> str | None:
    """The Chinese help of a parameter of the command at ``path``: its own entry, else the shared one."""
    key = param_key(param)
    return chinese((f"{path} {key}", f"* {key}"), getattr(param, "help", None))


# The defaults options describe in words (``show_default="..."``), in Chinese.
DEFAULTS_ZH = {
    "the 8 GPT-3 sizes, 1.25e8 to 1.75e11": "GPT-3 的 8 个规模，1.25e8 到 1.75e11",
}


def default_text(english: str) -> str:
    """The Chinese of a default described in words (the English when the catalog lacks it).

    >>> default_text("the 8 GPT-3 sizes, 1.25e8 to 1.75e11")
    'GPT-3 的 8 个规模，1.25e8 到 1.75e11'
    """
    return DEFAULTS_ZH.get(english, english)


def short(text: str) -> str:
    """The head of a Chinese help text for the list of commands: up to the first full stop or colon.

    >>> short("一个阈值、许多评判者。\\n\\n更多。"), short("子弹的例子（默认）：3 个参数")
    ('一个阈值、许多评判者', '子弹的例子（默认）')
    """
    first = text.split("\n\n", 1)[0]
    return first.split("。", 1)[0].split("：", 1)[0]
