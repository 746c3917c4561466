"""Alignment across sources: which sources are independent, which entities,
events and statements in different sources are the same.

Each module takes claims documents (the JSON of ``checker.claims``) so that
alignment never needs the article text again: ``checker check`` and
``checker report`` read claims/ and align in memory.
"""
