"""One OpenAI-compatible endpoint: its URLs, credentials, proxy policy and error texts.

Shared by the chat client (llm/) and the embeddings client (assistant.embeddings): the key
goes only into this endpoint's Authorization header, userinfo becomes basic auth, and every
message shown to the user passes through ``Endpoint.redact``.
"""

from __future__ import annotations

import base64
import json
import os
import re
import socket

import httpx

from ..text_helpers import printable, without_terminal_control

__all__ = ["Endpoint", "api_url", "chat_url", "display_url", "server_message"]

CONNECTION_REFUSED = "无法连接(连接被拒绝,服务是否已启动?)"
NAME_UNRESOLVED = "无法连接(主机名无法解析)"


# --- URLs -------------------------------------------------------------------------------

def _with_route(path: str, route: str) -> str:
    path = path.rstrip("/")
    if path.endswith("/" + route):
        return path
    if not re.search(r"/v\d+[a-z]*$", path):   # /v1, /v1beta ... are kept as given
        path += "/v1"
    return f"{path}/{route}"


def api_url(base_url: str, route: str) -> str:
    """``{base}/v1/{route}`` for a base URL given with or without ``/v1`` (or with the route);
    a query it carries (?api-version=…) stays a query, after the route."""
    base = base_url.strip()
    try:
        u = httpx.URL(base)
    except (httpx.InvalidURL, TypeError, ValueError):
        u = None
    if u is None or not u.scheme or not u.host:
        return _with_route(base, route)
    return str(u.copy_with(path=_with_route(u.path, route)))


def chat_url(base_url: str) -> str:
    """``{base}/v1/chat/completions`` for a base URL given with or without ``/v1``."""
    return api_url(base_url, "chat/completions")


def display_url(url: str) -> str:
    """The URL as shown to users: no ``user:password@``, no query string (keys hide there)."""
    try:
        u = httpx.URL(url)
        return str(u.copy_with(username=None, password=None, query=None, fragment=None))
    except (httpx.InvalidURL, TypeError, ValueError):
        return re.sub(r"//[^/@]*@", "//", url.split("?", 1)[0])


_MAX_SERVER_MESSAGE = 200


def _one_line(text: str, limit: int = _MAX_SERVER_MESSAGE) -> str:
    # A hostile server's ESC [2J or OSC 52 (clipboard) must not reach the user's terminal.
    text = printable(" ".join(without_terminal_control(text[: limit * 4]).split()))   # (whole sequences, not only ESC)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def server_message(body: bytes | str) -> str:
    """The human part of an error body: OpenAI's {"error": {"message"}}, FastAPI's detail …"""
    data: object = body
    if isinstance(body, (bytes, str)):
        raw = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
        try:
            data = json.loads(raw)
        except ValueError:
            return _one_line(re.sub(r"<[^>]+>", " ", raw))   # plain text or an HTML error page
    if isinstance(data, dict):
        for key in ("error", "detail", "message"):
            if key in data:
                inner = data[key]
                if isinstance(inner, dict):
                    inner = inner.get("message") or inner.get("msg") or json.dumps(inner, ensure_ascii=False)
                elif isinstance(inner, list):   # FastAPI validation errors
                    inner = "; ".join(str(i.get("msg", i)) if isinstance(i, dict) else str(i) for i in inner)
                return _one_line(str(inner))
    return _one_line(json.dumps(data, ensure_ascii=False) if not isinstance(data, str) else data)


_KEY_NAMES = ("API_KEY", "_TOKEN", "_SECRET")   # environment variables that hold secrets
_MIN_SECRET = 8   # (shorter values are words a message may hold by chance)


class Endpoint:
    """URL, credentials and proxy policy of one OpenAI-compatible endpoint."""

    def __init__(self, url: str, key: str | None, timeout: float) -> None:
        parsed = httpx.URL(url)
        # userinfo travels as basic auth, never inside the URL httpx logs
        self.auth: tuple[str, str] | None = None
        if parsed.username or parsed.password:
            self.auth = (parsed.username, parsed.password)
            parsed = parsed.copy_with(username=None, password=None)
        self.url = parsed
        self.shown = display_url(str(parsed))
        # A local server is never reached through a proxy from HTTP(S)_PROXY.
        self.trust_env = parsed.host not in ("127.0.0.1", "localhost", "::1", "[::1]")
        self._key = key
        self.headers = {"Accept": "application/json, text/event-stream"}
        if key:
            self.headers["Authorization"] = f"Bearer {key}"
        self.timeout_seconds = timeout
        self.timeout = httpx.Timeout(timeout, connect=min(timeout, 15.0))

    def redact(self, text: str) -> str:
        """Servers sometimes echo the key they rejected; make sure it never reaches the user."""
        if self._key and len(self._key) >= 4:
            text = text.replace(self._key, "***")
        if self.auth and self.auth[1]:
            text = text.replace(self.auth[1], "***")
            # (a server echoing its Authorization header: Basic base64(user:password))
            basic = base64.b64encode(f"{self.auth[0]}:{self.auth[1]}".encode()).decode()
            text = text.replace(basic, "***")
        # A key this endpoint was not sent (OPENAI_API_KEY kept from an unconfigured address) is
        # masked too: a message that names it came from somewhere, and it is a secret all the same.
        for name, value in os.environ.items():
            if name.upper().endswith(_KEY_NAMES) and len(value) >= _MIN_SECRET:
                text = text.replace(value, "***")
        return text

    @staticmethod
    def connect_failure(exc: BaseException) -> str:
        """Why a connection failed, in Chinese: one wording for every front end. Read from the
        exceptions under httpx's: the text differs between its clients for the same refusal
        ("[Errno 111] Connection refused" blocking, "All connection attempts failed" under
        asyncio, as the TUI asks), so F8 said 网络错误 where ``ask --llm`` said 连接被拒绝."""
        seen: set[int] = set()
        texts: list[str] = []
        e: BaseException | None = exc
        while e is not None and id(e) not in seen:
            seen.add(id(e))
            if isinstance(e, ConnectionRefusedError):
                return CONNECTION_REFUSED
            if isinstance(e, socket.gaierror):
                return NAME_UNRESOLVED
            texts.append(str(e).lower())
            e = e.__cause__ or e.__context__
        reason = " ".join(texts)
        if "refused" in reason:
            return CONNECTION_REFUSED
        if "name or service" in reason or "nodename" in reason or "getaddrinfo" in reason:
            return NAME_UNRESOLVED
        return "无法连接(网络错误)"
