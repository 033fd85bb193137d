"""The fuzz run's check: what the directory promises for any input.

schemathesis counts any GraphQL error raised by a resolver as a server failure, but UNAUTHENTICATED, FORBIDDEN,
NOT_FOUND, CONFLICT and BAD_USER_INPUT are this API's answers to generated input. What must never happen is a 5xx,
a body that is not a GraphQL response, an error without a code, or INTERNAL_SERVER_ERROR.
"""
import schemathesis

CODES = {
    "UNAUTHENTICATED", "FORBIDDEN", "BAD_USER_INPUT", "NOT_FOUND", "CONFLICT", "RATE_LIMITED",
    "GRAPHQL_VALIDATION_FAILED", "BAD_REQUEST", "METHOD_NOT_ALLOWED", "UNSUPPORTED_MEDIA_TYPE",
}


@schemathesis.check
def directory_contract(ctx, response, case):
    """No 5xx; a JSON object with `data` and/or `errors`; every error with a message and a known client code."""
    if response.status_code >= 500:
        raise AssertionError(f"server error {response.status_code}: {response.text[:500]}")
    body = response.json()
    if not isinstance(body, dict) or not ({"data", "errors"} & set(body)):
        raise AssertionError(f"not a GraphQL response: {response.text[:500]}")
    for error in body.get("errors") or []:
        if not isinstance(error, dict) or not isinstance(error.get("message"), str):
            raise AssertionError(f"malformed error: {error}")
        code = (error.get("extensions") or {}).get("code")
        if code not in CODES:
            raise AssertionError(f"error code {code!r}: {error}")
