"""The Office quiz pages: set-up, the quiz runner with its formula grid, the result."""
