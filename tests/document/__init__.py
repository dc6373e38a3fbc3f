"""ctpdoc/document: the typed per-language context, formats, typography, sentences, languages as data."""
