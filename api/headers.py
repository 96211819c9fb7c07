"""Security headers on every response: cheap, and each closes a class of attack.

HTML (the page, /docs, and the check report in HTML) gets a Content-Security-Policy that
allows scripts from this server only, so text that slipped through escaping could still not
run. Styles may be inline because the check report (also shown inside the page, where a
``srcdoc`` frame inherits the page's policy) colours its verdicts with ``style`` attributes.
Everything else (JSON, static assets) gets the strictest policy: it is never a document.

>>> from flask import Flask
>>> app = Flask(__name__)
>>> install(app)
>>> app.add_url_rule("/", "page", lambda: "<p>hi</p>")
>>> headers = app.test_client().get("/").headers
>>> "script-src 'self'" in headers["Content-Security-Policy"], headers["X-Content-Type-Options"]
(True, 'nosniff')
"""

from __future__ import annotations

from flask import Flask
from werkzeug.wrappers import Response

HTML_POLICY = (
    "default-src 'self'; "
    "script-src 'self'; "
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; "
    "object-src 'none'; "
    "base-uri 'none'; "
    "form-action 'self'; "
    "frame-ancestors 'self'"
)

#: For responses that are never rendered as a page (JSON, CSS, JS, images).
OTHER_POLICY = "default-src 'none'; frame-ancestors 'none'"

COMMON = {
    "X-Content-Type-Options": "nosniff",  # a JSON body is never sniffed into HTML
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "SAMEORIGIN",  # for browsers without CSP frame-ancestors
}


def add_security_headers(response: Response) -> Response:
    """Set the headers on ``response`` (a view that set its own keeps them)."""
    for name, value in COMMON.items():
        response.headers.setdefault(name, value)
    policy = HTML_POLICY if response.mimetype == "text/html" else OTHER_POLICY
    response.headers.setdefault("Content-Security-Policy", policy)
    return response


def install(app: Flask) -> None:
    """Add the headers to every response of ``app``, errors included."""
    app.after_request(add_security_headers)
