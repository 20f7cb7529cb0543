# ---
# title: Saving the loss curve for the slides
# date: 2024-04-11
# ---

# %%
from pathlib import Path

import matplotlib.pyplot as plt

FIGURES = Path("../figures").resolve()

# %%
fig, ax = plt.subplots(figsize=(4, 2.5))
ax.plot([0.7, 0.4, 0.25, 0.2])
fig.savefig(FIGURES / "loss.png")
plt.close(fig)
