"""Practice pages: the keyboard picture, targeted practice and progress."""
