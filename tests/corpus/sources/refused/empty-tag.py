# ---
# title: Activation functions compared
# date: 2024-04-04
# tags:
#   - activations
#   -
#   - sigmoid
# ---

# %%
import numpy as np

print(np.tanh(0.5))
