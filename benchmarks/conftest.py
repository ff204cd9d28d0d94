"""pytest-benchmark suite: run with `python3 -m pytest benchmarks --benchmark-only`."""
