"""The blog's build pipeline: paired notebooks in, Hugo posts out.

Read `convert.py` top to bottom for the order of the steps.
"""
