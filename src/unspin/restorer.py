"""The old import path of `unspin.pipeline.restorer`, for `unspin.learn` and `benchmarks/learn_bench.py`
until they import the new one: the same module object, so patching either patches both."""
import sys

from .pipeline import restorer

sys.modules[__name__] = restorer
