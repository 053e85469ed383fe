"""Benchmarks; each writes JSON results under bench/results/."""
