"""The batch-size-sharpness demo: spec.py (what it is and accepts) and compute.py (the run)."""
