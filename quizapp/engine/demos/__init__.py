"""One package per demo: <demo>/spec.py (pure: parameters and texts) beside <demo>/compute.py (the run)."""
