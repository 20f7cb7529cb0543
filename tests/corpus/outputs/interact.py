# ---
# title: Play with a neuron's weight and bias
# date: 2024-03-15
# ---

# %% [markdown]
# In Jupyter, move the sliders: the curve is drawn again for each weight and bias. The page shows
# the curve for the sliders' first position.

# %%
import matplotlib.pyplot as plt
import numpy as np
from ipywidgets import interact


# %% alt="A sigmoid through (0, 0.5) for weight 1 and bias 0"
@interact(weight=(-3.0, 3.0, 0.5), bias=(-2.0, 2.0, 0.5))
def neuron(weight=1.0, bias=0.0):
    z = np.linspace(-6, 6, 121)
    fig, ax = plt.subplots(figsize=(4, 2.5))
    ax.plot(z, 1 / (1 + np.exp(-(weight * z + bias))))
    ax.set_xlabel("input")
    ax.set_ylabel("activation")
    plt.show()
    print(f"activation at input 0: {1 / (1 + np.exp(-bias)):.3f}")


# %% [markdown]
# Training prints into an output area of its own, so that the log stays in one place.

# %%
from IPython.display import display
from ipywidgets import Output

log = Output()
display(log)

# %%
weight = 0.0
for step in range(1, 4):
    weight += 0.5 * (1.0 - weight)
    with log:
        print(f"step {step}: weight {weight:.3f}")
print("trained")
