"""ctpdoc: the PTC work-programme report, built from Excel workbooks and Word templates.

Subpackages by stage, top first; each imports only from the layers below it (``tools/layers.py``
checks it): ``cli`` (the command line) → ``commands`` (orchestration) → ``render`` · ``output`` ·
``review`` → ``checks`` · ``translations`` → ``document`` (the per-language context) →
``workbooks`` · ``word`` · ``markup`` · ``changes`` → ``package`` (safe opening of Office files) →
the root modules ``model``, ``errors``, ``contract``, ``paths``, ``timing``. ``docs/developing.md``
draws the map and follows a build through it.
"""

__version__ = "0.1.0"
