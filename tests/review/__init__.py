"""ctpdoc/review: the review page, as HTML and in a browser."""
