# ---
# title: Formulas from code
# date: 2024-03-05
# ---

# %%
from IPython.display import Math, display

display(Math(r"\sigma(z) = \frac{1}{1 + e^{-z}}"))

# %%
display(Math(r"\sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr)"))
