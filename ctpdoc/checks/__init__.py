"""The template checks layer: a translator's Word template linted before it renders.

Takes a template file (and the typed context's names); gives problems located
by template › paragraph › "text": package sizes, tag syntax as the renderer
reads it, unknown names, pending tracked changes, and parity between languages.
"""
