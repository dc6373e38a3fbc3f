"""The process a command runs in: Ctrl-C and termination, errors Python cannot raise, the collector at exit,
the peak memory, and the exit code of every outcome (:func:`run`). Knows no command: it is given the group."""

from __future__ import annotations

import gc
import os
import signal
import sys

import click

from ctpdoc.cli.say import say, say_lines, setup_streams
from ctpdoc.errors import EXIT_USAGE, CtpdocError


def peak_memory_mb() -> float | None:
    """The peak resident set of this process (the build runs in one); ``None`` where the system does not say
    (Windows has no ``resource`` module)."""
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, kilobytes on Linux


INTERRUPTED = "Interrupted; nothing half-written was left in build/."


def terminate(signum: int, frame: object) -> None:
    """Ctrl-C or kill: stop at once. Nothing is half-written: the documents are written with these
    signals held (see :func:`ctpdoc.commands.writing.write_documents`), so until then there is nothing to clean up."""
    end_libreoffice()  # in a session of its own, it is not stopped with ctpdoc by itself
    sys.stderr.write(INTERRUPTED + "\n")
    sys.stderr.flush()
    os._exit(128 + signum)


def end_libreoffice() -> None:
    """Every LibreOffice this process started ended, with its group (:func:`ctpdoc.output.pdf.end_all`). Only a command
    that imported the module can have started one: a command that did not (``build`` without ``--pdf``) does not
    import it for this, at start or when stopped."""
    pdf = sys.modules.get("ctpdoc.output.pdf")
    if pdf is not None:
        pdf.end_all()


def quiet(unraisable: object) -> None:
    """Errors Python cannot raise (in a finaliser, e.g. openpyxl's writer closed after a full disk) are not shown."""


def main(group: click.Group) -> None:
    """Entry point: user mistakes are one-line messages; anything else says how to report it."""
    try:
        run(group)
    finally:
        skip_last_collections()


def skip_last_collections() -> None:
    """The command is done and the process is about to end: its objects are left out of the cycle collector
    (``gc.freeze``), which Python's shutdown would otherwise run over the whole heap, the lxml trees and openpyxl's
    objects included, several times; a tenth of a second for the sample report, measured with tools/bench.py.
    Exit handlers still run, files are flushed and closed: only the collection of what nothing will use is skipped."""
    gc.disable()
    gc.freeze()


def show_usage(exc: click.UsageError) -> None:
    """What click's ``UsageError.show`` prints, the error's line escaped: it may quote what the user typed."""
    if exc.ctx is not None:
        hint = (
            f"Try '{exc.ctx.command_path} {exc.ctx.help_option_names[0]}' for help.\n"
            if exc.ctx.command.get_help_option(exc.ctx)
            else ""
        )
        click.echo(f"{exc.ctx.get_usage()}\n{hint}", err=True)
    say(f"Error: {exc.format_message()}", err=True)


def run(group: click.Group) -> None:
    setup_streams()
    debug = "--debug" in sys.argv[1:]
    if not debug:
        sys.unraisablehook = quiet  # an error already told once (a full disk) is not told again as a traceback
    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGINT, terminate)
    try:
        code = group.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except (click.Abort, KeyboardInterrupt):
        say(INTERRUPTED, err=True)
        sys.exit(130)
    except click.UsageError as exc:
        show_usage(exc)
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        say_lines(f"Error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except CtpdocError as exc:
        say_lines(f"Error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except Exception as exc:
        if debug:
            raise
        say(f"Error: unexpected {type(exc).__name__}: {exc} (run with --debug for the traceback and report it)", err=True)
        sys.exit(3)
    sys.exit(code if isinstance(code, int) else 0)
