# ---
# title: Tuning the session
# date: 2026-02-01
# ---

# %% [markdown]
# A notebook that changes what it can of its interpreter: print options, the environment,
# the working directory, a module's state, and a thread that prints after the notebook ends.

# %%
import os
import threading
import time

import _settings
import numpy as np

np.set_printoptions(precision=2)
os.environ["DATA_DIR"] = "/srv/data"
_settings.SCALE = 100
os.chdir("/")
threading.Thread(target=lambda: (time.sleep(1), print("late output from set-options")), daemon=True).start()
print(np.array([1, 2]) / 3)
