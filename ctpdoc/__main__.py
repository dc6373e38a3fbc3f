"""``python -m ctpdoc``: the same as the ``ctpdoc`` command."""

from .cli import main

main()
