"""The read-only REST API under /api/v1/ (issue 15).

- `language`: the language of an answer, from `?lang=` or Accept-Language;
- `fields`: texts in both languages, countries, absolute links;
- `serializers`: what each record looks like, in a list and on its own;
- `paging`: page-number pagination that answers 400 to a bad page;
- `views`: one read-only viewset per collection, filtered by the lists' own FilterSets;
- `throttling`, `schema` (the OpenAPI schema's additions), `docs` (Swagger UI under the
  site's Content-Security-Policy), `urls`.

Only published records are served, in lists, details and nested alike.
"""
