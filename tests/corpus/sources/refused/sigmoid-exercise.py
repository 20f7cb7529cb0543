# ---
# title: Draw the sigmoid
# date: 2024-04-07
# ---

# %% [markdown]
# ## Draw sigmoid
#
# Plot the sigmoid between -6 and 6.

# %% tags=["solution"] exercise="draw-sigmoid"
import matplotlib.pyplot as plt
import numpy as np

z = np.linspace(-6, 6, 121)
plt.plot(z, 1 / (1 + np.exp(-z)))
plt.show()
