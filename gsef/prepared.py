"""Queries whose SQL each worker writes once: a record's page asks the same questions for every
record, only the slug or the id changes.

Django compiles a queryset's SQL anew each time it runs it: every column of every model it
selects (with modeltranslation, each text field once per language) is named, quoted and
checked again. On a page that nothing was kept for, that compiling took about a quarter of the
request: 7 of 26 ms for a session, 4 of 13 for a speaker, 4 of 14 for an initiative (measured
in process at 100,000 sessions). A PreparedQuery builds its queryset once with a stand-in for
that value, lets Django compile it, and from then on runs the same SQL with the value in the
stand-in's place; the rows become model instances exactly as Django makes them (its own
iterable, fed with the compiled statement). The SQL depends on the database and, through
modeltranslation, on the language, so each worker keeps one per database alias and language.

attach() then hands the rows of a relation to a record as prefetch_related would, so that the
templates' `record.relation.all` reads them without a query.
"""

from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import get_language

# Stand-ins: values no record has, of the type the real values have.
TEXT = "zqx-prepared-stand-in"
NUMBER = -732_001


class PreparedQuery:
    """build(value) -> a queryset; run(value) gives list(build(value)), compiled once."""

    def __init__(self, build, stand_in):
        self.build = build
        self.stand_in = stand_in
        self._compiled = {}

    def _compile(self, using):
        key = (using, get_language())
        try:
            return self._compiled[key]
        except KeyError:
            pass
        queryset = self.build(self.stand_in).using(using)
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        places = [index for index, param in enumerate(params) if param == self.stand_in]
        if len(places) != 1 or queryset._prefetch_related_lookups:
            # The value is used twice, or transformed on the way (a lookup that changes it):
            # nothing is kept, each run builds its queryset as usual.
            compiled = None
        else:
            state = {
                k: v for k, v in vars(compiler).items() if k not in ("connection", "using", "query")
            }
            compiled = (queryset, sql, tuple(params), places[0], state)
        self._compiled[key] = compiled
        return compiled

    def run(self, value, using=DEFAULT_DB_ALIAS):
        compiled = self._compile(using) if type(value) is type(self.stand_in) else None
        if compiled is None:
            return list(self.build(value).using(using))
        queryset, sql, params, place, state = compiled
        params = (*params[:place], value, *params[place + 1 :])
        runner = queryset._chain()
        query = runner.query

        def get_compiler(using=None, connection=None, elide_empty=True):
            compiler = type(query).get_compiler(query, using, connection, elide_empty)
            vars(compiler).update(state)
            compiler.as_sql = lambda *args, **kwargs: (sql, params)
            return compiler

        query.get_compiler = get_compiler
        return list(runner)


def attach(record, accessor, rows):
    """record.<accessor>.all() gives `rows` from now on, without a query, as after
    prefetch_related(accessor). The accessor is the relation's cache name too: its field's
    name, or the related_name of a reverse relation."""
    queryset = getattr(record, accessor).get_queryset()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    if not hasattr(record, "_prefetched_objects_cache"):
        record._prefetched_objects_cache = {}
    record._prefetched_objects_cache[accessor] = queryset


def grouped(rows, key):
    """{key(row): [rows...]}, in the rows' order."""
    groups = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return groups
