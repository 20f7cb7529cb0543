"""`make test`'s checks of the posts: every code cell, every exercise as DataCamp Light runs it, the content and the site.

Three layers, as in nbmake: `plugin` (pytest hooks only) -> `items` (pytest
collectors and items) -> `runner` (never imports pytest; returns results),
which runs exercises in `sessions` forked from a warm parent.
"""
