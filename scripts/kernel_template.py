"""A warm template process that forks one fresh IPython kernel per notebook.

Run as a script (`python scripts/kernel_template.py`) by `scripts.kernels.KernelTemplate`,
never imported by the pipeline: it imports nothing of the project, so a kernel's
`sys.modules` holds only the modules listed in PRELOAD and what they import.

The template imports ipykernel and the libraries notebooks use most once, then
waits. For each request on stdin (one JSON object per line) it forks a child that
becomes a new kernel: its own session and process group, the notebook's folder as
working directory, the environment it was asked for, fresh random seeds, then
ipykernel's own start-up on the given connection file. The child has run no code
of any notebook, so it starts as a new interpreter would; it only skips the
imports. The template answers each request with the child's pid on stdout.

The template dies with the process that started it (Linux's parent-death signal),
and every kernel dies with the template, so nothing outlives a killed build.
"""

import ctypes
import json
import os
import signal
import sys

# Imported once here instead of in every kernel. Only modules whose import leaves
# no state a notebook could observe (no figures, no threads, no sockets).
PRELOAD = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "numpy",
    "matplotlib.pyplot",
    "pandas",
)
PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Be killed when the process (thread) that started this one ends; exit now if it already has."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def preload() -> list[str]:
    """Import PRELOAD; return the modules that are not installed."""
    missing = []
    for name in PRELOAD:
        try:
            __import__(name)
        except ImportError:
            missing.append(name)
    return missing


def become_kernel(request: dict, template: int) -> None:
    """In the forked child: start a fresh kernel on the request's connection file. Never returns."""
    try:
        os.setsid()  # its own process group: killing it kills what it started too
        die_with_parent(template)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):  # the template's pipes are not the kernel's
            os.dup2(devnull, fd)
        os.close(devnull)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        if "numpy" in sys.modules:  # Python's `random` reseeds itself after a fork; numpy does not
            sys.modules["numpy"].random.seed()
        if request.get("rcParams") and "matplotlib" in sys.modules:
            # Into the defaults too, so that `plt.style.use("default")` and `rcdefaults()` keep them.
            matplotlib = sys.modules["matplotlib"]
            for params in (matplotlib.rcParams, matplotlib.rcParamsDefault, matplotlib.rcParamsOrig):
                params.update(request["rcParams"])
        from ipykernel.kernelapp import IPKernelApp

        sys.argv = [
            os.path.join(os.path.dirname(sys.modules["ipykernel"].__path__[0]), "ipykernel_launcher.py"),
            "-f",
            request["connection_file"],
        ]
        app = IPKernelApp.instance()
        app.initialize([*sys.argv[1:], *request.get("arguments", [])])
        app.start()
    finally:
        os._exit(0)


def reap(*_) -> None:
    """Collect every kernel that has exited, so that none stays a zombie."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def serve(requests, replies, parent: int) -> None:
    """Fork a kernel per request line; reply with its pid. Return at the end of the requests."""
    die_with_parent(parent)
    # The project's folder is on sys.path only to find this file; a notebook must not see it.
    if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
        del sys.path[0]
    missing = preload()
    signal.signal(signal.SIGCHLD, reap)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build decides when to stop; it kills us
    replies.write(json.dumps({"ready": os.getpid(), "missing": missing}) + "\n")
    replies.flush()
    template = os.getpid()
    for line in requests:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            become_kernel(request, template)
        replies.write(json.dumps({"pid": pid}) + "\n")
        replies.flush()


if __name__ == "__main__":
    serve(sys.stdin, sys.stdout, int(sys.argv[1]))
