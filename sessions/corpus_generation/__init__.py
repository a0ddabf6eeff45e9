"""The synthetic corpus of `manage.py generate_corpus`; its words come from `sessions.corpus`.

- `shape`: how it is drawn: the forum editions, the languages, session types and times, the
  share of sessions published;
- `builder` and `session_rows`: the Builder, which draws every record from one seed and
  inserts them in batches (the sessions, with all they hold, in `session_rows`);
- `rows`: unsaved rows for bulk_create, made without Model.__init__;
- `runs`: which run comes next (slugs "syn<run>-...") and deleting every earlier one.
"""

from sessions.corpus_generation.builder import Builder
from sessions.corpus_generation.runs import SYNTHETIC_SLUG, clear_synthetic, next_run

__all__ = ["SYNTHETIC_SLUG", "Builder", "clear_synthetic", "next_run"]
