"""Limits on what is asked, in a module of their own: the TUI's question box counts against
them from the first keystroke, before the engine (numpy, the index code) is imported."""

MAX_QUESTION_CHARS = 2000
