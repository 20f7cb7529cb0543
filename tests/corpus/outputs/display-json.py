# ---
# title: The network's configuration
# date: 2024-03-07
# ---

# %%
from IPython.display import JSON, display

config = {"layers": [2, 4, 1], "activation": "sigmoid", "learning_rate": 0.1, "seed": None, "name": "XOR net ✓"}
display(JSON(config))
