"""unspin's benchmark: spun corpora with gold, metrics and baselines, run by `python -m benchmarks.run`."""
