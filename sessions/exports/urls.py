"""Downloads of the lists (CSV, JSON) and the open-data archive (issue 15)."""

from django.urls import path, register_converter

from sessions.exports import open_data, views


class FormatConverter:
    regex = "csv|json"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "export_format")

urlpatterns = [
    path(
        "sessions/export.<export_format:format>",
        views.SessionExportView.as_view(),
        name="session-export",
    ),
    path(
        "initiatives/export.<export_format:format>",
        views.InitiativeExportView.as_view(),
        name="initiative-export",
    ),
    path(
        "speakers/export.<export_format:format>",
        views.SpeakerExportView.as_view(),
        name="speaker-export",
    ),
    path(
        "search/export.<export_format:format>",
        views.SearchExportView.as_view(),
        name="search-export",
    ),
    path("open-data/", open_data.OpenDataView.as_view(), name="open-data"),
    path("open-data/gsef-open-data.zip", open_data.archive_download, name="open-data-archive"),
]
