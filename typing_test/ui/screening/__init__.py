"""HR screening: the admin login, the admin area, the screening session and the dashboard."""
