"""ctpdoc/commands: build, import, harvest, init --example, new-workbook, snapshot, the season's turn."""
