# ---
# title: Neural Network Fundamentals I
# date: 2018-01-25
# tags: [Deep Learning, Neural Networks, Class17/18, Blog Instruction]
# categories: [seminar]
# series: Neural Network Fundamentals
# description: "Part I of the Neural Network Fundamentals: the artificial neuron, activation functions and the perceptron"
# banner: img/banners/seminar_nn.png
# author: Group NN
# disqusShortname: https-wisample-github-io-blog
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# ## The artificial neuron
#
# This is the first part of our series *Neural Network Fundamentals*. Here we build the
# smallest piece of every network, a single neuron, and teach it a simple task.
# [Part II]({{< relref "nn-fundamentals-2" >}}) connects many neurons into layers, and
# [Part III]({{< relref "nn-fundamentals-3" >}}) shows how a whole network learns.
#
# ### From the biological neuron to a formula
#
# A nerve cell receives signals from other cells through its *dendrites*. The connections,
# the *synapses*, are not all equally strong: some amplify a signal, some damp it, some
# inhibit the cell. The cell body adds up what arrives, and only if the total passes a
# threshold does the neuron *fire*, sending a pulse along its *axon* to the next cells.
#
# The artificial neuron keeps exactly these three ideas:
#
# * the inputs $x_1, \dots, x_n$ arrive over connections with **weights** $w_1, \dots, w_n$
#   (a large weight is a strong synapse, a negative weight an inhibiting one);
# * the neuron adds the weighted inputs and a **bias** $b$, which shifts the threshold:
#
# $$z = \sum_{j=1}^{n} w_j x_j + b = \mathbf{w}^\top \mathbf{x} + b$$
#
# * an **activation function** $\varphi$ decides how strongly the neuron fires: its output is
#   $a = \varphi(z)$.

# %% [markdown]
# ### Activation functions
#
# The most literal model of "fire or don't" is the **step function**. Smoother functions
# turn out to be far more useful, because (as [Part III]({{< relref "nn-fundamentals-3" >}})
# shows) learning needs derivatives:
#
# | name | formula | range |
# | --- | --- | --- |
# | step | $H(z) = 1$ if $z \ge 0$, else $0$ | $\{0, 1\}$ |
# | sigmoid | $\sigma(z) = \dfrac{1}{1 + e^{-z}}$ | $(0, 1)$ |
# | tanh | $\tanh(z) = \dfrac{e^{z} - e^{-z}}{e^{z} + e^{-z}}$ | $(-1, 1)$ |
# | ReLU | $\mathrm{ReLU}(z) = \max(0, z)$ | $[0, \infty)$ |
#
# All four work element by element on numpy arrays:

# %%
import numpy as np
import matplotlib.pyplot as plt


def step(z):
    return np.where(z >= 0, 1.0, 0.0)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def relu(z):
    return np.maximum(0, z)


# np.tanh is built in.
print(step(np.array([-2.0, 0.0, 2.0])))
print(sigmoid(np.array([-2.0, 0.0, 2.0])).round(4))
print(np.tanh(np.array([-2.0, 0.0, 2.0])).round(4))
print(relu(np.array([-2.0, 0.0, 2.0])))

# %% alt="Four panels plotting the activation functions from z = -5 to 5: the step function jumps from 0 to 1 at zero, the sigmoid rises smoothly from 0 to 1 through 0.5, tanh rises from -1 to 1 through 0, and ReLU is 0 for negative z and the identity for positive z."
z = np.linspace(-5, 5, 201)
activations = {"step": step, "sigmoid": sigmoid, "tanh": np.tanh, "ReLU": relu}

fig, axes = plt.subplots(1, 4, figsize=(12, 2.8), sharex=True)
for ax, (name, phi) in zip(axes, activations.items()):
    ax.plot(z, phi(z))
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.axvline(0, color="grey", linewidth=0.5)
    ax.set_title(name)
    ax.set_xlabel("$z$")
fig.tight_layout()
plt.show()

