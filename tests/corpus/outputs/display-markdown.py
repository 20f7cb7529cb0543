# ---
# title: A report written by the code
# date: 2024-03-03
# ---

# %%
from IPython.display import Markdown, display

accuracy = 0.95
display(
    Markdown(
        f"**Accuracy:** {accuracy:.0%} after *five* epochs, with $\\eta = 0.1$.\n\n| layer | units |\n| --- | --- |\n| hidden | 4 |\n| output | 1 |"
    )
)
