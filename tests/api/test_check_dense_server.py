"""Number-dense text against the real production server (issue 15): a thousand numbers in one
sentence check within the budget instead of holding a worker for all of it."""

from __future__ import annotations

import json
import urllib.request


def test_the_production_server_checks_dense_text_within_its_budget(live_server, tmp_path) -> None:
    # gunicorn as `serve --production` starts it; before the fix this request ran into the
    # budget (503) and held a worker for all of it
    with live_server(["--production", "--workers", "1"], str(tmp_path / "data"),
                     env={"NUMCLAIMS_REQUEST_TIME_BUDGET": "20"}) as server:
        body = json.dumps({"documents": [{"id": "dense", "text": "1 " * 1000}]}).encode()
        request = urllib.request.Request(server.base + "/v1/check", data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 200
            report = json.load(response)
    assert len(report["groups"]) == 1000
