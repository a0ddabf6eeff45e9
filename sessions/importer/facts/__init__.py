"""The facts of a report, each read by its own module: dates, countries, people, initiatives,
and the session's own values (type, languages, time, participants)."""
