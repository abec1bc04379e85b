"""The desktop app: the only package that imports PySide6 (docs/architecture.md § Layers).

Start with main_window.py (how screens plug in), ops.py (how work leaves the GUI thread) and
context.py (what every screen is given); application.py lists the screens the app installs.
"""