# %% [markdown]
# The sigmoid is a smoothed step: $\sigma(0) = 0.5$, and for large $|z|$ it is almost 0 or 1.
# tanh has the same shape but is centred on zero, $\tanh(z) = 2\sigma(2z) - 1$. ReLU does not
# saturate for positive inputs, which makes it the default in deep networks today.
#
# Define two of them yourself. `np.where(condition, a, b)` picks `a` where the condition
# holds and `b` elsewhere; `np.maximum` takes the larger of two values element by element.

# %% tags=["pre-exercise-code"] exercise="define-activations"
import numpy as np

# %% tags=["sample-code"]
# The step function: 1.0 where z >= 0, else 0.0
def step(z):
    return np.where(___, 1.0, 0.0)

# ReLU: the larger of 0 and z, element by element
def relu(z):
    return ___

print(step(np.array([-1.0, 0.0, 2.5])))
print(relu(np.array([-1.0, 0.0, 2.5])))

# %% tags=["solution"]
# The step function: 1.0 where z >= 0, else 0.0
def step(z):
    return np.where(z >= 0, 1.0, 0.0)

# ReLU: the larger of 0 and z, element by element
def relu(z):
    return np.maximum(0, z)

print(step(np.array([-1.0, 0.0, 2.5])))
print(relu(np.array([-1.0, 0.0, 2.5])))

# %% [raw] tags=["sct"]
# Ex().check_function_def("step").check_call("f(np.array([-3.0, -0.5, 0.0, 0.5, 3.0]))").has_equal_value(incorrect_msg="`step` should return 1.0 where `z >= 0` and 0.0 elsewhere (note: `step(0)` is 1).")
# Ex().check_function_def("relu").check_call("f(np.array([-3.0, -0.5, 0.0, 0.5, 3.0]))").has_equal_value(incorrect_msg="`relu` should return `z` where it is positive and 0 elsewhere.")
# success_msg("Well done: two of the four activation functions, vectorised.")

# %% [markdown] tags=["hint"]
# The condition for the step is `z >= 0`. For ReLU, `np.maximum(0, z)` compares every element of `z` with 0.

# %% [markdown]
# ### One neuron, by hand and with numpy
#
# Take a neuron with three inputs, $\mathbf{x} = (1.0,\ 0.5,\ -1.0)$, weights
# $\mathbf{w} = (0.4,\ -0.2,\ 0.1)$ and bias $b = 0.05$. By hand:
#
# $$z = 0.4 \cdot 1.0 + (-0.2) \cdot 0.5 + 0.1 \cdot (-1.0) + 0.05 = 0.4 - 0.1 - 0.1 + 0.05 = 0.25$$
#
# $$a = \sigma(0.25) = \frac{1}{1 + e^{-0.25}} \approx 0.5622$$
#
# With numpy the weighted sum is a dot product, `w @ x` (or `np.dot(w, x)`), however many
# inputs there are:

# %%
x = np.array([1.0, 0.5, -1.0])
w = np.array([0.4, -0.2, 0.1])
b = 0.05

z = w @ x + b
a = sigmoid(z)
print(f"z = {z:.4f}, a = {a:.4f}")
assert abs(z - 0.25) < 1e-12

# %% [markdown]
# Your turn: compute the weighted sum of another neuron by writing out the sum, then
# compare it with the dot product.

# %% tags=["pre-exercise-code"] exercise="weighted-sum"
import numpy as np

# Three inputs, their weights and the bias of one neuron
x1, x2, x3 = 2.0, -1.0, 0.5
w1, w2, w3 = 0.3, 0.8, -0.5
b = 0.1

# %% tags=["sample-code"]
# The weighted sum of the inputs plus the bias, written out term by term
z = ___

# The same with numpy: a dot product of the weight vector and the input vector
w = np.array([w1, w2, w3])
x = np.array([x1, x2, x3])
z_numpy = ___ + b

print(z, z_numpy)

# %% tags=["solution"]
# The weighted sum of the inputs plus the bias, written out term by term
z = w1 * x1 + w2 * x2 + w3 * x3 + b

# The same with numpy: a dot product of the weight vector and the input vector
w = np.array([w1, w2, w3])
x = np.array([x1, x2, x3])
z_numpy = w @ x + b

print(z, z_numpy)

