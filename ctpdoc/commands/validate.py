"""``ctpdoc validate``: everything ``build`` reads, checks and renders, written nowhere."""

from __future__ import annotations

from pathlib import Path

from ctpdoc.commands.reading import Variants
from ctpdoc.commands.rendering import render_all


def validate(sources_dir: Path, templates_dir: Path, languages: tuple[str, ...] = (), strict: bool = False) -> list[str]:
    """Every check a build makes, and every document rendered in memory; gives the warnings."""
    return [str(w) for w in render_all(sources_dir, templates_dir, languages, Variants.BOTH, strict, command="validate").warnings]
