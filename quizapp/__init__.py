"""quizapp: spaced-repetition flashcards and live PyTorch demos for deep-learning interview prep."""

__version__ = "0.1.0"
