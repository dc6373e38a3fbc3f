"""The changes layer: what changed between the baseline and the current programme.

Takes two :class:`~ctpdoc.model.Programme` objects; gives, per activity, the
kind of change and each text's word diff as segments (equal, inserted,
deleted), bounded in time for any cell size, and the marks the documents carry
(a sentence rewritten as one deletion and one insertion). Knows nothing of Word.
"""