# %% [raw] tags=["sct"]
# Ex().check_object("z").has_equal_value(expr_code="round(float(z), 10)", incorrect_msg="`z` should be `w1 * x1 + w2 * x2 + w3 * x3 + b`, which is -0.35.")
# Ex().check_object("z_numpy").has_equal_value(expr_code="round(float(z_numpy), 10)", incorrect_msg="`z_numpy` should be the dot product `w @ x` plus the bias `b`.")
# success_msg("Right: the dot product is the weighted sum, for any number of inputs.")

# %% [markdown] tags=["hint"]
# Multiply each input by its own weight: `w1 * x1 + w2 * x2 + w3 * x3`, then add `b`. In numpy, `w @ x` computes the same sum of products.

# %% [markdown]
# Now put the two steps together in a function, so that the neuron works for any inputs.

# %% tags=["pre-exercise-code"] exercise="neuron-output"
import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

# %% tags=["sample-code"]
# A neuron: the sigmoid of the weighted sum of the inputs plus the bias
def neuron(x, w, b):
    z = ___
    return ___

print(neuron(np.array([1.0, 0.5, -1.0]), np.array([0.4, -0.2, 0.1]), 0.05))

# %% tags=["solution"]
# A neuron: the sigmoid of the weighted sum of the inputs plus the bias
def neuron(x, w, b):
    z = w @ x + b
    return sigmoid(z)

print(neuron(np.array([1.0, 0.5, -1.0]), np.array([0.4, -0.2, 0.1]), 0.05))

# %% [raw] tags=["sct"]
# Ex().check_function_def("neuron").check_call("f(np.array([1.0, 0.5, -1.0]), np.array([0.4, -0.2, 0.1]), 0.05)").has_equal_value(incorrect_msg="For the example in the text, `neuron` should return sigmoid(0.25), about 0.5622.")
# Ex().has_equal_value(expr_code="round(float(neuron(np.array([2.0, -1.0]), np.array([-1.5, 0.5]), 1.0)), 10)", incorrect_msg="`neuron(x, w, b)` should return `sigmoid(w @ x + b)` for any inputs; check it with two inputs and a bias of 1.")
# success_msg("Great: this function is a complete artificial neuron.")

# %% [markdown] tags=["hint"]
# The weighted sum is `w @ x + b`; the neuron returns `sigmoid(z)`.

# %% [markdown]
# ### The perceptron
#
# Frank Rosenblatt's *perceptron* (1958) is a single neuron with the step activation,
# $\hat{y} = H(\mathbf{w}^\top \mathbf{x} + b)$, together with a rule to learn its weights from
# examples. For each example $(\mathbf{x}, y)$ with target $y \in \{0, 1\}$:
#
# $$\mathbf{w} \leftarrow \mathbf{w} + \eta\,(y - \hat{y})\,\mathbf{x}, \qquad b \leftarrow b + \eta\,(y - \hat{y})$$
#
# where $\eta$ is the *learning rate*. If the prediction is right, $y - \hat{y} = 0$ and nothing
# changes. If the neuron stayed silent but should have fired ($y - \hat y = 1$), the weights of
# the active inputs grow, so that next time $z$ is larger; in the opposite case they shrink.
#
# Let's teach it the logical functions AND and OR of two binary inputs. The four possible
# inputs are the rows of `X`:

# %%
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y_and = np.array([0, 0, 0, 1], dtype=float)
y_or = np.array([0, 1, 1, 1], dtype=float)
y_xor = np.array([0, 1, 1, 0], dtype=float)


def train_perceptron(X, y, epochs=20, lr=0.1):
    """Return the weights and bias learned by the perceptron rule."""
    w = np.zeros(X.shape[1])
    b = 0.0
    for epoch in range(epochs):
        for x_k, y_k in zip(X, y):
            error = y_k - step(w @ x_k + b)
            w = w + lr * error * x_k
            b = b + lr * error
    return w, b


def accuracy(X, y, w, b):
    """Return the share of examples the perceptron classifies correctly."""
    return np.mean(step(X @ w + b) == y)


for name, y in [("AND", y_and), ("OR", y_or)]:
    w, b = train_perceptron(X, y)
    print(f"{name}: w = {w.round(2)}, b = {b:.2f}, predictions {step(X @ w + b)}, accuracy {accuracy(X, y, w, b):.0%}")
    assert accuracy(X, y, w, b) == 1.0

