"""``python -m ctpdoc``: the same as the ``ctpdoc`` command."""

from ctpdoc.cli.main import main

main()
