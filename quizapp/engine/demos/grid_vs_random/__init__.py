"""The grid-vs-random demo: spec.py (what it is and accepts) and compute.py (the run)."""
