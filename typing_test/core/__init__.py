"""Pure-Python logic: scoring, checking, grading, quizzes. Never imports Qt."""
