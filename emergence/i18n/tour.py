"""Text of the lesson (``emergence tour``): the narrative of each step (:data:`T`), the lesson's own
figure panels (:data:`FIG`) and what the command says (:data:`CLI`).

The narrative follows the blog post the toolkit comes from (its order, its examples and, in
Chinese, its words); every number in it is a format field filled by :mod:`emergence.tour` from the
toolkit's core, never written here.
"""

from emergence.i18n import Catalog

T = Catalog(
    en={
        # 1. the phenomenon
        "phen_title": "The phenomenon: an ability that seems to appear all at once",
        "phen_p1": "A model answers {items} questions. Each answer has {tokens} tokens and counts only if every token is right "
                   "(exact match). Eight model sizes, from {smallest} to {largest}, as in the GPT-3 family.",
        "phen_zeros": "The {zeros} smallest models get nothing right: 0 of {items}, up to {last_zero}.",
        "phen_rise": "Then come {rise}.",
        "phen_jump": "Between {step_from} and {step_to} the score leaps from {before} to {after}: {share} of the whole rise in "
                     "one step.",
        "phen_p3": "This is what is called emergence. The first paper on it (Wei et al. 2022, “Emergent Abilities of Large Language "
                   "Models”) calls an ability emergent if it is absent in smaller models but present in larger ones, so that it "
                   "cannot be predicted by extrapolating the smaller models. Like a child who, growing up, suddenly “gets it”.",
        "phen_p4": "Quantity turns into quality, but why? The blog post this lesson follows offers three hypotheses; each of the "
                   "next steps computes one of them, live.",
        "phen_p5": "These answers are simulated by the toolkit from a model whose loss per token falls smoothly with size "
                   "(random seed {seed}): whoever runs this lesson with the same seed sees the same numbers.",
        "phen_table": "Questions answered exactly right, out of {items}",
        "phen_caption": "Answers of {tokens} tokens; an answer counts only when all {tokens} are right. Simulated with seed {seed}.",
        "col_size": "model size",
        "col_right": "right answers",
        "col_exact": "exact match",
        # 2. hypothesis 1
        "dec_title": "Hypothesis 1: a task made of steps",
        "dec_p1": "A complex task is broken into sub-tasks, and it succeeds only if every one of them does: with {k} steps, each "
                  "right with probability p, the task is right with probability P = p^{k}.",
        "dec_p2": "The blog's numbers: each step is right {p} of the time in a smaller model and {p_to} in a larger one. The "
                  "whole task goes from {P} to {P_to}.",
        "dec_p3": "The step got {step_gain} better ({points} percentage points); the task got {task_gain} better, {ratio} times "
                  "as likely (the blog rounds this to {rounded}).",
        "dec_p4": "The more steps, the larger the jump from the same gain per step: with {k_long} steps, the same {p} → {p_to} "
                  "makes the task {gain_long} better.",
        "dec_p5": "So even if the accuracy of every step rises smoothly with model size, a benchmark full of tasks broken into "
                  "many steps shows a curve that seems to jump: the jump comes from the multiplication, not from a sudden "
                  "insight of the model.",
        "dec_table": "The blog's example: a task of {k} steps",
        "dec_caption": "Steps are independent; each is right with probability {p} (smaller model) or {p_to} (larger model).",
        "dec_k_table": "The same gain per step ({p} → {p_to}), tasks of more steps",
        "col_one_step": "one step",
        "col_task": "the whole task ({k} steps)",
        "row_small": "smaller model",
        "row_large": "larger model",
        "row_rel": "relative gain",
        "row_ratio": "larger / smaller",
        "col_steps": "steps",
        "col_task_small": "task right (smaller model)",
        "col_task_large": "task right (larger model)",
        "col_gain": "relative gain of the task",
        # 3. the chain-of-thought evidence
        "cot_title": "Hypothesis 1, the evidence: which errors scale fixes",
        "cot_p1": "In the chain-of-thought paper (Wei et al. 2022), the same grade-school maths test (GSM8K) was answered by "
                  "PaLM 62B and PaLM 540B, both with chain-of-thought prompting: the problem is broken into steps before it is "
                  "solved. The authors read by hand {total} errors of the 62B model and counted those the 540B model got right.",
        "cot_p2": "Semantic understanding: {sem_errors} errors, only {sem_fixed} fixed ({sem_rate}). One step missing: "
                  "{one_errors} errors, {one_fixed} fixed ({one_rate}). Other errors: {other_errors}, {other_fixed} fixed "
                  "({other_rate}).",
        "cot_p3": "Scale fixed above all the failures of single reasoning steps. On ordinary questions more parameters bring "
                  "no special advantage; on complex problems, although both models broke them into the same steps, the "
                  "smaller one makes more single-step errors, and a chain of steps multiplies them.",
        "cot_table": "Errors of PaLM 62B, and those PaLM 540B fixed",
        "cot_caption": "Wei et al. 2022, “Chain-of-Thought Prompting Elicits Reasoning in Large Language Models”, appendix A.1 "
                       "and Fig. 9.",
        "col_category": "kind of error",
        "col_errors": "errors (62B)",
        "col_fixed": "fixed by 540B",
        "col_rate": "share fixed",
        "cot_semantic": "semantic understanding",
        "cot_one_step_missing": "one step missing",
        "cot_other": "other (hallucination, repetition, symbol mapping)",
        "cot_total": "all errors",
        # 4. hypothesis 2: the metric
        "met_title": "Hypothesis 2: the scoring rule makes the jump",
        "met_p1": "Take the very same {items} answers of step 1 and score them a second way: partial credit, the share of the "
                  "{tokens} tokens that are right.",
        "met_p2": "Exact match: {em_list}. Partial credit: {pc_list}.",
        "met_p3": "Exact match stays at 0 up to {last_zero}, then leaps. Partial credit, on the same answers, climbs at every "
                  "size, from {pc_first} to {pc_last}, by {pc_step_low} to {pc_step_high} points from one size to the next. "
                  "The model improved smoothly; only the exact-match ruler makes it look sudden.",
        "met_p4": "The blog's example is a task of BIG-bench: guess a film's name from a string of emoji. Scored like a "
                  "fill-in-the-blank question that must match to the letter, the curve jumps near 10^11 parameters; scored "
                  "on meaning, it is smooth (Srivastava et al. 2022; Schaeffer, Miranda and Koyejo 2023 make the point in "
                  "general). So-called emergence is an illusion of the chart under a different rule and precision.",
        "met_table": "The same {items} answers, scored two ways",
        "met_caption": "Each answer is scored twice: exact match counts it only if all {tokens} tokens are right; partial "
                       "credit counts the share of tokens right. The same {items} simulated answers at every size.",
        "met_tech_table": "How sudden each curve is",
        "met_tech_caption": "B is the whole rise divided by the typical change from one size to the next (Srivastava et al. "
                            "2022): large for a jump; an even climb over {sizes} sizes scores {even}.",
        "col_partial": "partial credit (share of the {tokens} tokens right)",
        "row_b": "breakthroughness B (BIG-bench)",
        "row_step_share": "largest step / whole rise",
        # 5. hypothesis 2: the test set
        "res_title": "Hypothesis 2: how finely a test set can measure",
        "res_p1": "A test of {items} questions measures in steps of {floor}: a true rate below {half} reads 0. And a reading of "
                  "0 of {items} only says the true rate is below {bound} ({level} confidence).",
        "res_p2": "The smooth model behind these answers is never at 0: its true exact match is {true_small} at {smallest} and "
                  "{true_mid} at {mid_size}. Even at {mid_size}, the chance that all {items} questions come out wrong is "
                  "{zero_mid}.",
        "res_p3": "To see at least one exact match from the {smallest} model ({confidence} of the time) would take "
                  "{needed_small} questions.",
        "res_p4": "The figure reads the same curve with {items} and with {big} questions, on a log scale: the true curve rises "
                  "smoothly all along; the flat zeros are the marks of the ruler, not a property of the model.",
        "res_table": "What {items} questions can see",
        "res_caption": "The smallest reading above 0 that {items} questions can give is {floor}.",
        "col_true": "true exact match",
        "col_read": "read on {items} questions",
        "col_zero": "chance of reading 0 of {items}",
        "col_needed": "questions needed to see one ({level} of the time)",
        # 6. hypothesis 3: the bullet
        "bul_title": "Hypothesis 3: the bullet, a threshold matched to our understanding",
        "bul_p1": "The third hypothesis is the blog author's own: with {shape} numbers you can describe a flying bullet's shape, "
                  "with {position} its position, and with more you can predict where it will be. So the capabilities appear at "
                  "{shape}, {position} and {trajectory} parameters: a staircase.",
        "bul_p2": "Underneath the staircase, what the parameters capture grows smoothly: the detail left out falls from "
                  "{r_shape} with {shape} parameters to {r_position} with {position} and {r_trajectory} with {trajectory}. "
                  "Each stair is a tolerance crossed on this smooth curve.",
        "bul_p3": "Allow at most {tau1} of the detail to be left out and {d1} parameters are needed; {tau2}: {d2}; {tau3}: {d3}. "
                  "Where the ability “appears” depends on what we call good enough: the point where the performance meets "
                  "the level human understanding needs, no more, no less.",
        "bul_p4": "A threshold is genuine only when the object itself has a fixed number of parameters: a throw in a vacuum "
                  "needs exactly {vac} coefficients at every tolerance from {tol_first} m down to {tol_last} m ({vac_all}); "
                  "with air drag, the number needed moves with the tolerance ({drag_list}).",
        "bul_table": "The bullet's staircase",
        "bul_caption": "Detail left out with d parameters: R(d) = ζ(s, d+1)/ζ(s), coefficient j carrying j^-s, s = {s}.",
        "bul_tol_table": "What “good enough” costs",
        "cap_shape": "shape",
        "cap_position": "position",
        "cap_trajectory": "trajectory",
        "col_capability": "capability",
        "col_params": "parameters needed",
        "col_error": "detail left out there",
        "col_tolerance": "detail left out, at most",
        "col_needed_params": "parameters needed",
        # 7. hypothesis 3: the observers
        "obs_title": "Hypothesis 3: who is watching decides where it emerges",
        "obs_p1": "Take an ability whose quality rises smoothly with model size, from {q_small} at {n_small} to {q_large} at "
                  "{n_large}. An observer calls it present once it passes the observer's own bar.",
        "obs_p2": "With a bar of {tau1}, it “emerges” at {n1}; with {tau2}, at {n2}; with {tau3}, at {n3}: {decades} orders "
                  "of magnitude apart, on one smooth curve.",
        "obs_p3": "A whole class of observers, whose bars differ, sees no jump at all: {share1} of them recognise the ability "
                  "at {p1}, {share2} at {p2}, {share3} at {p3}.",
        "obs_p4": "Training runs with different random seeds behave the same way: each of {runs} simulated runs jumps at a size "
                  "of its own, while their average rises smoothly (Zhao et al.).",
        "obs_p5": "As the blog puts it: there is no emergence as such; we feel a sudden change because, at that point, the "
                  "performance best matches the level human understanding needs.",
        "obs_table": "One smooth curve, three observers",
        "obs_caption": "Every observer watches the same smooth curve; only the bar differs.",
        "obs_pop_table": "A class of observers",
        "obs_pop_caption": "The observers' bars spread around {centre} (a logit-normal spread).",
        "col_bar": "the observer's bar",
        "col_emerges": "the ability “emerges” at",
        "col_share": "share of observers who see it",
        # 8. the three tests on a table
        "real_title": "The three hypotheses as tests on a table of results",
        "real_p1_synthetic": "The file {file} is a SYNTHETIC table, not the results of real models: the toolkit simulated it "
                             "from its own models (emergence simulate --seed {synthetic_seed}) to practise the tests on. It "
                             "holds {curves} curves: {families} model families of {sizes} sizes, with tasks scored by exact "
                             "match and by partial credit on the same outputs.",
        "real_p1_user": "The file {file} holds {curves} curves ({families} model families, up to {sizes} sizes each).",
        "real_p2": "emergence analyze reads it, fits each curve and runs the blog's hypotheses as tests: do the same outputs, "
                   "scored by another metric, rise smoothly (hypothesis 2)? Is the curve consistent with a task of several "
                   "steps (hypothesis 1)? Is the jump within the noise of a finite test set? Where does the fitted curve cross "
                   "a given level, and how far does that point move with the level (hypothesis 3)?",
        "real_p3": "Of {curves} curves, {sharp} look sudden; {explained} of these are explained by an artefact (the metric: "
                   "{by_metric}; several steps: {by_compounding}; the test set's resolution: {by_resolution}), and "
                   "{unexplained} remain unexplained.",
        "real_p4_pair": "The figure shows {label}, from {from} to {to}: {verdict}. The same outputs scored by {other} go from "
                        "{other_from} to {other_to}: {other_verdict}.",
        "real_p4_one": "The figure shows {label}, from {from} to {to}: {verdict}.",
        "real_table": "Verdicts on {n} curves",
        "real_sharp_table": "The curves that look sudden",
        "col_verdict": "verdict",
        "col_curves": "curves",
        "col_task_name": "task",
        "col_metric": "metric",
        "col_family": "family",
        "col_from_to": "from → to",
        "verdict_explained_short": "sharp, explained by an artefact",
        "verdict_unexplained_short": "sharp and unexplained: a candidate",
        "verdict_undetermined_short": "too few sizes or too noisy to tell",
        "verdict_smooth_short": "smooth",
        "verdict_explained": "sharp, explained by {by}",
        "verdict_unexplained": "sharp and unexplained: a candidate for real emergence",
        "verdict_undetermined": "too few sizes or too noisy to tell",
        "verdict_smooth": "smooth",
        "by_metric": "the metric",
        "by_compounding": "several steps",
        "by_resolution": "the test set's resolution",
        # 9. conclusion
        "con_title": "Conclusion: a misunderstanding on a statistical chart",
        "con_p1": "The first two hypotheses say that so-called emergence is a misunderstanding on a statistical chart: the "
                  "cliff-like leap you see has to do only with the precision of the measurement or the scale of the vertical "
                  "axis. The figure shows it once more: on a linear axis a task of {k} steps seems to jump; on a log axis the "
                  "same curves rise smoothly.",
        "con_p2": "The third says only that certain regularities can be found once enough scale is reached, and that calling "
                  "a discovery “insight” is a standard matched to human understanding.",
        "con_p3": "So however impressive the answers of ChatGPT or DeepSeek are, their performance does not come from a sudden "
                  "“awakening”. Whether large language models are intelligent depends on how we define intelligence.",
        "con_p4": "Every number of this lesson was computed by the toolkit as you watched, and each step's command reproduces "
                  "its figure. Change the numbers and run them again.",
        "con_table": "What this lesson computed",
        "col_hypothesis": "explanation",
        "col_today": "computed today",
        "con_h1": "1. a task made of steps",
        "con_h1_value": "{step} per step is {task} for a task of {k} steps",
        "con_cot": "1. the evidence (Wei et al.)",
        "con_cot_value": "scale fixed {fixed} of {errors} one-step-missing errors",
        "con_h2": "2. the scoring rule",
        "con_h2_value": "exact match {em_from} → {em_to}; partial credit on the same answers {pc_from} → {pc_to}",
        "con_res": "2. the test set",
        "con_res_value": "a true rate of {true} reads 0 of {items} with probability {zero}",
        "con_h3": "3. the observer's bar",
        "con_h3_value": "the same smooth curve “emerges” at {sizes}",
        "con_real": "the three as tests",
        "con_real_value": "{sharp} of {curves} curves look sudden; {explained} are explained",
    },
    zh={
        # 1. 现象
        "phen_title": "现象：一种能力好像突然出现了",
        "phen_p1": "让模型回答 {items} 道题，每道题的答案由 {tokens} 个词元组成，只有每个词元都对才算答对（完全匹配）。"
                   "模型规模从 {smallest} 到 {largest}，共八档，和 GPT-3 系列一样。",
        "phen_zeros": "最小的 {zeros} 个模型一道题也答不对：直到 {last_zero}，成绩都是 0/{items}。",
        "phen_rise": "接着是 {rise}。",
        "phen_jump": "从 {step_from} 到 {step_to}，成绩从 {before} 一下子跳到 {after}：整个上升的 {share} 发生在这一步。",
        "phen_p3": "这就是所谓的“涌现”。在第一篇讨论它的论文（Wei 等 2022，《Emergent Abilities of Large Language Models》）里，"
                   "如果一个能力在较小的模型中不存在，而在较大的模型中存在，就称它是涌现的；而且仅通过外推较小模型的表现，"
                   "无法预测这种能力。就好比一个小孩子在成长过程中，突然就变得聪明了，“开窍”了。",
        "phen_p4": "量变引起质变，但量变为什么会引起质变？本课跟随的博客文章给出了三种解释“涌现”的假说，"
                   "接下来的每一步都用工具包把它们现场算一遍。",
        "phen_p5": "这些答案是工具包模拟出来的：背后模型的每个词元的损失随规模平滑下降（随机种子 {seed}）。"
                   "用同一个种子运行本课，每个人看到的数字都一样。",
        "phen_table": "{items} 道题中完全答对的题数",
        "phen_caption": "答案由 {tokens} 个词元组成，{tokens} 个全对才算答对。模拟所用随机种子为 {seed}。",
        "col_size": "模型规模",
        "col_right": "答对题数",
        "col_exact": "完全匹配",
        # 2. 假说一
        "dec_title": "假说一：任务分解",
        "dec_p1": "一个复杂任务会被分解成多个子任务，只有每个子任务都做对，整个任务才算做对：{k} 个步骤、"
                  "每步正确率相同时，任务的正确率就是每步正确率的 {k} 次方。",
        "dec_p2": "用博客里的数字：每个子任务在小参数模型下的正确率是 {p}，在大参数模型下是 {p_to}。"
                  "合起来，整个任务的正确率从 {P} 变成了 {P_to}。",
        "dec_p3": "子任务的性能提升了 {step_gain}（{points} 个百分点），总任务的性能却提升了 {task_gain}，"
                  "是原来的 {ratio} 倍（博客约为 {rounded}）。",
        "dec_p4": "步骤越多，同样的单步进步带来的跳跃就越大：同样从 {p} 到 {p_to}，{k_long} 个步骤的任务会提升 {gain_long}。",
        "dec_p5": "所以，即使每个子任务的正确率随规模平缓增长，只要题库里有许多被分解成多个子任务的复杂任务，"
                  "最终结果的曲线就会看起来像突然跃升：跃升来自连乘，而不是模型突然“开窍”。",
        "dec_table": "博客的例子：{k} 个步骤的任务",
        "dec_caption": "各步骤相互独立；每步正确率为 {p}（小参数模型）或 {p_to}（大参数模型）。",
        "dec_k_table": "同样的单步进步（{p} → {p_to}），步骤更多的任务",
        "col_one_step": "单个步骤",
        "col_task": "整个任务（{k} 步）",
        "row_small": "小参数模型",
        "row_large": "大参数模型",
        "row_rel": "相对提升",
        "row_ratio": "大模型 / 小模型",
        "col_steps": "步骤数",
        "col_task_small": "任务正确率（小模型）",
        "col_task_large": "任务正确率（大模型）",
        "col_gain": "任务的相对提升",
        # 3. 思维链的证据
        "cot_title": "假说一的证据：规模修正了哪些错误",
        "cot_p1": "谷歌在一篇关于思维链的论文中（Wei 等 2022），对同一个小学数学测试集（GSM8K），分别用 62B 和 540B 的 "
                  "PaLM 模型回答，都使用了思维链技术，也就是先把问题分解成多个步骤再推理。作者人工阅读了 62B 模型犯的 "
                  "{total} 个错误，再看 540B 模型修正了其中哪些。",
        "cot_p2": "语义理解错误 {sem_errors} 个，只修正了 {sem_fixed} 个（{sem_rate}）；缺少一步的单步推理错误 "
                  "{one_errors} 个，修正了 {one_fixed} 个（{one_rate}）；其他错误 {other_errors} 个，修正了 "
                  "{other_fixed} 个（{other_rate}）。",
        "cot_p3": "大参数模型修正得最多的是单步推理错误。一般性的问题，模型参数大并没有什么特别的优势；复杂问题尽管在处理前"
                  "都进行了相同的分解，小参数模型的单步错误却更多，而步骤的连乘把这种差别放大了。",
        "cot_table": "PaLM 62B 的错误，以及 PaLM 540B 修正的部分",
        "cot_caption": "Wei 等 2022，《Chain-of-Thought Prompting Elicits Reasoning in Large Language Models》，附录 A.1 与图 9。",
        "col_category": "错误类别",
        "col_errors": "错误数（62B）",
        "col_fixed": "540B 修正数",
        "col_rate": "修正比例",
        "cot_semantic": "语义理解错误",
        "cot_one_step_missing": "缺少一步（单步推理错误）",
        "cot_other": "其他（幻觉、重复、符号映射）",
        "cot_total": "全部错误",
        # 4. 假说二：计分标准
        "met_title": "假说二：跃升来自计分标准",
        "met_p1": "把第 1 步那 {items} 道题的答案原封不动地拿来，换一种计分标准再打一次分：部分得分，"
                  "也就是 {tokens} 个词元中答对的比例。",
        "met_p2": "完全匹配：{em_list}。部分得分：{pc_list}。",
        "met_p3": "完全匹配在 {last_zero} 之前一直是 0，之后突然跃升；同样的答案按部分得分计算，每一档规模都在上升，"
                  "从 {pc_first} 到 {pc_last}，每档提高 {pc_step_low} 到 {pc_step_high} 个百分点。"
                  "模型是平滑进步的，只是“一字不差”这把尺子让它看起来像是突变。",
        "met_p4": "博客里的例子来自 BIG-bench：给大模型一串表情包，让它猜电影名。如果计分标准是填空题，要求一字不差，"
                  "参数量在达到 10 的 11 次方时曲线会产生突变；如果只要意思对了就计分，曲线其实是平滑的（Srivastava 等 2022；"
                  "Schaeffer、Miranda 与 Koyejo 2023 对此做了一般性的论证）。所谓的“涌现”，不过是不同的精度、"
                  "不同的标准下图形给人们的错觉。",
        "met_table": "同样的 {items} 个答案，两种计分",
        "met_caption": "每个答案打两次分：完全匹配要求 {tokens} 个词元全对才算对；部分得分计算答对的词元比例。"
                       "每档规模都是同样的 {items} 个模拟答案。",
        "met_tech_table": "曲线有多“突然”",
        "met_tech_caption": "突破度 B 是整个上升幅度除以相邻规模之间的典型变化（Srivastava 等 2022）：跃升时很大；"
                            "在 {sizes} 档规模上均匀上升时为 {even}。",
        "col_partial": "部分得分（{tokens} 个词元中答对的比例）",
        "row_b": "突破度 B（BIG-bench）",
        "row_step_share": "最大一步占整个上升的比例",
        # 5. 假说二：测试集
        "res_title": "假说二：测试集的精度",
        "res_p1": "{items} 道题的测试只能以 {floor} 为刻度来测量：真实正确率低于 {half} 就会被读成 0。"
                  "而 0/{items} 只能说明真实正确率低于 {bound}（{level} 置信度）。",
        "res_p2": "这些答案背后的平滑模型从来不是 0：它的真实完全匹配率在 {smallest} 时是 {true_small}，"
                  "在 {mid_size} 时是 {true_mid}。即使在 {mid_size}，{items} 道题全部答错的概率也有 {zero_mid}。",
        "res_p3": "要想以 {confidence} 的把握看到 {smallest} 模型至少答对一道题，需要 {needed_small} 道题。",
        "res_p4": "图中用 {items} 道题和 {big} 道题去读同一条曲线，纵轴取对数：真实曲线一路平滑上升，"
                  "那些平坦的 0 是尺子的刻度，而不是模型的性质。",
        "res_table": "{items} 道题能看到什么",
        "res_caption": "{items} 道题能读出的最小非零值是 {floor}。",
        "col_true": "真实完全匹配率",
        "col_read": "{items} 道题的读数",
        "col_zero": "读到 0/{items} 的概率",
        "col_needed": "看到一次答对所需题数（{level} 把握）",
        # 6. 假说三：子弹
        "bul_title": "假说三：规模效应匹配个人认知——子弹的例子",
        "bul_p1": "第三个假说是博客作者自己想到的：对于一颗飞行中的子弹，参数达到 {shape}，就能描述出它的形状；"
                  "参数达到 {position}，就能得到它的当前位置；参数更多时，就可能预测它的位置。"
                  "于是能力在 {shape}、{position}、{trajectory} 个参数处出现：这是一道台阶。",
        "bul_p2": "在台阶下面，参数能描述的细节其实是平滑增加的：没有描述到的细节，从 {shape} 个参数时的 {r_shape}，"
                  "降到 {position} 个时的 {r_position}，再到 {trajectory} 个时的 {r_trajectory}。"
                  "台阶的每一级，只是这条平滑曲线越过了某个容差。",
        "bul_p3": "要求遗漏的细节不超过 {tau1}，需要 {d1} 个参数；不超过 {tau2}，需要 {d2} 个；不超过 {tau3}，需要 {d3} 个。"
                  "能力在哪里“出现”，取决于我们把多好算作“够好”：恰好在这个点，表现达到人类理解的程度，不多不少。",
        "bul_p4": "只有当对象本身就只有固定数量的参数时，门槛才是真的：真空中抛出的物体，容差从 {tol_first} 米到 "
                  "{tol_last} 米，都恰好需要 {vac} 个系数（{vac_all}）；有了空气阻力，需要的系数个数就随容差而变"
                  "（{drag_list}）。",
        "bul_table": "子弹的台阶",
        "bul_caption": "用 d 个参数时遗漏的细节：R(d) = ζ(s, d+1)/ζ(s)，第 j 个系数的能量为 j^-s，s = {s}。",
        "bul_tol_table": "“够好”的代价",
        "cap_shape": "形状",
        "cap_position": "位置",
        "cap_trajectory": "轨迹",
        "col_capability": "能力",
        "col_params": "所需参数个数",
        "col_error": "此时遗漏的细节",
        "col_tolerance": "遗漏的细节不超过",
        "col_needed_params": "所需参数个数",
        # 7. 假说三：观察者
        "obs_title": "假说三：谁在看，决定了在哪里“涌现”",
        "obs_p1": "设想一种能力，它的质量随模型规模平滑上升：{n_small} 时为 {q_small}，{n_large} 时为 {q_large}。"
                  "一位观察者在它越过自己心中的标准时，就宣布能力“出现”了。",
        "obs_p2": "标准定在 {tau1}，它在 {n1} “涌现”；定在 {tau2}，在 {n2}；定在 {tau3}，在 {n3}：同一条平滑曲线，"
                  "相差 {decades} 个数量级。",
        "obs_p3": "一整班标准各不相同的观察者，看到的根本不是跃升：{share1} 的人在 {p1} 认出它，{share2} 在 {p2}，"
                  "{share3} 在 {p3}。",
        "obs_p4": "用不同随机种子训练的模型也是这样：{runs} 次模拟训练，每一次都在各自的某个规模突然跃升，"
                  "而它们的平均值是平滑上升的（Zhao 等）。",
        "obs_p5": "正如博客所说：根本没有什么“涌现”现象，之所以我们感觉到“突变”，是因为恰好在这个点，"
                  "最符合人类理解能力需要达到的水平。",
        "obs_table": "一条平滑曲线，三位观察者",
        "obs_caption": "每位观察者看的是同一条平滑曲线，不同的只是标准。",
        "obs_pop_table": "一整班观察者",
        "obs_pop_caption": "观察者的标准分布在 {centre} 附近（对数几率呈正态分布）。",
        "col_bar": "观察者的标准",
        "col_emerges": "能力“涌现”于",
        "col_share": "认出这种能力的观察者比例",
        # 8. 用一张成绩表检验
        "real_title": "把三个假说当作检验：一张成绩表",
        "real_p1_synthetic": "文件 {file} 是一张合成的成绩表，不是真实模型的结果：它是工具包用自己的模型模拟出来的"
                             "（emergence simulate --seed {synthetic_seed}），用来练习这些检验。表中有 {curves} 条曲线："
                             "{families} 个模型系列，每个系列 {sizes} 档规模，同样的输出分别按完全匹配和部分得分计分。",
        "real_p1_user": "文件 {file} 中有 {curves} 条曲线（{families} 个模型系列，每个系列最多 {sizes} 档规模）。",
        "real_p2": "emergence analyze 读入这张表，拟合每条曲线，并把博客的假说当作检验来做：同样的输出换一种指标计分，"
                   "曲线是否平滑上升（假说二）？曲线是否符合一个多步骤的任务（假说一）？跃升是否在有限测试集的噪声之内？"
                   "拟合曲线在哪里越过某个水平，这个点又随水平移动多远（假说三）？",
        "real_p3": "{curves} 条曲线中，有 {sharp} 条看起来是突变；其中 {explained} 条可以用某种假象解释（指标：{by_metric} 条；"
                   "多步复合：{by_compounding} 条；测试集分辨率：{by_resolution} 条），无法解释的有 {unexplained} 条。",
        "real_p4_pair": "图中是 {label}，从 {from} 到 {to}：{verdict}。同样的输出按{other}计分，从 {other_from} 到 "
                        "{other_to}：{other_verdict}。",
        "real_p4_one": "图中是 {label}，从 {from} 到 {to}：{verdict}。",
        "real_table": "{n} 条曲线的结论",
        "real_sharp_table": "看起来是突变的曲线",
        "col_verdict": "结论",
        "col_curves": "曲线数",
        "col_task_name": "任务",
        "col_metric": "指标",
        "col_family": "模型系列",
        "col_from_to": "从 → 到",
        "verdict_explained_short": "陡峭，可由假象解释",
        "verdict_unexplained_short": "陡峭且无法解释：真正涌现的候选",
        "verdict_undetermined_short": "规模太少或噪声太大，无法判断",
        "verdict_smooth_short": "平滑",
        "verdict_explained": "陡峭，可由{by}解释",
        "verdict_unexplained": "陡峭且无法解释：真正涌现的候选",
        "verdict_undetermined": "规模太少或噪声太大，无法判断",
        "verdict_smooth": "平滑",
        "by_metric": "指标",
        "by_compounding": "多步复合",
        "by_resolution": "测试集分辨率",
        # 9. 总结
        "con_title": "总结：统计图表上的误会",
        "con_p1": "前两种假说说明，所谓的涌现只是一个统计图表上的误会：你看到的“断层”式跃迁，只与精度或者纵轴比例有关。"
                  "图中再看一次：在线性纵轴上，{k} 个步骤的任务看起来是突变；换成对数纵轴，同样的曲线是平滑上升的。",
        "con_p2": "最后一种假说，不过是说明了特定的规律只有在掌握了足够规模的数据后才能发现，"
                  "而认为哪些发现达到了“顿悟”的水平，只是一个与人类认知匹配的标准而已。",
        "con_p3": "所以，无论是 ChatGPT 还是 DeepSeek，无论它们的回答多么令人惊艳，它们的表现都不是因为“顿悟”而“觉醒”，"
                  "从而一下子“开窍”了。至于大语言模型是否具有“智能”，要看我们怎么定义“智能”这个词。",
        "con_p4": "本课的每一个数字都是工具包当场算出来的，每一步给出的命令都可以重现它的图。改一改数字，再运行一遍吧。",
        "con_table": "本课算出了什么",
        "col_hypothesis": "解释",
        "col_today": "今天算出的结果",
        "con_h1": "一、任务分解",
        "con_h1_value": "每步提升 {step}，{k} 步的任务提升 {task}",
        "con_cot": "一、证据（Wei 等）",
        "con_cot_value": "规模修正了 {errors} 个单步推理错误中的 {fixed} 个",
        "con_h2": "二、计分标准",
        "con_h2_value": "完全匹配 {em_from} → {em_to}；同样的答案按部分得分 {pc_from} → {pc_to}",
        "con_res": "二、测试集",
        "con_res_value": "真实正确率为 {true} 时，有 {zero} 的概率读成 0/{items}",
        "con_h3": "三、观察者的标准",
        "con_h3_value": "同一条平滑曲线，分别在 {sizes} “涌现”",
        "con_real": "三个检验",
        "con_real_value": "{curves} 条曲线中 {sharp} 条看起来是突变，其中 {explained} 条得到解释",
    },
)

