"""Text of the report page (``emergence report``): headings, slider labels, the numbers read out beside
the sliders, legends, axis titles and the command's messages (:data:`T`)."""

from emergence.i18n import Catalog

T = Catalog(
    en={
        "title": "Emergence, or a mirage? The lesson, with sliders",
        "intro": "The blog's argument step by step, each step with its table and the command that reproduces its figure, "
                 "and three sets of sliders to try the three explanations yourself. Every number on this page was computed "
                 "by the emergence toolkit when the page was written; the sliders only choose among those numbers and draw "
                 "them.",
        "seed": "Simulated test items use the random seed {seed}, so the whole class sees the same numbers; "
                "emergence report --seed N draws others.",
        "noscript": "The sliders need JavaScript. The lesson's figures and tables below do not.",
        "contents": "Contents",
        "lesson": "The lesson",
        "command": "The command that reproduces this figure",
        "command_step": "The command that reproduces this step",
        "cli": "The same numbers on the command line",
        "figure_label": "Figure: {title}",
        "try": "Try it",
        "try_toc": "Try it: {title}",
        # hypothesis 1
        "h1_title": "Hypothesis 1: a task of k steps",
        "h1_text": "Each step is right with a probability p(N) that rises smoothly with model size N: {p_low} at {n_low} "
                   "and {p_high} at {n_high} parameters, the blog's two numbers. The task counts as solved only when all k "
                   "steps are right: P = p^k, the exact match. Partial credit, the expected fraction of steps right, is p "
                   "itself. Move k: with more steps the exact match stays near zero longer and then shoots up, although "
                   "every single step improves just as smoothly as before. Move p to mark a model and read P = p^k.",
        "k": "number of steps k",
        "k_value": "{k} steps",
        "k_value_one": "1 step",
        "p": "per-step accuracy p of the marked model",
        "p_value": "p = {p}",
        "h1_readout": "Marked model: {size} parameters, each step right with p = {p}. All {k} steps right: "
                      "P = {p_plain}^{k} = {exact}. Partial credit: {partial} of the steps right on average.",
        "h1_exact": "exact match: all k steps right, P = p(N)^k",
        "h1_partial": "partial credit: expected fraction of steps right, p(N)",
        "h1_marker": "the marked model (the p slider)",
        "h1_chart": "Exact match and partial credit of a task of k steps against model size",
        # hypothesis 2
        "h2_title": "Hypothesis 2: the metric and the size of the test set",
        "h2_text": "One model answers questions whose answers have {tokens} tokens; each token is right with probability "
                   "p(N) = exp(-(N / 10^9)^-0.5). The same simulated answers are scored twice: exact match (all "
                   "{tokens} tokens right) and partial credit (the fraction of tokens right). A test set of n items "
                   "shows a score only in steps of 1/n, so a model whose true rate lies below that reads 0. Switch the "
                   "metric and change n: the sudden jump belongs to exact match read on few items.",
        "metric": "score the answers by",
        "metric_exact": "exact match",
        "metric_partial": "partial credit",
        "n": "test items n",
        "n_value": "{n} items",
        "h2_readout_exact": "n = {n} items: the smallest non-zero exact match is 1/n = {floor}. {zeros} of the {models} "
                            "models score exactly 0, and a 0 only says that the rate is below {bound} (95 % upper bound); "
                            "the dashed line jumps where the solid one rises smoothly.",
        "h2_readout_partial": "n = {n} items, the same answers scored by partial credit: {zeros} of the {models} models "
                              "score 0, and a score moves in steps of 1/({tokens}n) = {step}. The curve read on the test "
                              "set follows the smooth expected one.",
        "h2_expected_exact": "exact match, expected (infinitely many items)",
        "h2_observed_exact": "exact match read on n simulated items",
        "h2_floor": "1/n: the smallest non-zero exact match",
        "h2_expected_partial": "partial credit, expected (infinitely many items)",
        "h2_observed_partial": "partial credit read on the same n items",
        "h2_floor_partial": "1/({tokens}n): the smallest non-zero partial credit",
        "h2_chart": "Exact match or partial credit of one model against its size, expected and read on n test items",
        # hypothesis 3
        "h3_title": "Hypothesis 3: a threshold on a smooth curve",
        "h3_text": "The quality q(N) of a model's answers rises smoothly with its size. An observer calls the capability "
                   "present once q reaches a threshold τ and sees a step: absent, then present. Where that step sits, the "
                   "size at which the capability \"emerges\", is set by τ, a choice of the observer, not by the model. "
                   "Move τ.",
        "tau": "threshold τ",
        "tau_value": "τ = {tau}",
        "h3_readout": "Threshold τ = {tau}: the observer sees the capability appear at N* = {size} parameters. Near this τ, "
                      "each +0.01 in τ moves N* by about {rate} decades of model size; from τ = {tau_a} to {tau_b}, N* "
                      "moves from {size_a} to {size_b} ({move} decades).",
        "h3_quality": "quality q(N), smooth",
        "h3_step": "the observer's verdict (100 % = present)",
        "h3_threshold": "threshold τ",
        "h3_chart": "A smooth quality against model size, a threshold on it and the step an observer sees",
        # axes
        "x_axis": "model size N (parameters, log scale)",
        "y_score": "score (%)",
        "y_quality": "quality, verdict (%)",
        # the command
        "written": "report written to {path} ({size} KB)",
        "note_seed": "the simulated test items of hypothesis 2 use seed {seed}",
    },
    zh={
        "title": "涌现，还是错觉？带滑块的课程",
        "intro": "按博客的论证顺序一步一步来，每一步附上表格和重现其图的命令；另有三组滑块，可以亲手试一试三个解释。"
                 "本页上的每个数字都是写出本页时由 emergence 工具包计算的；滑块只是在这些数字中选取并画出来。",
        "seed": "模拟测试题使用随机种子 {seed}，全班看到的数字都一样；用 emergence report --seed N 可换一批。",
        "noscript": "滑块需要 JavaScript；下面课程中的图和表格不需要。",
        "contents": "目录",
        "lesson": "课程",
        "command": "重现此图的命令",
        "command_step": "重现这一步的命令",
        "cli": "在命令行上得到同样的数字",
        "figure_label": "图：{title}",
        "try": "动手试一试",
        "try_toc": "动手试一试：{title}",
        # hypothesis 1
        "h1_title": "假说一：k 个步骤的任务",
        "h1_text": "每个步骤正确的概率 p(N) 随模型规模 N 平滑上升：{n_low} 参数时为 {p_low}，{n_high} 参数时为 {p_high}，"
                   "正是博客里的两个数字。只有 k 个步骤全部正确，任务才算完成：P = p^k，即完全匹配。部分得分（做对步骤的期望比例）"
                   "就是 p 本身。拖动 k：步骤越多，完全匹配在零附近停留得越久，然后陡然上升，而每个步骤的进步和原来一样平滑。"
                   "拖动 p 标出一个模型，读出 P = p^k。",
        "k": "步骤数 k",
        "k_value": "{k} 个步骤",
        "k_value_one": "1 个步骤",
        "p": "所标模型的单步正确率 p",
        "p_value": "p = {p}",
        "h1_readout": "所标模型：{size} 参数，每步正确率 p = {p}。{k} 步全对：P = {p_plain}^{k} = {exact}。"
                      "部分得分：平均做对 {partial} 的步骤。",
        "h1_exact": "完全匹配：k 步全对，P = p(N)^k",
        "h1_partial": "部分得分：做对步骤的期望比例，p(N)",
        "h1_marker": "所标模型（p 滑块）",
        "h1_chart": "k 步任务的完全匹配与部分得分随模型规模的变化",
        # hypothesis 2
        "h2_title": "假说二：评价指标与测试集大小",
        "h2_text": "一个模型回答答案长 {tokens} 个词元的问题，每个词元正确的概率为 p(N) = exp(-(N / 10^9)^-0.5)。"
                   "同一批模拟答案计两次分：完全匹配（{tokens} 个词元全对）和部分得分（做对词元的比例）。"
                   "n 道题的测试集只能以 1/n 为台阶显示得分，真实正确率低于它的模型读数为 0。"
                   "切换指标、改变 n：突然的跃升属于在少量题目上读出的完全匹配。",
        "metric": "答案的计分方式",
        "metric_exact": "完全匹配",
        "metric_partial": "部分得分",
        "n": "测试题数 n",
        "n_value": "{n} 道题",
        "h2_readout_exact": "n = {n} 道题：最小的非零完全匹配得分是 1/n = {floor}。{models} 个模型中有 {zeros} 个得分恰为 0，"
                            "而 0 只说明正确率低于 {bound}（95 % 上界）；实线平滑上升的地方，虚线在跳跃。",
        "h2_readout_partial": "n = {n} 道题，同一批答案按部分得分计：{models} 个模型中有 {zeros} 个得分为 0，"
                              "得分以 1/({tokens}n) = {step} 为台阶变化。在测试集上读出的曲线紧跟平滑的期望曲线。",
        "h2_expected_exact": "完全匹配的期望值（题目无穷多）",
        "h2_observed_exact": "在 n 道模拟题上读出的完全匹配",
        "h2_floor": "1/n：最小的非零完全匹配得分",
        "h2_expected_partial": "部分得分的期望值（题目无穷多）",
        "h2_observed_partial": "在同样 n 道题上读出的部分得分",
        "h2_floor_partial": "1/({tokens}n)：最小的非零部分得分",
        "h2_chart": "一个模型的完全匹配或部分得分随规模的变化：期望值与在 n 道测试题上的读数",
        # hypothesis 3
        "h3_title": "假说三：平滑曲线上的阈值",
        "h3_text": "模型回答的质量 q(N) 随规模平滑上升。观察者在 q 达到阈值 τ 时认为能力已经出现，于是看到一个台阶：先没有，后来有。"
                   "这个台阶的位置，即能力“涌现”的规模，由 τ 决定，是观察者的选择，而不是模型的性质。拖动 τ。",
        "tau": "阈值 τ",
        "tau_value": "τ = {tau}",
        "h3_readout": "阈值 τ = {tau}：观察者看到能力在 N* = {size} 参数处出现。在这个 τ 附近，τ 每提高 0.01，N* 大约移动 "
                      "{rate} 个数量级；τ 从 {tau_a} 到 {tau_b}，N* 从 {size_a} 移到 {size_b}（{move} 个数量级）。",
        "h3_quality": "质量 q(N)，平滑",
        "h3_step": "观察者的判断（100 % = 已出现）",
        "h3_threshold": "阈值 τ",
        "h3_chart": "平滑的质量随模型规模的变化、其上的阈值，以及观察者看到的台阶",
        # axes
        "x_axis": "模型规模 N（参数量，对数刻度）",
        "y_score": "得分（%）",
        "y_quality": "质量、判断（%）",
        # the command
        "written": "报告已写入 {path}（{size} KB）",
        "note_seed": "假说二的模拟测试题使用随机种子 {seed}",
    },
)
