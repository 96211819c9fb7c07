"""The app factory: defaults, NUMCLAIMS_* environment variables, passed config; access logs."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from api.access_log import JsonLinesFormatter
from api.app import create_app
from api.config import DEFAULTS, load_config


def test_defaults() -> None:
    config = load_config(env={"HOME": "/home/x"})
    assert config["MAX_CONTENT_LENGTH"] == 1024 * 1024
    assert config["BASE_CURRENCY"] == "USD"
    assert config["DATA_DIR"] == "/home/x/.local/share/numclaims" or config["DATA_DIR"].endswith(
        "/.local/share/numclaims")
    assert config["DATABASE_URL"] == ""


def test_environment_overrides_defaults_and_config_overrides_both(tmp_path: Any) -> None:
    env = {"NUMCLAIMS_MAX_CONTENT_LENGTH": "2048", "NUMCLAIMS_BASE_CURRENCY": "eur",
           "NUMCLAIMS_DATA_DIR": str(tmp_path / "env"), "NUMCLAIMS_ACCESS_LOG": "off",
           "NUMCLAIMS_REQUEST_TIME_BUDGET": "2.5", "NUMCLAIMS_WARM_UP": "0"}
    app = create_app({"DATA_DIR": str(tmp_path / "passed")}, env=env)
    assert app.config["MAX_CONTENT_LENGTH"] == 2048
    assert app.config["BASE_CURRENCY"] == "EUR"
    assert app.config["REQUEST_TIME_BUDGET"] == 2.5
    assert app.config["ACCESS_LOG"] is False and app.config["WARM_UP"] is False
    assert app.config["DATA_DIR"] == str(tmp_path / "passed")
    app.test_client().post("/v1/stories/s/documents", json={"id": "a", "text": "5%"})
    assert (tmp_path / "passed" / "numclaims.sqlite3").exists()
    assert not (tmp_path / "env").exists()


def test_bad_environment_value_is_reported() -> None:
    with pytest.raises(ValueError, match="NUMCLAIMS_MAX_CONTENT_LENGTH"):
        load_config(env={"NUMCLAIMS_MAX_CONTENT_LENGTH": "lots"})


def test_every_default_is_documented() -> None:
    import api.config

    for key in DEFAULTS:
        assert key in (api.config.__doc__ or "")


def test_database_url_selects_the_store(tmp_path: Any) -> None:
    app = create_app({"DATABASE_URL": f"sqlite://{tmp_path}/elsewhere.db", "ACCESS_LOG": False,
                      "WARM_UP": False, "DATA_DIR": str(tmp_path / "unused")}, env={})
    client = app.test_client()
    assert client.post("/v1/stories/s/documents", json={"id": "a", "text": "5%"}).status_code == 201
    assert (tmp_path / "elsewhere.db").exists()
    with pytest.raises(ValueError, match="scheme"):
        create_app({"DATABASE_URL": "mysql://x", "WARM_UP": False, "ACCESS_LOG": False}, env={})


def test_access_log_is_one_json_object_per_request(client: Any, caplog: Any) -> None:
    caplog.set_level(logging.INFO, logger="numclaims.access")
    client.post("/v1/extract", json={"text": "Up 5%."}, headers={"X-Request-ID": "abc-123"})
    client.get("/nope\"quoted")
    records = [r for r in caplog.records if r.name == "numclaims.access"]
    assert len(records) == 2
    lines = [JsonLinesFormatter().format(r) for r in records]
    first, second = (json.loads(line) for line in lines)
    assert all("\n" not in line for line in lines)
    assert first["method"] == "POST" and first["path"] == "/v1/extract"
    assert first["status"] == 200 and first["request_id"] == "abc-123"
    assert first["duration_ms"] >= 0 and first["bytes_in"] > 0 and first["ts"]
    assert second["status"] == 404 and second["path"] == '/nope"quoted'


def test_request_id_is_echoed_or_made(client: Any) -> None:
    assert client.get("/healthz", headers={"X-Request-ID": "r-1"}).headers["X-Request-ID"] == "r-1"
    made = client.get("/healthz", headers={"X-Request-ID": "bad id!"}).headers["X-Request-ID"]
    assert made and made != "bad id!" and len(made) == 32


def test_importing_api_builds_nothing() -> None:
    import api

    assert callable(api.create_app)
