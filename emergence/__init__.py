"""emergence: did this ability of a language model really emerge, or is the jump an artefact?

Numeric models, simulations and figures for three explanations of "emergent abilities":
multi-step compounding (:mod:`emergence.compound`), metric choice and test-set resolution, and
thresholds on smooth curves. The command line (``emergence --help``) calls the same functions.

>>> from emergence.compound import chain, analyse
>>> round(analyse(chain(0.4, 5)).success, 10)
0.01024
"""

__version__ = "0.1.0"
