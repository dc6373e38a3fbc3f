"""ctpdoc: the PTC work-programme report, built from Excel workbooks and Word templates.

Stages, one module each: ``workbook`` reads, ``model`` holds the types,
``changes`` diffs against the baseline, ``context`` formats one language,
``render`` fills its template (with ``revisions`` writing the Word markup),
``build`` runs them in order and writes atomically; ``cli`` is the command line.
"""

__version__ = "0.1.0"
