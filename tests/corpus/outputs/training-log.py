# ---
# title: A long training log
# date: 2024-03-16
# ---

# %% [markdown]
# Every epoch prints its loss and shows a progress bar, 400 epochs of them: Jupyter keeps every line,
# and so must the page.

# %%
import math

from IPython.display import HTML, display

epochs = 400
for epoch in range(1, epochs + 1):
    loss = 0.7 * math.exp(-epoch / 120) + 0.02
    print(f"epoch {epoch:3d}/{epochs}  loss {loss:.4f}")
    display(HTML(f'<progress value="{epoch}" max="{epochs}"></progress> {epoch / epochs:.0%}'))
print("done")
