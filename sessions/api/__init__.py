"""The read-only REST API under /api/v1/ (issue 15)."""
