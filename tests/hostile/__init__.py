"""Across the stages: broken, hostile and faulty inputs, each case's message, exit code, untouched sources and
untouched build/ (the corpus's rules: tests/helpers/corpus.py)."""
