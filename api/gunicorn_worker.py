"""gunicorn's gthread worker with read deadlines, answering what it refuses in JSON.

Why gthread: a sync worker holds its one request slot while a client trickles its headers,
so a handful of slow sockets stopped the whole server. gthread accepts on its main loop and
hands each connection to a pool of ``--threads`` threads, so a slow client holds one thread,
not the process. gthread itself reads a connection's headers and body with no timeout at
all once a thread has it (it only waits 5 s for the *first* byte), so this worker adds two:

- ``header_timeout``: the whole header section must arrive within it, counted from the
  first read of the request. A socket timeout set to what is left of that deadline before
  every read bounds the total, not just each ``recv`` (a byte a second would pass a per-read
  timeout forever). The client gets a JSON 408 and the connection closes.
- ``body_timeout``: no read of the request body may wait longer than it (a client that
  stops sending mid-body). The view reading the body answers a JSON 408.

A body gunicorn cannot parse (a bad chunk size, a chunked body cut short) becomes a JSON 400
in the view that reads it, instead of an exception that the app logged as a 500.

gunicorn rejects what it cannot parse before the app sees it (an over-long request line,
oversized headers, a bad request line or method) and writes a small HTML page. Clients of a
JSON API should get ``{"error": {"code", "message"}}`` whatever refused them, so this worker
swaps in a JSON writer. gunicorn calls ``gunicorn.util.write_error`` by module attribute from
its worker base class and nowhere else; replacing it in the worker process changes only that
page.
"""

from __future__ import annotations

import errno
import json
import socket
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from gunicorn import util
from gunicorn.http.errors import NoMoreData, ParseException
from gunicorn.http.parser import RequestParser
from gunicorn.http.unreader import SocketUnreader
from gunicorn.workers.gthread import TConn, ThreadWorker

from api.errors import HTTP_CODES, ApiError

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


class ReadTimeout(Exception):
    """A client too slow to send its request; ``str()`` says which limit it ran into."""


class ReadClock:
    """The read deadlines of one connection, by phase: headers, body, or none (gunicorn's own
    reads after the view, such as draining an unread body, keep their own timeouts)."""

    def __init__(self, header_timeout: float, body_timeout: float) -> None:
        self.header_timeout = header_timeout
        self.body_timeout = body_timeout
        self.phase: str | None = None
        self._header_deadline: float | None = None

    def start_headers(self) -> None:
        self.phase, self._header_deadline = "headers", None

    def start_body(self) -> None:
        self.phase = "body"

    def stop(self) -> None:
        self.phase = None

    def next_timeout(self) -> float | None:
        """The socket timeout for the next read (``None``: leave it as it is)."""
        if self.phase == "body":
            return self.body_timeout
        if self.phase != "headers":
            return None
        now = time.monotonic()
        if self._header_deadline is None:  # from the first read: the request has begun
            self._header_deadline = now + self.header_timeout
        remaining = self._header_deadline - now
        if remaining <= 0:
            raise self.expired()
        return remaining

    def expired(self) -> ReadTimeout:
        if self.phase == "body":
            return ReadTimeout(f"no request body data for {self.body_timeout:g} s")
        return ReadTimeout(f"the request headers were not complete within "
                           f"{self.header_timeout:g} s")


class TimedUnreader(SocketUnreader):  # type: ignore[misc]
    """gunicorn's socket reader, with the socket timeout set from a :class:`ReadClock` before
    every read (gthread leaves the socket blocking with no timeout while a thread has it)."""

    def __init__(self, sock: socket.socket, clock: ReadClock) -> None:
        super().__init__(sock)
        self.clock = clock

    def chunk(self, size_hint: int | None = None) -> bytes:
        timeout = self.clock.next_timeout()
        if timeout is not None:
            self.sock.settimeout(timeout)
        try:
            return super().chunk(size_hint)  # type: ignore[no-any-return]
        except TimeoutError:
            if self.clock.phase is None:
                raise
            raise self.clock.expired() from None


class TimedConn(TConn):  # type: ignore[misc]
    """A gthread connection whose HTTP/1 parser reads through a :class:`TimedUnreader`."""

    def __init__(self, cfg: Any, sock: socket.socket, client: Any, server: Any,
                 clock: ReadClock) -> None:
        super().__init__(cfg, sock, client, server)
        self.clock = clock

    def init(self) -> None:
        fresh = not self.initialized
        super().init()
        parser = self.parser
        if fresh and isinstance(parser, RequestParser) and type(parser.unreader) is SocketUnreader:
            timed = TimedUnreader(self.sock, self.clock)
            timed.buf = parser.unreader.buf  # anything already read ahead stays
            parser.unreader = timed

    def close(self, graceful: bool = False) -> None:
        if self.sock.fileno() == -1:  # already closed on its pool thread (see handle())
            return
        super().close(graceful)


