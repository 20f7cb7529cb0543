"""`make test`'s checks of the posts: every code cell, every exercise as DataCamp Light runs it, the content and the site.

Three layers, as in nbmake: `plugin` (pytest hooks only) -> `items` (pytest collectors, one item
class and the table of an exercise's checks) -> the checks, which never import pytest and return a
`results.Result`: `exercise_checks` (an exercise's checks and its author's errors) and `post_checks`
(a post's flow and content, and the site). Exercises run in `sessions` of the runtime, forked from a
warm template (`harness`, whose verdicts `verdicts` reads back); `mutants` makes and tallies the
mutants, `answers` reads the learners' answers, `names` reads the names code binds.
"""
