"""The protection layer: from the private warehouse to the public, protected database (and its audit)."""
