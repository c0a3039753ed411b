"""A real central service on a loopback port (uvicorn in a thread) and a real SMTP server."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from clerk.central.embedded import free_loopback_port, serve_on_loopback

# The tests serve the app exactly as the demo does.
free_port = free_loopback_port
serve_app = serve_on_loopback


@dataclass
class MailSink:
    """Messages received by the local SMTP server, parsed."""

    messages: list[EmailMessage] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content
        msg = message_from_bytes(raw, policy=policy.default)
        assert isinstance(msg, EmailMessage)
        with self.lock:
            self.messages.append(msg)
        return "250 Message accepted for delivery"

    def wait_for(self, predicate: Any, timeout: float = 15.0) -> EmailMessage:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                for msg in self.messages:
                    if predicate(msg):
                        return msg
            time.sleep(0.05)
        raise AssertionError(f"no matching e-mail arrived; got {len(self.messages)} messages")


@contextmanager
def smtp_server() -> Iterator[tuple[int, MailSink]]:
    """A real SMTP server (aiosmtpd) on a free loopback port."""
    from aiosmtpd.controller import Controller

    sink = MailSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, sink
    finally:
        controller.stop()
