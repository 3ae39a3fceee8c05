"""The email drills' pages: the drill list, proofreading, writing and their reviews."""
