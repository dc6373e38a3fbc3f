"""ctpdoc/render: docxtpl filling, the second process, the starter templates."""
