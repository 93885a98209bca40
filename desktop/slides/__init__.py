"""PowerPoint decks with python-pptx, drawn from what the core computes.

``desktop.slides.deck.build_deck(cases, lang=, anonymize=, size=) -> bytes`` and
``write_deck(cases, out_path, ...)``; ``desktop.slides.cli`` is the ``slides`` command.
Nothing is imported here, so the command line stays quick to start.
"""
