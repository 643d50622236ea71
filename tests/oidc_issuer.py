"""A small test-only OpenID Connect provider on loopback: its own RSA keys, a discovery
document, a JWKS endpoint, and authorize + token endpoints that check PKCE.

Tests say who signs in next (`issuer.next_user`) and may bend the ID token it issues
(`issuer.token_changes`, `issuer.sign_with`) to prove that our side refuses it. It also plays
the provider variants Plein must cope with: claims only in userinfo (`userinfo_only`), an
issuer ending in "/" (`trailing_slash`), RP-initiated logout (`end_session`), and being down
(`down`: every endpoint answers 503).
"""

import base64
import hashlib
import secrets
import threading
import time
import urllib.parse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from infra.local.dynamo import free_port


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


class LoopbackIssuer:
    def __init__(self, client_id: str = "plein-test", client_secret: str | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.client_id = client_id
        self.client_secret = client_secret or secrets.token_urlsafe(24)
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "test-key-1"
        self.next_user: dict = {"sub": "u-1", "email": "anna@voorbeeld.nl", "name": "Anna"}
        self.token_changes: dict = {}
        self.header_changes: dict = {}
        self.sign_with = None  # another private key: a forged token
        self.unsigned = False  # alg=none
        self.mangle = None  # token -> token, after signing: a tampered token
        self._codes: dict[str, dict] = {}
        self.token_requests: list[dict] = []
        self.auth_methods = ("client_secret_basic",)
        self.userinfo_only: tuple[str, ...] = ()  # claims left out of the ID token
        self.userinfo_changes: dict = {}
        self.userinfo_requests: list[str] = []  # the bearer tokens userinfo was asked with
        self.trailing_slash = False
        self.end_session = False
        self.logouts: list[dict] = []
        self.down = False
        self.down_paths: set[str] = set()  # only these endpoints answer 503
        self._access: dict[str, dict] = {}
        self._server = None

    @property
    def issuer_id(self) -> str:
        """The issuer as the provider spells it in discovery and in `iss`."""
        return f"{self.url}/" if self.trailing_slash else self.url

    # --- tokens ---------------------------------------------------------------------------
    def id_token(self, claims: dict, key=None, headers: dict | None = None,
                 algorithm: str = "RS256") -> str:
        return jwt.encode(claims, key or self.key, algorithm=algorithm,
                          headers={"kid": self.kid, **(headers or {})})

    def claims_for(self, user: dict, nonce: str, now: float | None = None) -> dict:
        now = time.time() if now is None else now
        return {"iss": self.issuer_id, "aud": self.client_id, "iat": int(now),
                "exp": int(now) + 300, "nonce": nonce, **user}

    def jwks(self) -> dict:
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    # --- HTTP -----------------------------------------------------------------------------
    def __call__(self, environ, start_response):
        request = Request(environ)
        routes = {"/.well-known/openid-configuration": self._discovery, "/jwks": self._jwks,
                  "/authorize": self._authorize, "/token": self._token,
                  "/userinfo": self._userinfo, "/logout": self._logout}
        handler = routes.get(request.path)
        if self.down or request.path in self.down_paths:
            handler = lambda _request: Response("unavailable", status=503)  # noqa: E731
        response = handler(request) if handler else Response("not found", status=404)
        return response(environ, start_response)

    def _discovery(self, _request):
        extra = {"end_session_endpoint": f"{self.url}/logout"} if self.end_session else {}
        return _json({
            **extra,
            "issuer": self.issuer_id, "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token", "jwks_uri": f"{self.url}/jwks",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "response_types_supported": ["code"], "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": list(self.auth_methods),
        })

    def _jwks(self, _request):
        return _json(self.jwks())

    def _authorize(self, request):
        args = request.args
        if args.get("client_id") != self.client_id or args.get("response_type") != "code" \
                or args.get("code_challenge_method") != "S256" or not args.get("code_challenge"):
            return _json({"error": "invalid_request"}, 400)
        code = secrets.token_urlsafe(24)
        self._codes[code] = {"nonce": args.get("nonce"), "challenge": args["code_challenge"],
                             "redirect_uri": args.get("redirect_uri"),
                             "user": dict(self.next_user)}
        query = urllib.parse.urlencode({"code": code, "state": args.get("state", "")})
        return Response(status=302, headers={"Location": f"{args['redirect_uri']}?{query}"})

    def _token(self, request):
        form = request.form
        self.token_requests.append(dict(form))
        grant = self._codes.pop(form.get("code", ""), None)  # a code works once
        client_id, secret = self._client(request)
        if grant is None or client_id != self.client_id or secret != self.client_secret \
                or form.get("redirect_uri") != grant["redirect_uri"]:
            return _json({"error": "invalid_grant"}, 400)
        verifier = form.get("code_verifier", "")
        if _b64url(hashlib.sha256(verifier.encode()).digest()) != grant["challenge"]:
            return _json({"error": "invalid_grant", "error_description": "PKCE"}, 400)
        claims = {**self.claims_for(grant["user"], grant["nonce"]), **self.token_changes}
        for name in self.userinfo_only:
            claims.pop(name, None)
        if self.unsigned:
            token = jwt.encode(claims, None, algorithm="none", headers={"kid": self.kid})
        else:
            token = self.id_token(claims, key=self.sign_with, headers=self.header_changes)
        if self.mangle:
            token = self.mangle(token)
        access = secrets.token_urlsafe(16)
        self._access[access] = grant["user"]
        return _json({"access_token": access, "token_type": "Bearer",
                      "expires_in": 300, "id_token": token})

    def _userinfo(self, request):
        header = request.headers.get("Authorization", "")
        token = header[7:] if header.startswith("Bearer ") else ""
        self.userinfo_requests.append(token)
        user = self._access.get(token)
        if user is None:
            return _json({"error": "invalid_token"}, 401)
        return _json({**user, **self.userinfo_changes})

    def _logout(self, request):
        """RP-initiated logout: ends the provider's session, back to a registered URI only."""
        args = dict(request.args)
        self.logouts.append(args)
        back = args.get("post_logout_redirect_uri")
        if args.get("client_id") != self.client_id or not back:
            return _json({"error": "invalid_request"}, 400)
        return Response(status=302, headers={"Location": back})

    def _client(self, request) -> tuple[str | None, str | None]:
        """Client authentication as advertised: HTTP Basic, or the secret in the form."""
        header = request.headers.get("Authorization", "")
        if header.startswith("Basic ") and "client_secret_basic" in self.auth_methods:
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
            return urllib.parse.unquote(user), urllib.parse.unquote(password)
        if "client_secret_post" in self.auth_methods:
            return request.form.get("client_id"), request.form.get("client_secret")
        return None, None

    def start(self) -> "LoopbackIssuer":
        self._server = make_server("127.0.0.1", self.port, self, threaded=True)
        threading.Thread(target=self._server.serve_forever, name="oidc-issuer",
                         daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()

    def reset(self) -> None:
        self.next_user = {"sub": "u-1", "email": "anna@voorbeeld.nl", "name": "Anna"}
        self.token_changes, self.header_changes, self.sign_with = {}, {}, None
        self.unsigned, self.mangle = False, None
        self.auth_methods = ("client_secret_basic",)
        self.token_requests.clear()
        self.userinfo_only, self.userinfo_changes = (), {}
        self.userinfo_requests.clear()
        self.trailing_slash = self.end_session = self.down = False
        self.down_paths = set()
        self.logouts.clear()


def _json(data: dict, status: int = 200) -> Response:
    import json

    return Response(json.dumps(data), status=status, content_type="application/json")
