"""ctpdoc/translations: texts out of date, confirmations, XLIFF, the round trip through a CAT tool."""
