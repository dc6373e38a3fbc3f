"""ctpdoc/word: a .docx read back to text and annexes."""
