"""External benchmarks the extractors are measured against (offline, on shared copies of public data)."""
