"""What every app shares and that knows no app: the StreamField, site-wide blocks, small tags."""
