"""Benchmarks for `make bench`: each module measures one claim side by side in one run."""
