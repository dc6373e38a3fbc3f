"""ctpdoc/changes: the diff, word by word and sentence by sentence."""
