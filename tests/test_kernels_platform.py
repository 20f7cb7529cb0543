"""What the forked kernels need of the platform (scripts/kernels.py): prctl is Linux's, and its absence is no error."""

from __future__ import annotations

import asyncio
import signal

import pytest

from scripts import kernels


class LibcWithout:
    """A C library as ctypes shows it on macOS: looking up `prctl` raises AttributeError."""

    def __getattr__(self, name):
        raise AttributeError(f"dlsym(RTLD_DEFAULT, {name}): symbol not found")


class LibcWith:
    """Linux's C library, recording the calls to prctl."""

    def __init__(self):
        self.calls = []

    def prctl(self, *arguments):
        self.calls.append(arguments)
        return 0


def test_on_linux_a_kernel_asks_to_be_killed_with_its_template(monkeypatch: pytest.MonkeyPatch):
    libc = LibcWith()
    monkeypatch.setattr(kernels.ctypes, "CDLL", lambda name: libc)
    kernels.die_with_parent()
    assert libc.calls == [(kernels.PR_SET_PDEATHSIG, signal.SIGKILL)]


def test_where_the_c_library_has_no_prctl_a_kernel_starts_without_it(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(kernels.ctypes, "CDLL", lambda name: LibcWithout())
    assert kernels.die_with_parent() is None


def test_the_client_waits_for_the_answer_to_its_own_request_and_skips_the_rest():
    # ForkedKernelClient.wait_for_ready reads the shell and IOPub through _message_about: a reply to an earlier
    # kernel_info, or a status of another request, is not the one awaited; nothing within the time is None.
    from queue import Empty

    from scripts.kernels import ForkedKernelClient

    def message(kind: str, parent: str, state: str | None = None) -> dict:
        return {"msg_type": kind, "parent_header": {"msg_id": parent}, "content": {"execution_state": state} if state else {}}

    def receive_from(messages: list[dict]):
        async def receive(timeout: float) -> dict:
            if not messages:
                raise Empty
            return messages.pop(0)

        return receive

    def idle(msg: dict) -> bool:
        return msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle"

    iopub = [message("status", "earlier", "idle"), message("status", "mine", "busy"), message("status", "mine", "idle")]
    assert asyncio.run(ForkedKernelClient._message_about(receive_from(iopub), "mine", idle, 1.0)) == message("status", "mine", "idle")
    assert iopub == []
    assert asyncio.run(ForkedKernelClient._message_about(receive_from([message("status", "earlier", "idle")]), "mine", idle, 1.0)) is None
