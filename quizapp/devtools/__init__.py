"""Tools for the people who build quizapp, never run by its users: the benchmarks behind the
README's table (`quizapp.devtools.bench`) and the docs' screenshots (`quizapp.devtools.screenshots`).

They sit above every other package (they may import any of them, Qt included) and nothing in
quizapp imports them (tests/test_layers.py checks both). The wheel leaves this folder out;
run them from a checkout, e.g. `python -m quizapp.devtools.bench.store`.
"""
