"""The API's browsable documentation: Swagger UI from drf-spectacular-sidecar's static files.

The site's Content-Security-Policy allows no inline script or style. The page's script
comes as a file of its own (drf-spectacular's split view), and its one inline <style> block
is allowed by its hash, on this page only; Swagger UI's icons are data: images, allowed here
too."""

import base64
import hashlib
import re

from drf_spectacular.views import SpectacularSwaggerSplitView

INLINE_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def style_hashes(html):
    return [
        f"'sha256-{base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()}'"
        for css in INLINE_STYLE.findall(html)
    ]


class DocsView(SpectacularSwaggerSplitView):
    title = "GSEF Knowledge Base API"

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.GET.get("script") is None:
            response.render()
            hashes = style_hashes(response.content.decode())
            response._csp_update = {"style-src": hashes, "img-src": ["data:"]}
        return response
