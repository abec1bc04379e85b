"""The desktop app: the only package that imports PySide6 (DESIGN.md §1).

Start with main_window.py (how screens plug in), ops.py (how work leaves the GUI thread) and
context.py (what every screen is given); screens.py lists the screens the app installs.
"""
