"""HR screening screens: the admin area, the locked-down session, the dashboard."""
