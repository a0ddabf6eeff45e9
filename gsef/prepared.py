"""Queries whose SQL each worker writes once: a record's page asks the same questions for every
record, only the slug or the id changes.

Django compiles a queryset's SQL anew each time it runs it: every column of every model it
selects (with modeltranslation, each text field once per language) is named, quoted and
checked again. On a page that nothing was kept for, that compiling took about a quarter of the
request: 7 of 26 ms for a session, 4 of 13 for a speaker, 4 of 14 for an initiative (measured
in process at 100,000 sessions). A PreparedQuery builds its queryset once with a stand-in for
that value, lets Django compile it, and from then on runs the same SQL with the value in the
stand-in's place, its columns read back by the converters worked out then; the rows become
model instances exactly as Django makes them (its own iterable, fed with the compiled
statement). The SQL depends on the database and, through modeltranslation, on the language,
so each worker keeps one per database alias and language.

attach() then hands the rows of a relation to a record as prefetch_related would, so that the
templates' `record.relation.all` reads them without a query.
"""

from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import get_language

# Stand-ins: values no record has, of the type the real values have.
TEXT = "zqx-prepared-stand-in"
NUMBER = -732_001


def numbers(count):
    """`count` stand-ins for a list of ids."""
    return tuple(NUMBER - n for n in range(count))


class PreparedQuery:
    """build(value) -> a queryset; run(value) gives list(build(value)), compiled once.

    The stand-in may also be a tuple (for `pk__in=value`, say): a run then takes a tuple of
    as many values or fewer, the last ones repeating its first (the same rows for an IN)."""

    def __init__(self, build, stand_in):
        self.build = build
        self.stand_in = stand_in
        self.stand_ins = stand_in if isinstance(stand_in, tuple) else (stand_in,)
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
        places = [
            [index for index, param in enumerate(params) if param == stand_in]
            for stand_in in self.stand_ins
        ]
        if any(len(found) != 1 for found in places) or queryset._prefetch_related_lookups:
            # A value used twice or transformed on the way (a lookup that changes it), or
            # prefetches to run: nothing is kept, each run builds its queryset as usual.
            compiled = None
        else:
            skipped = ("connection", "using", "query")
            state = {k: v for k, v in vars(compiler).items() if k not in skipped}
            # How each column's value is read back (a date, a country...), worked out once too.
            columns = [column for column, *_ in compiler.select[: compiler.col_count]]
            converters = compiler.get_converters(columns)
            state["get_converters"] = lambda expressions: converters
            compiled = (queryset, sql, tuple(params), [found[0] for found in places], state)
        self._compiled[key] = compiled
        return compiled

    def run(self, value, using=DEFAULT_DB_ALIAS):
        values = self._values(value)
        compiled = self._compile(using) if values is not None else None
        if compiled is None:
            return list(self.build(value).using(using))
        queryset, sql, params, places, state = compiled
        params = list(params)
        for place, one in zip(places, values, strict=True):
            params[place] = one
        params = tuple(params)
        runner = queryset._chain()
        query = runner.query

        def get_compiler(using=None, connection=None, elide_empty=True):
            compiler = type(query).get_compiler(query, using, connection, elide_empty)
            vars(compiler).update(state)
            compiler.as_sql = lambda *args, **kwargs: (sql, params)
            return compiler

        query.get_compiler = get_compiler
        return list(runner)

    def _values(self, value):
        """The values in the stand-ins' places, or None when they cannot take them."""
        kind = type(self.stand_ins[0])
        if not isinstance(self.stand_in, tuple):
            return (value,) if type(value) is kind else None
        values = tuple(value)
        if not 0 < len(values) <= len(self.stand_ins) or any(type(v) is not kind for v in values):
            return None
        return values + (values[0],) * (len(self.stand_ins) - len(values))


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


def belonging_to(record, rows, field_name):
    """Each row's `field_name` (a foreign key) is `record`, read without a query, as the
    record's reverse relation leaves its rows."""
    for row in rows:
        row._meta.get_field(field_name).set_cached_value(row, record)
    return rows


def grouped(rows, key):
    """{key(row): [rows...]}, in the rows' order."""
    groups = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return groups
