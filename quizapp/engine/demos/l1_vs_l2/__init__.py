"""The l1-vs-l2 demo: spec.py (what it is and accepts) and compute.py (the run)."""
