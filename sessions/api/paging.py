from django.core.paginator import InvalidPage
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


def _positive(raw, name):
    try:
        number = int(raw)
    except ValueError:
        number = 0
    if number < 1:
        raise ValidationError({name: [f"“{raw[:20]}” is not a whole number of 1 or more."]})
    return number


class Pagination(PageNumberPagination):
    """Pages of 20 rows, as on the site (so that page n holds the rows of the web list's
    page n), or `page_size` rows up to 100. A page that is not a number, or past the last,
    is a 400 that says which pages there are."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        size = _positive(raw, self.page_size_query_param)
        if size > self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [f"At most {self.max_page_size} rows a page."]}
            )
        return size

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = self.get_page_size(request)
        paginator = self.django_paginator_class(queryset, size)
        indexed = getattr(view, "indexed_filterset", None)  # see IndexedFilterBackend
        count = indexed.count_from_index() if indexed is not None else None
        if count is not None:
            paginator.count = count
        raw = request.query_params.get(self.page_query_param, "1")
        number = _positive(raw, self.page_query_param)
        try:
            self.page = paginator.page(number)
        except InvalidPage:
            raise ValidationError(
                {
                    self.page_query_param: [
                        f"There is no page {number}: the pages go from 1 to {paginator.num_pages}."
                    ]
                }
            ) from None
        if count is not None:  # the page's rows by primary key, their ids from the index
            kept = indexed.page_from_index((self.page.number - 1) * size, size)
            if kept is not None:
                self.page.object_list = kept
        return list(self.page)
