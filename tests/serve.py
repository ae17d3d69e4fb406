"""Serve a built site on 127.0.0.1 the way GitHub Pages does: the one server of tests and bench.

Text goes gzipped with `Cache-Control: max-age=600` (as Pages sends it, so weights are what readers
get); a missing path gets the site's 404.html with status 404; the site answers at `/` and under
site_url's path (`prefix`, e.g. /imh-pathways/), where 404.html links its styles and scripts.
"""

from __future__ import annotations

import gzip
import http.server
import mimetypes
import threading
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

# What GitHub Pages compresses (text formats); images and fonts go as they are.
COMPRESSED = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml",
              "application/manifest+json")
GZIP_LEVEL = 6  # a typical server setting


@lru_cache(maxsize=4096)
def gzipped(path: Path, mtime_ns: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)


def content_type(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".js":
        kind = "application/javascript"
    return kind + ("; charset=utf-8" if kind.startswith("text/") or kind.endswith(("javascript", "json")) else "")


def transfer_size(path: Path) -> int:
    """Bytes of the body GitHub Pages would send for this file to a browser that accepts gzip."""
    if content_type(path).startswith(COMPRESSED):
        return len(gzipped(path, path.stat().st_mtime_ns))
    return path.stat().st_size


class Handler(http.server.BaseHTTPRequestHandler):
    root: Path
    prefix: str = "/"
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # quiet
        pass

    def _resolve(self) -> tuple[int, Path | None]:
        path = unquote(urlsplit(self.path).path)
        if self.prefix != "/" and path.startswith(self.prefix):
            path = "/" + path[len(self.prefix):]
        rel = path.lstrip("/")
        target = (self.root / rel).resolve()
        if self.root not in target.parents and target != self.root:
            return 404, None
        if target.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return 301, target
            target = target / "index.html"
        if target.is_file():
            return 200, target
        return 404, self.root / "404.html"

    def do_GET(self, head: bool = False) -> None:  # noqa: N802 (http.server's API)
        status, target = self._resolve()
        if status == 301:
            self.send_response(301)
            self.send_header("Location", urlsplit(self.path).path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if target is None or not target.is_file():
            body, kind, encoded = b"Not found", "text/plain; charset=utf-8", False
        else:
            kind = content_type(target)
            encoded = kind.startswith(COMPRESSED) and "gzip" in self.headers.get("Accept-Encoding", "")
            body = gzipped(target, target.stat().st_mtime_ns) if encoded else target.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        if encoded:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET(head=True)


class Server:
    """`with Server(site_dir, port) as base_url:` serves the folder in a background thread."""

    def __init__(self, root: Path, port: int = 0, prefix: str = "/"):
        handler = type("SiteHandler", (Handler,), {"root": root.resolve(), "prefix": prefix})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __enter__(self) -> str:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self.url

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
