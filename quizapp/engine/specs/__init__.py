"""Compatibility alias package (see optimization.py); the specs live in quizapp/engine/demos/<demo>/spec.py."""
