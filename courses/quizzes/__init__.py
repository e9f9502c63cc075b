"""Quizzes: question types, the grading engine, attempts, item analysis, views and reports."""
