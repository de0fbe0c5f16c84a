"""A loopback HTTP server that fails the way a sandbox fails in real life, page by page.

``server.faults`` maps a path to the fault it shows (switchable between runs); any other path is
healthy and shows ``server.healthy_body``. ``/login`` is the login page the session faults lead
to. ``server.hits`` counts the requests of each path.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = "<!doctype html><html lang='en'><title>{title}</title><body>{body}</body></html>"
FINE = "<main><h1>Reading lists</h1><p>Everything is fine here.</p></main>"
LOGIN = "<main><h1>Log in</h1><form><label>User <input name=u></label></form></main>"
FAULT_KINDS = ("503", "500", "login", "later-login", "moves-once", "hang", "empty", "drop")


class _Handler(BaseHTTPRequestHandler):
    server: FaultServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, html: str, headers: dict[str, str] | None = None) -> None:
        data = html.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _page(self, title: str, body: str, status: int = 200) -> None:
        self._send(status, PAGE.format(title=title, body=body))

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        self.server.hits[path] = self.server.hits.get(path, 0) + 1
        fault = self.server.faults.get(path)
        healthy = self.server.healthy_body
        if path == "/login":
            self._page("Log in", LOGIN)
        elif path.endswith(".png"):
            self._send(404, "")
        elif fault is None:
            self._page("Fine", healthy)
        elif fault == "503":
            body = "<h1>Scheduled maintenance</h1><p>Leganto is undergoing maintenance.</p>"
            self._page("Service Unavailable", body, 503)
        elif fault == "500":
            self._page("Error", "<h1>Something went wrong</h1>", 500)
        elif fault == "login":
            self._send(302, "", {"Location": f"/login?return={path}"})
        elif fault in ("later-login", "moves-once"):
            target, ms = ("/login", 2000) if fault == "later-login" else ("/ok", 1000)
            script = f"<script>setTimeout(() => {{ location.href = '{target}'; }}, {ms});</script>"
            self._page("Fine", healthy + script)
        elif fault == "hang":
            self.server.stop.wait(120)
        elif fault == "empty":
            self._send(200, "")
        elif fault == "drop":
            self._drop()

    def _drop(self) -> None:
        """Headers that promise 50,000 bytes, 60 of them, then the connection closes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", "50000")
        self.end_headers()
        self.wfile.write(PAGE.format(title="Fine", body=FINE)[:60].encode())
        self.wfile.flush()
        self.connection.shutdown(socket.SHUT_RDWR)


class FaultServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, faults: dict[str, str] | None = None, healthy_body: str = FINE) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.faults: dict[str, str] = dict(faults or {})
        self.healthy_body = healthy_body
        self.hits: dict[str, int] = {}
        self.stop = threading.Event()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"


@contextmanager
def serving(server: FaultServer) -> Iterator[FaultServer]:
    """Serve in a thread until the block ends; hanging requests are released."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop.set()
        server.shutdown()
        server.server_close()


def free_port() -> int:
    """A loopback port nobody listens on (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
