"""Across the stages: the built sample documents as their readers see them (a reader, an editor, Word's and
LibreOffice's tracked changes), and another working body's shape declared as data."""
