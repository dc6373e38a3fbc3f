"""ctpdoc/workbooks: the workbooks read and written (one writer, backups, history, the record of texts in step)."""
