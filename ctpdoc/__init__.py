"""ctpdoc: the PTC work-programme report, built from Excel workbooks and Word templates.

The stages, in the order ``build`` runs them: ``sources`` reads the workbooks (through ``sheets``,
``settings`` and ``programmes``) into the ``model``; ``validate`` checks it and the templates;
``changes`` diffs against the baseline; ``context`` formats one language; ``render`` fills its
template through docxtpl (with ``revisions`` writing the Word markup); ``output`` writes the set.
``cli`` is the command line; the README's "Developing ctpdoc" names every module's job.
"""

__version__ = "0.1.0"
