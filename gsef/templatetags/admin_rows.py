"""`{% written_result_list cl %}`: Django's `{% result_list cl %}`, its rows written by
gsef.admin_rows, into the same template (admin/change_list_results.html, or an app's own)."""

from django import template
from django.contrib.admin.templatetags.admin_list import result_headers, result_hidden_fields
from django.contrib.admin.templatetags.base import InclusionAdminNode

from gsef.admin_rows import rows

register = template.Library()


def written_result_list(changelist):
    headers = list(result_headers(changelist))
    return {
        "cl": changelist,
        "result_hidden_fields": list(result_hidden_fields(changelist)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": rows(changelist),
    }


@register.tag(name="written_result_list")
def written_result_list_tag(parser, token):
    return InclusionAdminNode(
        parser,
        token,
        func=written_result_list,
        template_name="change_list_results.html",
        takes_context=False,
    )
