# ---
# title: The sigmoid, drawn by the browser
# date: 2024-03-14
# ---

# %% [markdown]
# A quick sketch without matplotlib: the browser draws the curve on a canvas, in the cell's own
# output area (`element`), as Jupyter runs the script.

# %%
from IPython.display import Javascript, display

display(
    Javascript(
        """
const canvas = document.createElement("canvas");
canvas.width = 240;
canvas.height = 80;
canvas.setAttribute("aria-label", "The sigmoid from z = -6 to 6");
element.append(canvas);
const context = canvas.getContext("2d");
context.beginPath();
for (let x = 0; x <= 240; x++) {
  const z = (x - 120) / 20;
  const y = 80 - 80 / (1 + Math.exp(-z));
  x === 0 ? context.moveTo(x, y) : context.lineTo(x, y);
}
context.stroke();
"""
    )
)
