"""Reusable Qt building blocks with no knowledge of records: axes, layouts."""
