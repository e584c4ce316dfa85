"""emergence: did this ability of a language model really emerge, or is the jump an artefact?

Numeric models, simulations and figures for three explanations of "emergent abilities", and
tests of all three on real benchmark results. The command line (``emergence --help``) calls the
same functions; every result object has ``to_dict()`` and every command prints the same JSON
envelope (:mod:`emergence.results`).

A map of the modules, by hypothesis:

- Hypothesis 1, multi-step tasks: :mod:`~emergence.compound` (P = p^k and its variants: partial
  credit, correlated errors, retries, pass@M, voting), :mod:`~emergence.montecarlo` (the same
  process simulated), :mod:`~emergence.evidence` (the chain-of-thought error table of Wei et al.).
- Hypothesis 2, metric choice and test-set size: :mod:`~emergence.metrics` (one latent model
  scored by exact match, token accuracy, edit distance, multiple choice, Brier, log-probability),
  :mod:`~emergence.resolution` (finite test sets), :mod:`~emergence.intervals` (Wilson and
  Clopper-Pearson), :mod:`~emergence.sharpness` (breakthroughness, R², largest step).
- Hypothesis 3, thresholds on smooth curves: :mod:`~emergence.thresholds` (dimensions, observers,
  quanta, composition).
- Shared: :mod:`~emergence.scaling` (p(N) maps and the power-law loss).
- Real results: :mod:`~emergence.data` (CSV tables and lm-evaluation-harness files into curves),
  :mod:`~emergence.fit` (sigmoid and line fits with a batched bootstrap),
  :mod:`~emergence.verdict` (the three hypotheses as tests, and a verdict per curve),
  :mod:`~emergence.synthetic` (a synthetic results table to try them on).
- Around them: :mod:`~emergence.i18n` (English and Chinese text), :mod:`~emergence.render`
  (tables, JSON), :mod:`~emergence.plotting` (figures: the only part that imports matplotlib),
  :mod:`~emergence.cli` (the command line: parse, call, render).

>>> from emergence.compound import chain, analyse
>>> round(analyse(chain(0.4, 5)).success, 10)
0.01024
"""

__version__ = "0.2.0"
