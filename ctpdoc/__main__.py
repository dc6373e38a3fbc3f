"""``python -m ctpdoc``: the same as the ``ctpdoc`` command."""

from ctpdoc.cli.main import main

if __name__ == "__main__":  # not when a spawned worker process imports this module as its parent's main one
    main()
