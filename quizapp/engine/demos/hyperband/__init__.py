"""The hyperband demo: spec.py (what it is and accepts) and compute.py (the run)."""
