"""API fixtures: a fresh app per test on a real SQLite file in tmp_path."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api.app import create_app


@pytest.fixture
def app_config(tmp_path) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return {"DATA_DIR": str(tmp_path / "data"), "ACCESS_LOG": False, "WARM_UP": False}


@pytest.fixture
def app(app_config: dict[str, Any]) -> Flask:
    app = create_app(app_config, env={})
    yield app
    app.extensions["numclaims_store"].close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def _assert_error(response: Any, status: int, code: str | None = None,
                 field: str | None = None) -> dict[str, Any]:
    """The response is the JSON error shape with this status (and code/field if given)."""
    assert response.status_code == status, response.data[:500]
    assert response.mimetype == "application/json", response.data[:200]
    body = response.get_json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) <= {"code", "message", "field"} and {"code", "message"} <= set(error)
    assert isinstance(error["message"], str) and error["message"]
    assert "Traceback" not in error["message"]
    if code is not None:
        assert error["code"] == code, error
    if field is not None:
        assert error.get("field") == field, error
    return error


@pytest.fixture
def assert_error() -> Any:
    """``assert_error(response, status, code=None, field=None)``: checks the JSON error shape."""
    return _assert_error
