"""Benchmarks: speed targets as ratios against a baseline measured in the same run."""
