"""gunicorn's sync worker, answering malformed HTTP with the service's JSON error shape.

gunicorn rejects what it cannot parse (an over-long request line, oversized headers, a bad
request line or method) before the app sees it, and writes a small HTML page. Clients of a JSON
API should get ``{"error": {"code", "message"}}`` whatever refused them, so this worker swaps in a
JSON writer. gunicorn calls ``gunicorn.util.write_error`` by module attribute from its worker
base class and nowhere else; replacing it in the worker process changes only that page.
"""

from __future__ import annotations

import json
import socket

from gunicorn import util
from gunicorn.workers.sync import SyncWorker

from api.errors import HTTP_CODES

SECURITY_HEADERS = "X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n"


def json_error_page(status: int, reason: str, message: str) -> bytes:
    """The raw HTTP response for an error gunicorn found before the app ran.

    >>> json_error_page(414, "URI Too Long", "limit 4094").split(b"\\r\\n\\r\\n")[1]
    b'{"error": {"code": "uri_too_long", "message": "URI Too Long: limit 4094"}}'
    """
    code = HTTP_CODES.get(status, reason.lower().replace(" ", "_") or "error")
    text = f"{reason}: {message}" if message else reason
    body = json.dumps({"error": {"code": code, "message": text}}, ensure_ascii=True).encode()
    head = (f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\n"
            f"Content-Type: application/json\r\n{SECURITY_HEADERS}"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode("latin-1") + body


def write_json_error(sock: socket.socket, status_int: int, reason: str, mesg: str) -> None:
    util.write_nonblock(sock, json_error_page(status_int, reason, mesg))


class JsonErrorSyncWorker(SyncWorker):  # type: ignore[misc]
    """The sync worker (requests on the main thread, so the time budget applies), JSON errors."""

    def init_process(self) -> None:
        util.write_error = write_json_error
        super().init_process()
