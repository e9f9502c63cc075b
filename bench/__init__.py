"""Benchmarks, not tests: `make bench` (README, "Performance")."""
