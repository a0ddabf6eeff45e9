"""Shared by several caching test modules: the session page most tests visit, and the part of a
page that says which record it shows."""

SESSION_URL = "/en/sessions/session/"


def main_part(response):
    """What the page says about its record: its <head> and <main>, without the links to the
    page in each language (they repeat the query string)."""
    head, body = response.text.split("</head>")
    head = "\n".join(line for line in head.splitlines() if 'rel="alternate"' not in line)
    return head, body.split("<main")[1].split("</main>")[0]
