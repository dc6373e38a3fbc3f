"""The command line: click, options, exit codes, progress, on top of every other layer."""
