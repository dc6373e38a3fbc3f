"""ctpdoc's tests, arranged as the package's stages (docs/developing.md, Tests)."""
