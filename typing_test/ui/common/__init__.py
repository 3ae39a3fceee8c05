"""Widgets and styles shared by every page."""
