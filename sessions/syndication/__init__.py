"""Feeds, citations and the list of forums (issue 15)."""
