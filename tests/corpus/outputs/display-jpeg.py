# ---
# title: A photo of a neuron
# date: 2024-03-09
# ---

# %% alt="A stained nerve cell with its dendrites"
from IPython.display import Image

Image(filename="neuron.jpg", width=240)
