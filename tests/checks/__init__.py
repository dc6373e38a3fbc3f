"""ctpdoc/checks: the translators' linter (tags, parity, figures, pending changes) and where it runs."""
