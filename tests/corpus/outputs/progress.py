# ---
# title: Watching the loss fall
# date: 2024-03-10
# ---

# %% [markdown]
# Training prints its progress on one line, which Jupyter rewrites in place.

# %%
import time

loss = 1.0
for epoch in range(1, 21):
    loss *= 0.8
    time.sleep(0.02)
    print(f"\repoch {epoch:2d}/20  loss {loss:.4f}", end="", flush=True)
print("\ndone")

# %%
for step in "|/-\\":
    print(step, end="\b", flush=True)
print("ready")
