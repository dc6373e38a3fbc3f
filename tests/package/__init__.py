"""ctpdoc/package: one policy for every Office file ctpdoc opens; OpenDocument spotted."""
