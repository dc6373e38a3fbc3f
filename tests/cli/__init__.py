"""ctpdoc/cli: commands as printed and typed, a new user's first steps."""