# Plain words for the task and metric names of the shipped synthetic table (``emergence simulate``);
# a name not listed here is shown as it is written in the table.
NAMES = Catalog(
    en={
        "task_chain_4": "4-step task",
        "task_digits_5": "5-digit answer",
        "task_single_token": "one-token answer",
        "metric_exact_match": "exact match",
        "metric_steps_right": "share of steps right",
        "metric_token_accuracy": "share of tokens right",
        "curve": "{task}, {metric} (family {family})",
    },
    zh={
        "task_chain_4": "4 步的任务",
        "task_digits_5": "5 位数的答案",
        "task_single_token": "单个词元的答案",
        "metric_exact_match": "完全匹配",
        "metric_steps_right": "答对的步骤比例",
        "metric_token_accuracy": "答对的词元比例",
        "curve": "{task}，{metric}（{family} 系列）",
    },
)


def plain(kind: str, name: str, lang: str) -> str:
    """A task (``kind="task"``) or metric (``kind="metric"``) name of a results table in plain words:
    ``chain_4`` -> "4-step task"; a name not in :data:`NAMES` comes back as it is."""
    key = f"{kind}_{name}"
    return NAMES(key, lang) if key in NAMES.keys() else name


FIG = Catalog(
    en={
        "size": "model size (parameters)",
        "jump_title": "Exact match of {items} questions at {n} model sizes",
        "jump_y": "questions answered exactly right",
        "same_title": "The same {items} answers, scored two ways",
        "score": "score",
        "exact": "exact match",
        "partial": "partial credit",
        "k_steps": "{k}-step task",
        "con_linear_title": "Linear axis: the long tasks seem to jump",
        "con_linear_y": "task right (P = p^k)",
        "con_log_title": "Log axis: the same curves rise smoothly",
        "con_log_y": "task right (P = p^k, log scale)",
    },
    zh={
        "size": "模型规模（参数量）",
        "jump_title": "{n} 档规模上，{items} 道题的完全匹配",
        "jump_y": "完全答对的题目",
        "same_title": "同样的 {items} 个答案，两种计分",
        "score": "得分",
        "exact": "完全匹配",
        "partial": "部分得分",
        "k_steps": "{k} 步的任务",
        "con_linear_title": "线性纵轴：长任务看起来是突变",
        "con_linear_y": "任务正确率（P = p^k）",
        "con_log_title": "对数纵轴：同样的曲线平滑上升",
        "con_log_y": "任务正确率（P = p^k，对数刻度）",
    },
)

