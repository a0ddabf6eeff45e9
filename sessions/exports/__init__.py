"""Downloads of the lists (CSV, JSON) and the open-data archive (issue 15)."""
