# ---
# title: The sweep's report, embedded
# date: 2024-03-20
# ---

# %% [markdown]
# The training script exports its results as a small web page with a stylesheet; the notebook shows
# it in a frame.

# %%
import pandas as pd
from IPython.display import IFrame

results = pd.DataFrame({"learning rate": [0.01, 0.1, 1.0], "accuracy": [0.81, 0.95, 0.62]})
with open("report.css", "w") as file:
    file.write("body { font-family: sans-serif; } td, th { padding: 0 1em; }\n")
with open("report.html", "w") as file:
    file.write(
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Sweep</title><link rel="stylesheet" href="report.css"></head>\n'
        f"<body><h1>Sweep</h1>\n{results.to_html(index=False)}\n</body></html>\n"
    )
IFrame("report.html", width=400, height=200)
