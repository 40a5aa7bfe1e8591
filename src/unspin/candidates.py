"""The old import path of `unspin.pipeline.candidates`, for `unspin.learn` and `benchmarks/learn_bench.py`
until they import the new one: the same module object, so patching either patches both."""
import sys

from .pipeline import candidates

sys.modules[__name__] = candidates
