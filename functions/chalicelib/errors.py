"""The failures the domain raises: a machine code, the offending field and a human reason.

`ApiError` derives from ChaliceUnhandledError because Chalice lets only that kind reach
middleware, where `web.errors.json_errors` turns it into a response.
"""

from chalice import Response
from chalice.app import ChaliceUnhandledError


class ApiError(ChaliceUnhandledError):
    def __init__(self, status: int, code: str, reason: str, field: str | None = None,
                 headers: dict | None = None):
        super().__init__(reason)
        self.status, self.code, self.reason, self.field = status, code, reason, field
        self.headers = headers or {}

    def response(self) -> Response:
        body = {"error": self.code, "reason": self.reason}
        if self.field:
            body["field"] = self.field
        return Response(body=body, status_code=self.status, headers=self.headers)


def invalid(field: str, reason: str) -> ApiError:
    return ApiError(400, "invalid", reason, field)


def too_large(field: str, reason: str) -> ApiError:
    return ApiError(413, "too_large", reason, field)


def unauthorized() -> ApiError:
    return ApiError(401, "unauthorized", "Sign in first.")


def forbidden(reason: str) -> ApiError:
    return ApiError(403, "forbidden", reason)


def not_found(what: str) -> ApiError:
    return ApiError(404, "not_found", f"No such {what}.")


def conflict(reason: str) -> ApiError:
    return ApiError(409, "conflict", reason)
