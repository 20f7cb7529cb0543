# ---
# title: A coloured verdict
# date: 2024-03-04
# ---

# %%
from IPython.display import HTML, display

passed = 3
display(
    HTML(
        f'<p>Passed <strong>{passed}</strong> of 4 checks: <span style="color: #1a7f37">&#10003;&#10003;&#10003;</span> <span style="color: #b42318">&#10007;</span></p>'
    )
)
