"""What the forked kernels need of the platform (scripts/kernels.py): prctl is Linux's, and its absence is no error."""

from __future__ import annotations

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
