"""A fake OpenAI-compatible server on 127.0.0.1 for LLM tests (after a tester's fake.py).

``GET /v1/models`` lists ``models``; ``POST /v1/chat/completions`` streams ``reply`` one piece
per SSE event, ``delay`` seconds apart, and after ``stall_after`` pieces (when set) waits
until the server is closed, like a model that has stalled mid-answer. Non-streamed requests
get the whole reply in one body. Requests are recorded in ``requests``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeLLM:
    def __init__(self, reply: list[str], *, delay: float = 0.0, stall_after: int | None = None,
                 models: tuple[str, ...] = ("fake-model",)) -> None:
        self.reply = reply
        self.delay = delay
        self.stall_after = stall_after
        self.models = models
        self.requests: list[dict[str, Any]] = []
        self.closing = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _json(self, payload: object) -> None:
                body = json.dumps(payload, ensure_ascii=False).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                self._json({"object": "list", "data": [{"id": m, "object": "model"} for m in fake.models]})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
                fake.requests.append(body)
                if not body.get("stream"):
                    self._json({"choices": [{"index": 0, "message": {"role": "assistant",
                                                                     "content": "".join(fake.reply)}}]})
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                try:
                    for i, piece in enumerate(fake.reply):
                        if fake.stall_after is not None and i >= fake.stall_after:
                            fake.closing.wait(60)
                            return
                        event = {"choices": [{"index": 0, "delta": {"content": piece}}]}
                        self.wfile.write(("data: " + json.dumps(event, ensure_ascii=False) + "\n\n").encode())
                        self.wfile.flush()
                        if fake.closing.wait(fake.delay):
                            return
                    self.wfile.write(b"data: [DONE]\n\n")
                    self.wfile.flush()
                except OSError:
                    pass   # the client went away (cancelled)

        return Handler

    def close(self) -> None:
        self.closing.set()
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def fake_llm(reply: list[str], **kwargs: Any) -> Iterator[FakeLLM]:
    server = FakeLLM(reply, **kwargs)
    server.thread.start()
    try:
        yield server
    finally:
        server.close()
