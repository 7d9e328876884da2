"""A check Schemathesis does not make: a request body that is not declared JSON must not be accepted.

Schemathesis sends such bodies in its coverage phase (unsupported and malformed content types) but counts
only a server error as a finding; Weavr's operations take application/json only, so a 2xx answer to
another content type means the body was read anyway (the platform answers 415).
"""
from __future__ import annotations

import schemathesis


@schemathesis.check
def non_json_body_refused(ctx, response, case):
    request = response.request
    if request.method in ("GET", "DELETE") or not request.body:
        return None
    content_type = (request.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if content_type == "application/json" or content_type.endswith("+json"):
        return None
    if response.status_code < 300:
        raise AssertionError(f"a {content_type or 'content-type-less'} body was accepted with "
                             f"{response.status_code}; Weavr takes application/json only (415)")
    return None
