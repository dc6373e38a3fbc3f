"""The translations layer: texts missing, out of date or confirmed, and XLIFF.

Takes the model read once (with its column letters and confirmations); gives
the catalogue of texts per language and state, the confirmations to write,
and XLIFF 1.2 files out and their targets back as cell edits.
"""
