"""ctpdoc/markup: the WordprocessingML ctpdoc writes (revisions, sentence marks, language)."""
