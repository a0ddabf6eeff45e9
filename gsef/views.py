"""Views shared by the apps."""

from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.generic import DetailView
from django.views.generic.base import ContextMixin

from gsef import cache as page_cache


def not_found(model):
    """The 404 of a detail page whose record is not there (or not public)."""
    return Http404(
        _("No %(verbose_name)s found matching the query")
        % {"verbose_name": model._meta.verbose_name}
    )


class FragmentDetailView(DetailView):
    """A detail page whose parts are fragments kept until content changes: in its template,
    each block is `{% fragment "<context_object_name>-<part>" record_key %}`, for each part
    in `fragment_parts`, all read in one round trip. They are named by the slug in the
    address, so a page whose fragments are all kept needs no query: any change to the
    content (publishing, unpublishing, a new slug) drops them. Otherwise the record is
    looked up, a 404 if it is not published, and loaded with all it shows only if a
    fragment must be rendered."""

    fragment_parts = ("title", "description", "meta", "breadcrumbs", "content")
    # slug -> the record with all its page shows, or None when there is none to show: queries
    # compiled once per worker (gsef.prepared). Without it, the view's queryset is asked.
    load = None

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        self.record_key = slug = self.kwargs[self.slug_url_kwarg]
        kept = page_cache.prefetch_fragments(
            self.request, self.context_object_name, self.fragment_parts, slug
        )
        if not kept:  # a part is missing: the record, with all it shows (or a 404)
            return self.found(queryset, slug)
        # Every part kept: the record is read only if the template asks for it anyway.
        return SimpleLazyObject(lambda: self.found(queryset, slug))

    def found(self, queryset, slug):
        if self.load is not None:
            record = self.load(slug)
        else:
            try:
                record = queryset.get(slug=slug)
            except queryset.model.DoesNotExist:
                record = None
        if record is None:
            raise not_found(queryset.model)
        return record

    def get_context_data(self, **kwargs):
        # Not DetailView's: it would load the record just to name it in the context.
        kwargs.setdefault(self.context_object_name, self.object)
        return ContextMixin.get_context_data(self, record_key=self.record_key, **kwargs)
