"""Benchmarks (not tests): the emulator's throughput and the suite's own overhead per call."""
