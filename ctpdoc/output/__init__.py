"""The output layer: the documents written, all or none, and their PDFs.

Takes the rendered bytes of every document; gives them in the output folder
as one set (one build at a time), and PDF/A copies through LibreOffice.
"""
