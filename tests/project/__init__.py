"""The project around the package: the docs and their commands, the Makefile, the wheel, the dependencies,
the import rule, the benchmark."""
