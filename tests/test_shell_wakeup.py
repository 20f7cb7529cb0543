"""The shell channel wakes up for a reply that arrived just before the build sent another message on it.

nbclient sends on the shell while it waits for a cell's reply (an `Output` widget's state); jupyter_client's
`Session.send` would write through a blocking shadow of the asyncio socket, which takes in the arrived reply and
resets the socket's edge-triggered file descriptor: the waiting poll then slept until the cell's timeout
(scripts/kernels.py, ShellChannel; tools/repro_shell_wakeup.py builds the corpus pair that showed it).
Here a ROUTER socket plays the kernel, and the send happens at the worst moment: after the reply has arrived,
before the event loop has seen it.
"""

from __future__ import annotations

import asyncio
import select
import time

import zmq
import zmq.asyncio
from jupyter_client.session import Session

from scripts.kernels import ForkedKernelManager, ShellChannel

# Seconds the reply's wait may last (a stalled one lasts this long) and seconds the test gives it: far less.
REPLY_TIMEOUT = 60
WOKEN_WITHIN = 10
# Seconds the loop stays busy after the socket has signalled, for the reply to be in (zmq's I/O thread moves it).
ARRIVAL_SECONDS = 0.2


async def reply_after_a_send(tmp_path, channel_class) -> bool:
    """Return whether a `get_msg` waiting on the shell is woken by a reply that arrived just before a send."""
    context = zmq.asyncio.Context()
    kernel = zmq.Context.instance().socket(zmq.ROUTER)
    kernel.linger = 0
    url = f"ipc://{tmp_path}/shell"
    kernel.bind(url)
    socket = context.socket(zmq.DEALER)
    socket.linger = 0
    socket.connect(url)
    session = Session(key=b"")
    channel = channel_class(socket, session)
    try:
        channel.send(session.msg("execute_request", {"code": "1"}))
        request = kernel.recv_multipart()
        waiting = asyncio.ensure_future(channel.get_msg(timeout=REPLY_TIMEOUT))
        for _ in range(10):  # the wait registers with the loop, which takes in everything pending
            await asyncio.sleep(0)
        parent = session.deserialize(session.feed_identities(request[1:])[1])
        kernel.send_multipart([request[0], *session.serialize(session.msg("execute_reply", {"status": "ok"}, parent=parent))])
        # The reply reaches the socket while the loop is busy (blocked here: the descriptor signals, and a moment
        # more for the message itself); then a send on the shell before the loop sees it, as nbclient's output widget's.
        assert select.select([socket.FD], [], [], WOKEN_WITHIN)[0], "the reply did not arrive"
        time.sleep(ARRIVAL_SECONDS)
        channel.send(session.msg("comm_msg", {"comm_id": "x", "data": {}}))
        done, _ = await asyncio.wait([waiting], timeout=WOKEN_WITHIN)
        if done:
            assert waiting.result()["msg_type"] == "execute_reply"
        waiting.cancel()
        return bool(done)
    finally:
        socket.close(linger=0)
        kernel.close(linger=0)
        context.term()


def test_a_send_does_not_hide_a_reply_waited_for(tmp_path):
    assert asyncio.run(reply_after_a_send(tmp_path, ShellChannel))


def test_the_build_s_clients_send_by_the_shell_channel_that_wakes_up(tmp_path):
    manager = ForkedKernelManager(transport="ipc", ip=str(tmp_path / "k"), connection_file=str(tmp_path / "k.json"))
    assert manager.client().shell_channel_class is ShellChannel
