"""The docs' screenshots (docs/screenshots/*.png), rendered offscreen from seeded throw-away
databases: `python -m quizapp.devtools.screenshots` writes all of them; `.quiz` and `.collection`
also run alone."""
