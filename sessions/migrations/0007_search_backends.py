"""What the search index needs from each database, created only on that database.

PostgreSQL: the unaccent and pg_trgm extensions, English and French text search
configurations that fold accents, a trigger that fills `search_vector` (every text with both
configurations; titles weigh A, summaries B, the rest C), a GIN index on it and a trigram
index on the lexicon.

SQLite: an FTS5 table over the entries' texts (accents folded, Porter stemming), kept in step
by triggers. Careful: SQLite alters a table by copying it, which drops its triggers; a later
migration that alters SearchEntry must create these triggers again.
"""

from django.db import migrations

TEXTS = ["title_en", "title_fr", "summary_en", "summary_fr", "body_en", "body_fr"]

POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE TEXT SEARCH CONFIGURATION gsef_en (COPY = english)",
    "ALTER TEXT SEARCH CONFIGURATION gsef_en ALTER MAPPING FOR hword, hword_part, word "
    "WITH unaccent, english_stem",
    "CREATE TEXT SEARCH CONFIGURATION gsef_fr (COPY = french)",
    "ALTER TEXT SEARCH CONFIGURATION gsef_fr ALTER MAPPING FOR hword, hword_part, word "
    "WITH unaccent, french_stem",
    """
    CREATE FUNCTION forum_sessions_searchentry_vector() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        titles text := NEW.title_en || ' ' || NEW.title_fr;
        summaries text := NEW.summary_en || ' ' || NEW.summary_fr;
        bodies text := NEW.body_en || ' ' || NEW.body_fr;
    BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('public.gsef_en', titles), 'A')
            || setweight(to_tsvector('public.gsef_fr', titles), 'A')
            || setweight(to_tsvector('public.gsef_en', summaries), 'B')
            || setweight(to_tsvector('public.gsef_fr', summaries), 'B')
            || setweight(to_tsvector('public.gsef_en', bodies), 'C')
            || setweight(to_tsvector('public.gsef_fr', bodies), 'C');
        RETURN NEW;
    END
    $$
    """,
    f"""
    CREATE TRIGGER forum_sessions_searchentry_vector
    BEFORE INSERT OR UPDATE OF {", ".join(TEXTS)} ON forum_sessions_searchentry
    FOR EACH ROW EXECUTE FUNCTION forum_sessions_searchentry_vector()
    """,
    "CREATE INDEX forum_sessions_searchentry_vector ON forum_sessions_searchentry "
    "USING gin (search_vector) WHERE published",
    "CREATE INDEX forum_sessions_searchword_trgm ON forum_sessions_searchword "
    "USING gin (word gin_trgm_ops)",
]

POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS forum_sessions_searchword_trgm",
    "DROP INDEX IF EXISTS forum_sessions_searchentry_vector",
    "DROP TRIGGER IF EXISTS forum_sessions_searchentry_vector ON forum_sessions_searchentry",
    "DROP FUNCTION IF EXISTS forum_sessions_searchentry_vector()",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS gsef_fr",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS gsef_en",
]

_columns = ", ".join(TEXTS)
_new = ", ".join(f"new.{c}" for c in TEXTS)
_old = ", ".join(f"old.{c}" for c in TEXTS)
_fts = "forum_sessions_searchentry_fts"
SQLITE = [
    f"""CREATE VIRTUAL TABLE {_fts} USING fts5({_columns},
        content='forum_sessions_searchentry', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER {_fts}_insert AFTER INSERT ON forum_sessions_searchentry BEGIN
        INSERT INTO {_fts}(rowid, {_columns}) VALUES (new.id, {_new});
    END""",
    f"""CREATE TRIGGER {_fts}_delete AFTER DELETE ON forum_sessions_searchentry BEGIN
        INSERT INTO {_fts}({_fts}, rowid, {_columns}) VALUES ('delete', old.id, {_old});
    END""",
    f"""CREATE TRIGGER {_fts}_update AFTER UPDATE ON forum_sessions_searchentry BEGIN
        INSERT INTO {_fts}({_fts}, rowid, {_columns}) VALUES ('delete', old.id, {_old});
        INSERT INTO {_fts}(rowid, {_columns}) VALUES (new.id, {_new});
    END""",
]

SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {_fts}_update",
    f"DROP TRIGGER IF EXISTS {_fts}_delete",
    f"DROP TRIGGER IF EXISTS {_fts}_insert",
    f"DROP TABLE IF EXISTS {_fts}",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in statements.get(vendor, []):
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("forum_sessions", "0006_search_index")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
