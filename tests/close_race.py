"""Child process of tests/test_page_close.py: close pages caught mid-navigation, many times.

Each page opens one that sends itself on by a meta refresh at once, and is closed while that
navigation commits, the race in which Chromium drops a close (``page.close()`` then never
returns). Prints ``closed N of N`` when every close returned and the page is gone.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from playwright.sync_api import Error, sync_playwright

from leganto_qa.browser.browser_discovery import find_browser, launch_args
from leganto_qa.browser.page_close import close_page

REFRESH = (
    b"<!doctype html><html lang='en'><head><title>a</title>"
    b"<meta http-equiv='refresh' content=\"0; URL='/arrived'\"></head><body><p>on</p></body></html>"
)
ARRIVED = b"<!doctype html><html lang='en'><title>b</title><p>arrived</p></html>"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        body = REFRESH if self.path == "/refresh" else ARRIVED
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def handle(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # closed mid-answer
            super().handle()


def main(rounds: int) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/refresh"
    choice = find_browser()
    assert choice is not None, "no Chromium found"
    closed = 0
    with sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_args(choice))
        context = browser.new_context()
        for _ in range(rounds):
            page = context.new_page()
            page.goto(url, wait_until="commit")
            with contextlib.suppress(Error):  # destroyed by the refresh: the close races its commit
                page.evaluate("1")
            closed += close_page(page) and page.is_closed()
        browser.close()
    server.shutdown()
    print(f"closed {closed} of {rounds}")


if __name__ == "__main__":
    main(int(sys.argv[1]))