# %% [markdown]
# Both are learned perfectly within 20 passes over the data. The update is the heart of
# the perceptron, so write it yourself:

# %% tags=["pre-exercise-code"] exercise="perceptron-update"
import numpy as np

def step(z):
    return np.where(z >= 0, 1.0, 0.0)

# %% tags=["sample-code"]
# One step of the perceptron rule for one example (x, y); returns the new w and b
def update(w, b, x, y, lr):
    y_hat = step(w @ x + b)
    error = ___
    w_new = w + ___
    b_new = b + lr * error
    return w_new, b_new

print(update(np.array([0.0, 0.0]), 0.0, np.array([1.0, 1.0]), 0.0, 0.1))

# %% tags=["solution"]
# One step of the perceptron rule for one example (x, y); returns the new w and b
def update(w, b, x, y, lr):
    y_hat = step(w @ x + b)
    error = y - y_hat
    w_new = w + lr * error * x
    b_new = b + lr * error
    return w_new, b_new

print(update(np.array([0.0, 0.0]), 0.0, np.array([1.0, 1.0]), 0.0, 0.1))

# %% [raw] tags=["sct"]
# Ex().check_function_def("update").check_call("f(np.array([0.0, 0.0]), 0.0, np.array([1.0, 1.0]), 0.0, 0.1)").has_equal_value(incorrect_msg="When the neuron fires but should not (y = 0), `update` should lower the weights of the active inputs and the bias by `lr`.")
# Ex().check_function_def("update").check_call("f(np.array([-0.5, 0.2]), -0.1, np.array([1.0, 0.5]), 1.0, 0.5)").has_equal_value(incorrect_msg="When the neuron is silent but should fire (y = 1), `update` should add `lr * x` to the weights and `lr` to the bias.")
# Ex().check_function_def("update").check_call("f(np.array([0.3, 0.2]), 0.0, np.array([1.0, 0.0]), 1.0, 0.5)").has_equal_value(incorrect_msg="When the prediction is right, `update` should leave `w` and `b` unchanged.")
# success_msg("Exactly: the perceptron only learns from its mistakes.")

# %% [markdown] tags=["hint"]
# The error is the target minus the prediction, `y - y_hat`. The weights move by `lr * error * x`.

# %% [markdown]
# ### Why XOR fails
#
# XOR ("exclusive or") is 1 when exactly one input is 1. Train the same perceptron on it,
# for 50 times as many epochs:

# %%
w, b = train_perceptron(X, y_xor, epochs=1000)
print(f"XOR: w = {w.round(2)}, b = {b:.2f}, predictions {step(X @ w + b)}, accuracy {accuracy(X, y_xor, w, b):.0%}")
assert accuracy(X, y_xor, w, b) < 1.0

# %% [markdown]
# It never gets all four right. The reason is geometric: the perceptron fires where
# $w_1 x_1 + w_2 x_2 + b \ge 0$, a half-plane bounded by a straight line. AND and OR can be
# separated by such a line, XOR cannot. Suppose some $w_1, w_2, b$ did compute XOR. Then
#
# * $(0, 0) \mapsto 0$ needs $b < 0$,
# * $(1, 0) \mapsto 1$ and $(0, 1) \mapsto 1$ need $w_1 + b \ge 0$ and $w_2 + b \ge 0$,
# * $(1, 1) \mapsto 0$ needs $w_1 + w_2 + b < 0$.
#
# Adding the two middle inequalities gives $w_1 + w_2 + 2b \ge 0$, so
# $w_1 + w_2 + b \ge -b > 0$, which contradicts the last one. No choice of weights works:
# XOR is not *linearly separable*. The figure shows, shaded, the region where each trained
# perceptron fires; red points have the target 1, blue points the target 0:

# %% alt="Three panels over the unit square. For AND the shaded firing region covers only the corner (1, 1); for OR it covers all points except (0, 0); for XOR the straight boundary cannot put (0, 1) and (1, 0) on one side and (0, 0) and (1, 1) on the other, so two points are misclassified."
grid = np.linspace(-0.5, 1.5, 201)
g1, g2 = np.meshgrid(grid, grid)
points = np.column_stack([g1.ravel(), g2.ravel()])

