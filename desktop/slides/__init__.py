"""PowerPoint decks with python-pptx, drawn from what the core computes."""
