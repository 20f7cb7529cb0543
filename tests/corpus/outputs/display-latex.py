# ---
# title: Backpropagation in LaTeX
# date: 2024-03-06
# ---

# %%
from IPython.display import Latex, display

display(
    Latex(r"""The error of layer $l$ is $\delta^{(l)}$, and costs \$0 to compute twice:
\begin{align}
\delta^{(L)} &= \nabla_a C \odot \sigma'(z^{(L)}) \\
\delta^{(l)} &= \bigl((w^{(l+1)})^\top \delta^{(l+1)}\bigr) \odot \sigma'(z^{(l)})
\end{align}""")
)