class ClientBodyReader:
    """Wraps a request's body reader while the view runs: what the client did wrong while
    sending the body becomes an :class:`ApiError` (JSON 400 or 408), not a 500."""

    def __init__(self, reader: Any) -> None:
        self.reader = reader

    def read(self, size: int) -> bytes:
        try:
            return self.reader.read(size)  # type: ignore[no-any-return]
        except ReadTimeout as exc:
            raise ApiError(408, "request_timeout", f"{exc}; send the body without pausing",
                           headers={"Connection": "close"}) from None
        except NoMoreData:
            raise ApiError(400, "malformed_body", "the request body ended before its end "
                           "(connection closed early)", headers={"Connection": "close"}) from None
        except ParseException as exc:  # a bad chunk size, terminator, extension or trailer
            raise ApiError(400, "malformed_body", f"the chunked request body is malformed: {exc}",
                           headers={"Connection": "close"}) from None


_serving = threading.local()  # .req: the request this pool thread is serving


def honour_connection_close(app: Callable[..., Iterable[bytes]]) -> Callable[..., Iterable[bytes]]:
    """``app``, with its ``Connection: close`` obeyed. gunicorn drops the header as hop-by-hop
    and would announce keep-alive; the app sends it when the rest of the body must not be
    read as the next request (a 413 refused before reading, a malformed chunked body)."""

    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            req = getattr(_serving, "req", None)
            if req is not None and any(name.lower() == "connection" and value.lower() == "close"
                                       for name, value in headers):
                req.force_close()
            return start_response(status, headers, exc_info)

        return app(environ, start)

    return wsgi


class JsonErrorThreadWorker(ThreadWorker):  # type: ignore[misc]
    """gthread with header and body read deadlines and JSON error pages.

    :func:`worker_class` makes the subclass that carries the configured deadlines.
    """

    header_timeout = 10.0
    body_timeout = 30.0

    def init_process(self) -> None:
        util.write_error = write_json_error
        super().init_process()

    def load_wsgi(self) -> None:
        super().load_wsgi()
        self.wsgi = honour_connection_close(self.wsgi)

    def accept(self, listener: Any) -> None:
        # gthread's accept(), making a TimedConn instead of a TConn
        try:
            client_sock, client_addr = listener.accept()
            self.nr_conns += 1
            client_sock.setblocking(True)
            clock = ReadClock(self.header_timeout, self.body_timeout)
            self.enqueue_req(TimedConn(self.cfg, client_sock, client_addr,
                                       listener.getsockname(), clock))
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise

    def handle(self, conn: Any) -> Any:
        clock = getattr(conn, "clock", None)
        if clock is not None:
            clock.start_headers()
        try:
            keep = super().handle(conn)
        finally:
            if clock is not None:
                clock.stop()
        if keep is False:
            # close here, on the pool thread: gthread would otherwise close on its main loop,
            # whose graceful close lingers up to 2 s reading what a still-sending client
            # sends, and the main loop is what accepts and dispatches every other request
            util.close_graceful(conn.sock)
        return keep

    def handle_request(self, req: Any, conn: Any) -> Any:
        clock = getattr(conn, "clock", None)
        body = getattr(req, "body", None)
        if clock is None or body is None:
            return super().handle_request(req, conn)
        reader = body.reader
        body.reader = ClientBodyReader(reader)
        clock.start_body()
        _serving.req = req
        try:
            return super().handle_request(req, conn)
        finally:
            _serving.req = None
            body.reader = reader
            clock.stop()

    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        if isinstance(exc, ReadTimeout):  # a slow client, not a server fault: no traceback
            self.log.info("Cut off a slow client ip=%s: %s", (addr or ("",))[0], exc)
            try:
                util.write_error(client, 408, "Request Timeout", str(exc))
            except OSError:
                pass
            return
        super().handle_error(req, client, addr, exc)


def worker_class(*, header_timeout: float, body_timeout: float) -> type[JsonErrorThreadWorker]:
    """The worker class with these read deadlines, for gunicorn's ``worker_class``."""
    return type("JsonErrorThreadWorker", (JsonErrorThreadWorker,),
                {"header_timeout": header_timeout, "body_timeout": body_timeout,
                 "__module__": __name__})
