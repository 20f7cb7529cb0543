"""A helper module the notebooks import: its state must not travel from one notebook to the next."""

SCALE = 1
