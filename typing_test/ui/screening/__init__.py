"""HR screening: the admin area, the locked-down session, the dashboard."""
