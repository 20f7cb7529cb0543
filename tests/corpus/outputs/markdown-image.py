# ---
# title: A fit, reported in Markdown
# date: 2024-03-19
# ---

# %% [markdown]
# The cell fits a line, saves the figure, and writes its report in Markdown, figure included.

# %%
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import Markdown, display

x = np.linspace(0, 1, 11)
y = 2 * x + 0.5 + np.tile([0.02, -0.02], 6)[:11]
slope, intercept = np.polyfit(x, y, 1)

fig, ax = plt.subplots(figsize=(4, 2.5))
ax.scatter(x, y)
ax.plot(x, slope * x + intercept)
fig.savefig("fit.png")
plt.close(fig)

display(Markdown(f"The fitted line is $y = {slope:.2f}\\,x + {intercept:.2f}$.\n\n![The points and the fitted line](fit.png)"))
