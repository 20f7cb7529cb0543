# ---
# title: Files of our own
# date: 2026-02-03
# ---

# %% [markdown]
# A notebook that reads a data file beside it, then writes files as notebooks do: a module it
# imports, a figure, a CSV in a new folder, and a line appended to a log.

# %%
import csv
import os

with open("data/points.csv") as file:
    rows = list(csv.DictReader(file))
print(len(rows), "points from", os.path.basename(os.getcwd()), "(a symbolic link)" if os.path.islink("data/points.csv") else "(a file)")

# %%
with open("mymodule.py", "w") as file:
    file.write("def double(x):\n    return 2 * x\n")

import mymodule

print(mymodule.double(21), mymodule.__file__)

# %%
import matplotlib.pyplot as plt

plt.plot([1, 2, 3])
plt.savefig("figure.png")
plt.close()
os.makedirs("results", exist_ok=True)
with open("results/summary.csv", "w") as file:
    file.write("points\n2\n")
with open("data/run.log", "a") as file:
    file.write("ran\n")
print(sorted(os.listdir(".")), sorted(os.listdir("data")))

# %% [markdown]
# An HTML output may show what the notebook wrote: the files it points at are published with the post.

# %%
from IPython.display import HTML

HTML('<img src="figure.png" alt="The figure saved above"> <a href="results/summary.csv">The summary</a>')
