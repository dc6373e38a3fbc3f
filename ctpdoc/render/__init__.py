"""The rendering layer: one language's context into its Word template.

Takes a template and a context; gives the document's bytes, filled through
docxtpl's public API and finished by the markup layer, with template errors
told by paragraph. The only subpackage that imports docxtpl. Also writes the starter templates of
``ctpdoc init --empty`` and ``--example`` (:mod:`ctpdoc.render.starter`, with python-docx): templates are its own.
"""
