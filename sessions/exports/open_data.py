"""The open-data page, and the archive it links (built by `manage.py build_open_data`)."""

import datetime

from django.http import FileResponse
from django.template.response import TemplateResponse
from django.views.generic import TemplateView

from sessions.exports import archive, columns


def archive_facts():
    """(size in bytes, when it was built) of the archive, or None if it is not built."""
    path = archive.archive_path()
    try:
        stat = path.stat()
    except OSError:
        return None
    built = datetime.datetime.fromtimestamp(stat.st_mtime, tz=datetime.UTC)
    return {"size": stat.st_size, "built": built}


class OpenDataView(TemplateView):
    template_name = "sessions/open_data.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            archive=archive_facts(),
            tables=[table.name for table in archive.TABLES],
            exports=[
                ("sessions:session-export", columns.SESSIONS),
                ("sessions:initiative-export", columns.INITIATIVES),
                ("sessions:speaker-export", columns.SPEAKERS),
            ],
            **kwargs,
        )


def archive_download(request):
    """The archive, streamed from its file; the open-data page with a 404 if not built."""
    try:
        file = archive.archive_path().open("rb")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        view = OpenDataView(request=request, kwargs={})
        context = view.get_context_data(missing=True)
        return TemplateResponse(request, OpenDataView.template_name, context, status=404)
    return FileResponse(file, as_attachment=True, filename=archive.FILENAME)
