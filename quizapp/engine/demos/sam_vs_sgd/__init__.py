"""The sam-vs-sgd demo: spec.py (what it is and accepts) and compute.py (the run)."""