fig, axes = plt.subplots(1, 3, figsize=(12, 3.8))
for ax, (name, y, epochs) in zip(axes, [("AND", y_and, 20), ("OR", y_or, 20), ("XOR", y_xor, 1000)]):
    w, b = train_perceptron(X, y, epochs=epochs)
    fires = step(points @ w + b).reshape(g1.shape)
    ax.contourf(g1, g2, fires, levels=[-0.5, 0.5, 1.5], colors=["#f0f0f0", "#9ecae1"])
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", s=120, edgecolors="black")
    ax.set_title(f"{name}: accuracy {accuracy(X, y, w, b):.0%}")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_aspect("equal")
fig.tight_layout()
plt.show()

# %% [markdown]
# Check a separable function yourself: NAND ("not and") is 0 only when both inputs are 1.
# The helpers `train_perceptron` and `accuracy` from above are loaded for you.

# %% tags=["pre-exercise-code"] exercise="perceptron-nand"
import numpy as np

def step(z):
    return np.where(z >= 0, 1.0, 0.0)

def train_perceptron(X, y, epochs=20, lr=0.1):
    w = np.zeros(X.shape[1])
    b = 0.0
    for epoch in range(epochs):
        for x_k, y_k in zip(X, y):
            error = y_k - step(w @ x_k + b)
            w = w + lr * error * x_k
            b = b + lr * error
    return w, b

def accuracy(X, y, w, b):
    return np.mean(step(X @ w + b) == y)

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)

# %% tags=["sample-code"]
# The NAND targets for the four rows of X: (0,0), (0,1), (1,0), (1,1)
y_nand = np.array([___, ___, ___, ___], dtype=float)

# Train the perceptron on NAND and compute its predictions on X
w, b = train_perceptron(X, ___)
predictions = step(X @ w + b)

print(predictions, accuracy(X, y_nand, w, b))

# %% tags=["solution"]
# The NAND targets for the four rows of X: (0,0), (0,1), (1,0), (1,1)
y_nand = np.array([1, 1, 1, 0], dtype=float)

# Train the perceptron on NAND and compute its predictions on X
w, b = train_perceptron(X, y_nand)
predictions = step(X @ w + b)

print(predictions, accuracy(X, y_nand, w, b))

# %% [raw] tags=["sct"]
# Ex().check_object("y_nand").has_equal_value(incorrect_msg="NAND is 1 unless both inputs are 1: `y_nand` should be `[1, 1, 1, 0]`.")
# Ex().check_object("w").has_equal_value(incorrect_msg="Train the perceptron on the NAND targets: `train_perceptron(X, y_nand)`.")
# Ex().check_object("b").has_equal_value(incorrect_msg="Train the perceptron on the NAND targets: `train_perceptron(X, y_nand)`.")
# Ex().check_object("predictions").has_equal_value(incorrect_msg="`predictions` should be `step(X @ w + b)`, and equal `y_nand`.")
# success_msg("NAND is linearly separable, so the perceptron learns it. (And from NAND gates alone you can build any logic circuit, XOR included.)")

# %% [markdown] tags=["hint"]
# NAND is the opposite of AND, whose targets are `[0, 0, 0, 1]`. Pass `y_nand` as the targets to `train_perceptron`.

# %% [markdown]
# ### Summary
#
# * A neuron computes $a = \varphi(\mathbf{w}^\top \mathbf{x} + b)$: a weighted sum, a bias and an activation.
# * The perceptron learns its weights from mistakes, and succeeds whenever the classes can be
#   separated by a straight line (a hyperplane, in more dimensions).
# * XOR cannot be separated by one line, so no single neuron can compute it.
#
# The way out is to combine neurons: the outputs of a few neurons can be fed into another
# one. How to organise those connections as layers and weight matrices is the subject of
# [Part II]({{< relref "nn-fundamentals-2" >}}); [Part III]({{< relref "nn-fundamentals-3" >}})
# then trains such a network on XOR.
