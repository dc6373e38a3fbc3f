"""ctpdoc/output: PDFs through LibreOffice, the PDF's revision colours, one writer per folder."""
