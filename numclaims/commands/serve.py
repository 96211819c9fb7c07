"""``numclaims serve``: run the REST API (see :mod:`api`).

Without ``--production`` it runs Werkzeug's threaded development server; with it, gunicorn
with ``--workers`` gthread worker processes of ``--threads`` threads each, with header and
body read deadlines (:mod:`api.gunicorn_worker`; the app is loaded once in the master, so
workers start warm and share the extractor's tables copy-on-write). Both listen on loopback unless
``--host`` says otherwise. Every flag also has a ``NUMCLAIMS_*`` environment variable;
flags win.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "serve", help="run the REST API (development server, or gunicorn with --production)",
        description="Serve the numclaims REST API: /v1/extract, /v1/check, /v1/stories, "
        "/docs and a web page at /.",
    )
    parser.add_argument("--host", default=os.environ.get("NUMCLAIMS_HOST", "127.0.0.1"),
                        help="address to listen on (default 127.0.0.1; env NUMCLAIMS_HOST)")
    parser.add_argument("--port", type=int, default=_env_int("NUMCLAIMS_PORT", 8080),
                        help="port (default 8080; env NUMCLAIMS_PORT)")
    parser.add_argument("--data-dir", help="directory of the embedded SQLite store "
                        "(env NUMCLAIMS_DATA_DIR; default ~/.local/share/numclaims)")
    parser.add_argument("--database-url", help="postgresql://user@host/db to share one "
                        "database between processes (env NUMCLAIMS_DATABASE_URL)")
    parser.add_argument("--max-content-length", type=int, metavar="BYTES",
                        help="largest request body (env NUMCLAIMS_MAX_CONTENT_LENGTH; 1 MB)")
    parser.add_argument("--base-currency", metavar="CODE",
                        help="default currency money is converted to (env NUMCLAIMS_BASE_CURRENCY)")
    parser.add_argument("--production", action="store_true",
                        help="run under gunicorn with --workers processes")
    parser.add_argument("--workers", type=int,
                        default=_env_int("NUMCLAIMS_WORKERS", os.cpu_count() or 2),
                        help="gunicorn worker processes (default: one per core; "
                        "env NUMCLAIMS_WORKERS)")
    parser.add_argument("--threads", type=int, default=_env_int("NUMCLAIMS_THREADS", 8),
                        help="threads per gunicorn worker: requests one worker serves at once, "
                        "slow clients included (default 8; env NUMCLAIMS_THREADS)")
    parser.set_defaults(func=run)


def app_config(args: argparse.Namespace) -> dict[str, Any]:
    """The settings the flags give (the rest come from NUMCLAIMS_* and the defaults)."""
    config: dict[str, Any] = {}
    if args.data_dir:
        config["DATA_DIR"] = os.path.abspath(args.data_dir)
    if args.database_url:
        config["DATABASE_URL"] = args.database_url
    if args.max_content_length is not None:
        config["MAX_CONTENT_LENGTH"] = args.max_content_length
    if args.base_currency:
        config["BASE_CURRENCY"] = args.base_currency
    return config


def gunicorn_application(config: dict[str, Any], options: dict[str, Any]) -> Any:
    """A gunicorn application that builds the app with ``create_app(config)``."""
    from gunicorn.app.base import BaseApplication

    class NumclaimsGunicorn(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                if key in self.cfg.settings:  # skip settings this gunicorn does not have
                    self.cfg.set(key, value)

        def load(self) -> Any:
            from api.app import create_app

            return create_app(config)

    return NumclaimsGunicorn()


def run(args: argparse.Namespace) -> int:
    config = app_config(args)
    if args.production:
        from api.config import load_config
        from api.gunicorn_worker import worker_class

        settings = load_config(config)
        options = {
            "bind": f"[{args.host}]:{args.port}" if ":" in args.host else f"{args.host}:{args.port}",
            "workers": max(1, args.workers),
            "threads": max(1, args.threads),
            # gthread (a slow client holds one thread, not the process) with read deadlines
            # and JSON bodies for the HTTP errors gunicorn answers itself
            "worker_class": worker_class(header_timeout=float(settings["HEADER_TIMEOUT"]),
                                         body_timeout=float(settings["BODY_TIMEOUT"])),
            "preload_app": True,
            # gthread's heartbeat comes from its main loop, which keeps running while pool
            # threads compute: this no longer bounds a request (REQUEST_TIME_BUDGET does, on
            # every thread); it only restarts a process whose loop is stuck (a C call holding
            # the GIL, a deadlock)
            "timeout": 30,
            "graceful_timeout": 30,
            "accesslog": None,  # the app writes JSON-lines access logs itself
            "errorlog": "-",
            "loglevel": "info",
            "proc_name": "numclaims",
            # gunicorn >= 24 opens a control socket in ~/.gunicorn by default; not needed
            "control_socket_disable": True,
        }
        gunicorn_application(config, options).run()
        return 0

    from werkzeug.serving import WSGIRequestHandler, run_simple

    from api.app import create_app

    class QuietHandler(WSGIRequestHandler):
        def log_request(self, *a: Any, **k: Any) -> None:  # the app logs JSON lines itself
            pass

    app = create_app(config)
    print(f"numclaims: serving on http://{args.host}:{args.port}/ (development server; "
          "use --production for gunicorn)", file=sys.stderr, flush=True)
    run_simple(args.host, args.port, app, threaded=True, request_handler=QuietHandler)
    return 0
