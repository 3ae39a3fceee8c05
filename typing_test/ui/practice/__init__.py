"""Practice pages: the keyboard picture, targeted practice, progress."""
