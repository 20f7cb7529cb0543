# ---
# title: Looking at the figures in a browser tab
# date: 2024-03-17
# ---

# %% [markdown]
# A small web server for this folder, to open its images in a browser tab while the notebook runs.
# It runs in a session of its own, so that stopping the kernel does not stop it.

# %%
import subprocess
import sys
import urllib.request

server = subprocess.Popen(
    [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1"],
    stdout=subprocess.PIPE,
    stderr=subprocess.DEVNULL,
    text=True,
    start_new_session=True,
)
address = server.stdout.readline().split("(")[1].split(")")[0]

# %%
with urllib.request.urlopen(address + "neuron.jpg") as response:
    print(response.status, response.headers["Content-Type"], len(response.read()), "bytes")
