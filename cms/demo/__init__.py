"""The demo content: read from `content/` and loaded into the site."""
