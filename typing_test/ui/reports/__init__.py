"""Pages that look back over stored results."""
