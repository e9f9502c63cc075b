"""Security tests: who may open which URL, and what bad input gets."""
