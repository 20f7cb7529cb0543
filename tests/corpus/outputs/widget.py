# ---
# title: A slider for the learning rate
# date: 2024-03-08
# ---

# %% [markdown]
# In Jupyter, move the slider to try other learning rates.

# %%
import ipywidgets as widgets

widgets.FloatSlider(value=0.1, min=0.01, max=1.0, step=0.01, description="learning rate")
