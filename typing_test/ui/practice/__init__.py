"""Practice pages: weak keys, targeted practice and progress."""
