"""Screenshots of every public page type, in English and French, on a phone and a desktop, for
the README's gallery (issue 18). A script, not a test.

    .venv/bin/python scripts/screenshots.py                 # its own server on the demo data
    .venv/bin/python scripts/screenshots.py --base-url http://127.0.0.1:8000

Without --base-url it makes a temporary SQLite database, migrates it, loads the demo data
(`load_demo`), serves it with `manage.py runserver` on a free port, and stops the server and
removes the database at the end. With --base-url it starts nothing: the server must serve the
database that this script's settings point to (DATABASE_URL, or db.sqlite3), since the
addresses of the pages are read from it (tests/browser/pages.py, shared with the browser
tests of the design).

Each page is saved as docs/screenshots/<page>-<language>-<size>.png, full page, cut at
--max-height pixels; the gallery (Markdown, grouped by page type) is written to
docs/screenshots/gallery.md and printed with its links relative to the repository's root,
ready for README.md. Uses Debian's Chromium, like the browser tests.
"""

import argparse
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from html import escape
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "docs" / "screenshots"
PYTHON = sys.executable
LANGUAGE_NAMES = {"en": "English", "fr": "French"}
# A thumbnail's width in the gallery, in pixels: a desktop's and a phone's at the same scale.
THUMBNAIL = {"desktop": 320, "phone": 98}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    # What the command says goes to stderr: stdout is the gallery's.
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=sys.stderr)


def wait_for(url, server, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server stopped (exit {server.returncode}) before answering")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.3)
    sys.exit(f"no answer from {url} after {seconds} s")


class DemoServer:
    """`manage.py runserver` on a temporary SQLite database holding the demo data."""

    def __enter__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="gsef-screenshots-"))
        database = f"sqlite:///{self.folder / 'db.sqlite3'}"
        # DEBUG off, as visitors see the site (Django's own 404 page otherwise), over plain
        # HTTP, with the static files served by runserver (--insecure) from the sources.
        self.env = {
            **os.environ,
            "DATABASE_URL": database,
            "DEBUG": "0",
            "STATIC_MANIFEST": "0",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
        }
        os.environ["DATABASE_URL"] = database  # the addresses are read from it too
        manage(self.env, "migrate", "--noinput", "--verbosity", "0")
        manage(self.env, "load_demo", "--verbosity", "0")
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.server = subprocess.Popen(
            [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(f"{self.url}/en/", self.server)
        return self

    def __exit__(self, *exc):
        self.server.terminate()
        try:
            self.server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.server.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


def page_addresses():
    """[(page type, language, path)] from the database (before Playwright starts its loop)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gsef.settings")
    import django

    django.setup()
    from tests.browser.pages import all_addresses

    return all_addresses()


def chromium_path():
    found = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not found:
        sys.exit("Debian's Chromium is needed: apt-get install chromium")
    return found


def take(base_url, pages, out, max_height):
    """Save every screenshot; return {(page type, language, size): file name}."""
    from playwright.sync_api import sync_playwright

    from tests.browser.pages import SIZES

    out.mkdir(parents=True, exist_ok=True)
    files = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        for size, options in SIZES.items():
            context = browser.new_context(locale="en-GB", **options)
            page = context.new_page()
            for page_type, language, path in pages:
                page.goto(f"{base_url}{path}", wait_until="networkidle")
                width = options["viewport"]["width"]
                height = min(page.evaluate("document.documentElement.scrollHeight"), max_height)
                name = f"{page_type}-{language}-{size}.png"
                page.screenshot(
                    path=out / name,
                    full_page=True,
                    clip={"x": 0, "y": 0, "width": width, "height": height},
                )
                files[page_type, language, size] = name
                print(f"  {name}  {path}", file=sys.stderr)
            context.close()
        browser.close()
    return files


def gallery(files, pages, prefix):
    """The Markdown gallery: one folded section per page type, its four screenshots side by
    side (English then French, desktop then phone), each linking to the full-size image."""
    from tests.browser.pages import PAGE_TITLES

    paths = {(page_type, language): path for page_type, language, path in pages}
    lines = [
        "Every page type of the public site, on a desktop (1280 pixels wide) and a phone "
        "(390 pixels), in English and French, made from the demo data by "
        "`scripts/screenshots.py`. Open a section to see its screenshots; click one for "
        "the full page.",
        "",
    ]
    for page_type, title in PAGE_TITLES.items():
        shots = []
        for language in LANGUAGE_NAMES:
            for size in ("desktop", "phone"):
                name = files.get((page_type, language, size))
                if name:
                    alt = f"{title}, {LANGUAGE_NAMES[language]}, {size}"
                    shots.append(
                        f'<a href="{prefix}{name}"><img src="{prefix}{name}" '
                        f'width="{THUMBNAIL[size]}" alt="{alt}"></a>'
                    )
        if not shots:
            continue
        where = ", ".join(
            f"<code>{escape(paths[page_type, code])}</code>" for code in LANGUAGE_NAMES
        )
        lines += [
            "<details>",
            f"<summary><strong>{title}</strong>: {where}</summary>",
            "",
            *shots,
            "</details>",
            "",
        ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", help="a server already running (nothing is started)")
    parser.add_argument("--out", type=Path, default=OUT, help="where the PNG files go")
    parser.add_argument(
        "--max-height", type=int, default=4000, help="cut longer pages (pixels; default 4000)"
    )
    parser.add_argument(
        "--only", nargs="*", help="page types to take (the gallery lists only these)"
    )
    args = parser.parse_args()

    if args.base_url:
        running = contextlib.nullcontext(SimpleNamespace(url=args.base_url.rstrip("/")))
    else:
        print("Serving the demo data from a temporary database…", file=sys.stderr)
        running = DemoServer()
    with running as server:
        pages = page_addresses()
        if args.only:
            pages = [page for page in pages if page[0] in args.only]
        files = take(server.url, pages, args.out, args.max_height)

    (args.out / "gallery.md").write_text("# Screenshots\n\n" + gallery(files, pages, "") + "\n")
    relative = os.path.relpath(args.out, ROOT).replace(os.sep, "/")
    print(gallery(files, pages, f"{relative}/"))


if __name__ == "__main__":
    main()
