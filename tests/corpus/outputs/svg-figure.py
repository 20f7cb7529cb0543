# ---
# title: The sigmoid as a vector graphic
# date: 2024-03-01
# ---

# %% [markdown]
# Vector figures stay sharp at any zoom, so we ask matplotlib for SVG.

# %%
# %config InlineBackend.figure_formats = ['svg']
import matplotlib.pyplot as plt
import numpy as np

# %% alt="The sigmoid rises from 0 to 1, crossing 0.5 at z = 0"
z = np.linspace(-6, 6, 121)
fig, ax = plt.subplots(figsize=(4, 2.5))
ax.plot(z, 1 / (1 + np.exp(-z)))
ax.set_xlabel("z")
ax.set_ylabel("sigmoid(z)")
plt.show()
