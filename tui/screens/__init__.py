"""Modal screens of the app: help and export."""