CLI = Catalog(
    en={
        "help": "The blog's argument as a lesson, one short step at a time: the phenomenon, the three hypotheses and the "
                "tests on a results table, every number computed as it runs. Example: emergence tour --lang zh --step "
                "--slides --out lesson",
        "help_out": "Write each step's figure to DIR (01-phenomenon.png, ...); DIR is created if missing.",
        "help_step": "Wait for Enter between steps (on a terminal; q ends the lesson).",
        "help_slides": "Write projector slides (1280x720, large text) instead of paper figures; needs --out.",
        "help_aspect": "Shape of the --slides: 16:9 (1280x720 pixels; the default) or 4:3 (1024x768).",
        "step": "Step {i} of {n}",
        "reproduce": "The figure again:",
        "details": "The numbers in more depth:",
        "figure": "figure: {path}",
        "prompt": "Enter: next step · q: end",
        "computing": "computing the lesson…",
        "no_terminal": "note: --step waits only on a terminal; running straight through",
        "written": "figures written to {dir}: {n}",
        "end": "End of the lesson.",
        "only_unknown": "unknown step {key!r}; the steps are: {keys}",
        "help_only": "Run only these steps (one key or a comma list, e.g. decomposition,metric) and, with --out, write "
                     "only their figures: the command each step prints to draw its figure again.",
        "out_empty": "must name a directory (an empty name would write into the current one)",
        "out_file": "'{path}' is a file; give a directory (it is created if missing)",
        "out_create": "cannot create directory '{path}' ({why})",
        "out_write": "cannot write in directory '{path}' ({why})",
        "slides_need_out": "needs --out DIR: the slides are files written there",
        "step_json": "cannot be combined with --json (the JSON is one object, printed at once)",
        "aspect_needs_slides": "applies only with --slides",
    },
    zh={
        "help": "把博客的论证变成一堂课，一次一小步：现象、三个假说，以及在成绩表上的检验，每个数字都当场计算。"
                "示例：emergence tour --lang zh --step --slides --out lesson",
        "help_out": "把每一步的图写入目录 DIR（01-phenomenon.png 等）；目录不存在时会创建。",
        "help_step": "每一步之后等待回车（仅在终端上；输入 q 结束）。",
        "help_slides": "写出投影用的幻灯片（1280x720，大字号），而不是论文用的图；需要 --out。",
        "help_aspect": "--slides 的形状：16:9（1280x720 像素；默认）或 4:3（1024x768）。",
        "step": "第 {i} 步，共 {n} 步",
        "reproduce": "重现这张图：",
        "details": "更多细节：",
        "figure": "图：{path}",
        "prompt": "回车：下一步 · q：结束",
        "computing": "正在计算本课的内容……",
        "no_terminal": "提示：--step 只在终端上逐步等待；现在一次运行到底",
        "written": "{n} 张图已写入 {dir}",
        "end": "本课结束。",
        "only_unknown": "没有这一步：{key!r}；可选的步骤是：{keys}",
        "help_only": "只运行这几步（一个步骤名，或用逗号隔开的几个，例如 decomposition,metric），给了 --out 时只写出它们的图："
                     "每一步给出的“重现这张图”的命令就是这样。",
        "out_empty": "必须给出一个目录名（空名字会写进当前目录）",
        "out_file": "“{path}”是一个文件，请给出一个目录（不存在时会创建）",
        "out_create": "无法创建目录“{path}”（{why}）",
        "out_write": "无法在目录“{path}”中写入（{why}）",
        "slides_need_out": "需要同时给出 --out 目录：幻灯片是写在那里的文件",
        "step_json": "不能与 --json 同时使用（JSON 是一次输出的一个整体）",
        "aspect_needs_slides": "只能与 --slides 一起使用",
    },
)
