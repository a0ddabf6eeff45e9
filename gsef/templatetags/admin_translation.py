"""Template helpers of the admin's own pages."""

from django import template

from gsef.admin_translation import translation_backlog as backlog_of

register = template.Library()


@register.simple_tag
def translation_backlog(app_list):
    """{% translation_backlog app_list as backlog %}: gsef.admin_translation.translation_backlog."""
    return backlog_of(app_list)
