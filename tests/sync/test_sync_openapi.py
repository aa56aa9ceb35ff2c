"""Property-based API fuzzing with schemathesis against the published OpenAPI document.

The operations are driven by hand with hypothesis (schemathesis's pytest plugin does not
support this pytest version); each operation gets a bounded number of generated cases.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from sync_helpers import start_server

pytestmark = [pytest.mark.server]


def test_no_server_errors_on_any_operation(tmp_path: Path) -> None:
    server = start_server(tmp_path / "data")
    try:
        schema = schemathesis.openapi.from_url(server.url + "/openapi.json")
        seen: list[str] = []
        for result in schema.get_all_operations():
            operation = result.ok()
            seen.append(f"{operation.method.upper()} {operation.path}")

            @given(case=operation.as_strategy())
            @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
            def check(case) -> None:  # type: ignore[no-untyped-def]
                response = case.call(timeout=10)
                assert response.status_code < 500, (
                    case.method,
                    case.path,
                    response.status_code,
                    response.text[:300],
                )

            check()
        assert "PATCH /v1/dossiers/{uuid}/files/{file_id}" in seen and len(seen) >= 8
    finally:
        server.stop()
