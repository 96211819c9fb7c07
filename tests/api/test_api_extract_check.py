"""POST /v1/extract and POST /v1/check through the Flask test client."""

from __future__ import annotations

import json
from typing import Any

import pytest

from numclaims.model import Mention

ARTICLE = ("North Korea's exports to Russia rose 5% to $1.2 billion in 2018, officials said on "
           "Thursday, April 25, 2019.")


def test_extract_returns_mentions_with_every_model_field(client: Any) -> None:
    response = client.post("/v1/extract", json={"text": ARTICLE, "published": "2019-04-25"})
    assert response.status_code == 200
    mentions = response.get_json()["mentions"]
    texts = [m["text"] for m in mentions]
    assert "5%" in texts and "$1.2 billion" in texts
    fields = set(Mention.__dataclass_fields__)
    for m in mentions:
        assert set(m) == fields
        assert ARTICLE[m["start"]:m["end"]] == m["text"]


def test_extract_matches_the_library(client: Any) -> None:
    import numclaims

    expected = [m.to_dict() for m in numclaims.extract(ARTICLE, published="2019-04-25",
                                                        base_currency="EUR", currency_hint="SG")]
    response = client.post("/v1/extract", json={"text": ARTICLE, "published": "2019-04-25",
                                                  "base_currency": "EUR", "currency_hint": "SG"})
    assert response.get_json()["mentions"] == json.loads(json.dumps(expected))


def test_extract_converts_to_the_base_currency(client: Any) -> None:
    body = {"text": "It cost $1.2 billion.", "published": "2019-04-25", "base_currency": "EUR"}
    money = [m for m in client.post("/v1/extract", json=body).get_json()["mentions"]
             if m["kind"] == "money"]
    assert money and money[0]["normalized"]["unit"] == "EUR"


def test_extract_uses_the_configured_base_currency(tmp_path: Any) -> None:
    from api.app import create_app

    app = create_app({"DATA_DIR": str(tmp_path), "ACCESS_LOG": False, "WARM_UP": False,
                      "BASE_CURRENCY": "GBP"}, env={})
    body = {"text": "It cost $1.2 billion.", "published": "2019-04-25"}
    money = [m for m in app.test_client().post("/v1/extract", json=body).get_json()["mentions"]
             if m["kind"] == "money"]
    assert money[0]["normalized"]["unit"] == "GBP"


def test_extract_empty_and_numberless_text(client: Any) -> None:
    for text in ("", "No numbers here at all."):
        response = client.post("/v1/extract", json={"text": text})
        assert response.status_code == 200 and response.get_json() == {"mentions": []}


def test_extract_unicode_spans_are_character_offsets(client: Any) -> None:
    text = "Le budget — 💶 €3,5 milliards — a crû de 7 %."
    mentions = client.post("/v1/extract", json={"text": text}).get_json()["mentions"]
    for m in mentions:
        assert text[m["start"]:m["end"]] == m["text"]


def _docs() -> list[dict[str, Any]]:
    return [
        {"id": "reuters", "text": "Exports rose to $1.2 billion in 2018.", "published": "2019-04-25",
         "source": "Reuters"},
        {"id": "ap", "text": "Exports rose to $1.9 billion in 2018.", "published": "2019-04-25"},
    ]


def test_check_returns_the_report(client: Any) -> None:
    response = client.post("/v1/check", json={"documents": _docs()})
    assert response.status_code == 200
    report = response.get_json()
    assert set(report) == {"inline", "groups", "dates"}
    for item in report["groups"]:
        assert {"claims", "verdict", "explanation"} <= set(item)
        assert {c["doc"] for c in item["claims"]} <= {"reuters", "ap"}


def test_check_matches_the_library(client: Any) -> None:
    import numclaims

    expected = numclaims.check(_docs(), base_currency="USD", tolerance=0.05).to_dict()
    response = client.post("/v1/check", json={"documents": _docs(), "tolerance": 0.05})
    assert response.get_json() == json.loads(json.dumps(expected))


def test_check_html_is_the_cli_rendering(client: Any) -> None:
    import numclaims
    from numclaims.checking.render import render_html

    docs = _docs()
    response = client.post("/v1/check", json={"documents": docs}, headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.get_data(as_text=True) == render_html(numclaims.check(docs), docs)


@pytest.mark.parametrize("accept", ["*/*", "application/json", "application/json, text/html;q=0.5"])
def test_check_json_by_default(client: Any, accept: str) -> None:
    response = client.post("/v1/check", json={"documents": _docs()}, headers={"Accept": accept})
    assert response.mimetype == "application/json"


def test_check_sample_corpus(client: Any) -> None:
    sample = client.get("/sample").get_json()
    assert len(sample["documents"]) == 5
    response = client.post("/v1/check", json=sample)
    assert response.status_code == 200
    assert response.get_json()["groups"]


# the 1 ms interrupt can land in hypothesis's gc callback (reported as unraisable, an error
# under pytest); the with statement still ends the request in a 503
@pytest.mark.filterwarnings(
    "ignore:Exception ignored in.*gc_callback:pytest.PytestUnraisableExceptionWarning")
def test_time_budget_gives_503(tmp_path: Any, assert_error: Any) -> None:
    """A request that runs past REQUEST_TIME_BUDGET is stopped with a JSON 503."""
    from api.app import create_app

    app = create_app({"DATA_DIR": str(tmp_path), "ACCESS_LOG": False, "WARM_UP": True,
                      "REQUEST_TIME_BUDGET": 0.001}, env={})
    text = "Exports rose 5% to $1.2 billion, up 300 tonnes. " * 400
    response = app.test_client().post("/v1/extract", json={"text": text})
    assert_error(response, 503, "time_budget_exceeded")
    assert response.headers["Retry-After"]
    # nothing is left armed: the next cheap request succeeds
    assert app.test_client().get("/healthz").status_code == 200


WIRE_COPY = "SEATTLE (AP) - Striking machinists were offered a $7,000 bonus."


def test_extract_reads_a_bare_sign_by_hint_wire_credit_then_outlet_country(client: Any) -> None:
    def unit(body: dict[str, Any]) -> str:
        response = client.post("/v1/extract", json=body)
        assert response.status_code == 200, response.get_json()
        (money,) = [m for m in response.get_json()["mentions"] if m["kind"] == "money"]
        return money["unit"]

    assert unit({"text": WIRE_COPY, "outlet_country": "CA"}) == "USD"
    assert unit({"text": WIRE_COPY, "outlet_country": "CA", "currency_hint": "CAD"}) == "CAD"
    assert unit({"text": "They were offered a $7,000 bonus.", "outlet_country": "CA"}) == "CAD"


def test_unknown_outlet_country_is_a_clear_error(client: Any, assert_error: Any) -> None:
    response = client.post("/v1/extract", json={"text": "$5", "outlet_country": "ZZ"})
    error = assert_error(response, 422, field="outlet_country")
    assert "ZZ" in error["message"]


def test_story_document_stores_what_reads_its_signs(client: Any) -> None:
    response = client.post("/v1/stories/strike/documents",
                           json={"id": "ca-site", "text": WIRE_COPY, "outlet_country": "CA"})
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["document"]["currency_hint"] == "US"
    response = client.post("/v1/stories/strike/documents",
                           json={"id": "ca-own", "text": "A $7,000 bonus.", "outlet_country": "CA"})
    assert response.get_json()["document"]["currency_hint"] == "CA"
