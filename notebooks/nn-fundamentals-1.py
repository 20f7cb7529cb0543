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
# [Part II]({{< relref "nn-fundamentals-2" >}}) connects many neurons into layers,
# [Part III]({{< relref "nn-fundamentals-3" >}}) shows how a whole network learns, and
# [Part IV]({{< relref "nn-fundamentals-4" >}}) trains one on real data.
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

# %% tags=["hide-input"] alt="Four panels plotting the activation functions from z = -5 to 5: the step function jumps from 0 to 1 at zero, the sigmoid rises smoothly from 0 to 1 through 0.5, tanh rises from -1 to 1 through 0, and ReLU is 0 for negative z and the identity for positive z."
z = np.linspace(-5, 5, 201)
activations = {"step": step, "sigmoid": sigmoid, "tanh": np.tanh, "ReLU": relu}

fig, axes = plt.subplots(2, 2, figsize=(7, 4.8), sharex=True)
for ax, (name, phi) in zip(axes.ravel(), activations.items()):
    ax.plot(z, phi(z))
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.axvline(0, color="grey", linewidth=0.5)
    ax.set_title(name)
for ax in axes[1]:
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

# %% [raw] tags=["sample-code"]
# # The step function: 1.0 where the neuron fires, else 0.0
# def step(z):
#     return np.where(___, 1.0, 0.0)
#
# # ReLU: z where z is positive, else 0, element by element
# def relu(z):
#     return ___
#
# print(step(np.array([-1.0, 0.0, 2.5])))
# print(relu(np.array([-1.0, 0.0, 2.5])))

# %% tags=["solution"]
# The step function: 1.0 where the neuron fires, else 0.0
def step(z):
    return np.where(z >= 0, 1.0, 0.0)

# ReLU: z where z is positive, else 0, element by element
def relu(z):
    return np.maximum(0, z)

print(step(np.array([-1.0, 0.0, 2.5])))
print(relu(np.array([-1.0, 0.0, 2.5])))

# %% tags=["solution-alternative"]
# The step function: 1.0 where the neuron fires, else 0.0
def step(z):
    return (z >= 0).astype(float)

# ReLU: z where z is positive, else 0, element by element
def relu(z):
    return np.where(z > 0, z, 0.0)

print(step(np.array([-1.0, 0.0, 2.5])))
print(relu(np.array([-1.0, 0.0, 2.5])))

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# array_error = "Calling `{}` on an array raised `{{{{stu_str}}}}`. It must work element by element: Python's `if` and built-in `max` look at a whole array at once, numpy's functions look at each element."
# Ex().check_function_def("step", missing_msg="Define a function `step(z)`.").multi(
#     check_call("f(np.array([-3.0, -0.5, 0.5, 3.0]))").has_equal_value(func=same, error_msg=array_error.format("step"), incorrect_msg="`step` should give 0.0 for negative and 1.0 for positive values, element by element: for [-3, -0.5, 0.5, 3] it gave `{{stu_eval}}`."),
#     check_call("f(np.array([0.0]))").has_equal_value(func=same, error_msg=array_error.format("step"), incorrect_msg="`step(0)` should be 1.0: the neuron fires when z ≥ 0, the boundary included. Yours gave `{{stu_eval}}`."),
# )
# Ex().check_function_def("relu", missing_msg="Define a function `relu(z)`.").check_call("f(np.array([-3.0, -0.5, 0.0, 0.5, 3.0]))").has_equal_value(func=same, error_msg=array_error.format("relu"), incorrect_msg="`relu` should keep positive values and put 0 in place of negative ones, element by element: for [-3, -0.5, 0, 0.5, 3] it gave `{{stu_eval}}`.")
# success_msg("Well done: two of the four activation functions, vectorised.")

# %% [markdown] tags=["hint"]
# The step needs a comparison of `z` with 0: which comparison operator lets the point z = 0 itself fire? For ReLU, the text above names the numpy function that compares two values element by element.

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
assert abs(z - 0.25) < 1e-12 and abs(a - 0.5622) < 5e-5

# %% [markdown]
# Your turn: compute the weighted sum of another neuron by writing out the sum, then
# compare it with the dot product.

# %% tags=["pre-exercise-code"] exercise="weighted-sum"
import numpy as np

# Three inputs, their weights and the bias of one neuron
x1, x2, x3 = 2.0, -1.0, 0.5
w1, w2, w3 = 0.3, 0.8, -0.5
b = 0.1

# %% [raw] tags=["sample-code"]
# # The weighted sum of the inputs plus the bias, written out term by term
# z = ___
#
# # The same with numpy, from the weight vector and the input vector
# w = np.array([w1, w2, w3])
# x = np.array([x1, x2, x3])
# z_numpy = ___ + b
#
# print(z, z_numpy)

# %% tags=["solution"]
# The weighted sum of the inputs plus the bias, written out term by term
z = w1 * x1 + w2 * x2 + w3 * x3 + b

# The same with numpy, from the weight vector and the input vector
w = np.array([w1, w2, w3])
x = np.array([x1, x2, x3])
z_numpy = w @ x + b

print(z, z_numpy)

# %% tags=["solution-alternative"]
# The weighted sum of the inputs plus the bias, written out term by term
z = b + x3 * w3 + x2 * w2 + x1 * w1

# The same with numpy, from the weight vector and the input vector
w = np.array([w1, w2, w3])
x = np.array([x1, x2, x3])
z_numpy = np.dot(w, x) + b

print(z, z_numpy)

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# Ex().check_object("z", missing_msg="Define `z`, the weighted sum written out term by term.").has_equal_value(func=same, incorrect_msg="`z` should add up each input times its own weight, and the bias once: that makes -0.35, but yours is `{{stu_eval}}`.")
# Ex().check_object("z_numpy", missing_msg="Define `z_numpy`. If its line raised an error, check the shapes: `w` and `x` are both vectors of shape (3,).").multi(
#     has_equal_value(expr_code="np.shape(z_numpy)", incorrect_msg="`z_numpy` should be a single number (shape `()`), but yours has shape `{{stu_eval}}`: `*` multiplies element by element and keeps the three products apart; a dot product also adds them up."),
#     has_equal_value(func=same, incorrect_msg="`z_numpy` should equal `z`, -0.35, but yours is `{{stu_eval}}`. Did you add the bias exactly once?"),
# )
# success_msg("Right: the dot product is the weighted sum, for any number of inputs.")

# %% [markdown] tags=["hint"]
# Pair each input with the weight of the same number, and count the bias once. For the second line, the text above shows the operator for a dot product.

# %% [markdown]
# Now put the two steps together in a function, so that the neuron works for any inputs.

# %% tags=["pre-exercise-code"] exercise="neuron-output"
import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

# %% [raw] tags=["sample-code"]
# # A neuron with a sigmoid activation
# def neuron(x, w, b):
#     z = ___
#     return ___
#
# print(neuron(np.array([1.0, 0.5, -1.0]), np.array([0.4, -0.2, 0.1]), 0.05))

# %% tags=["solution"]
# A neuron with a sigmoid activation
def neuron(x, w, b):
    z = w @ x + b
    return sigmoid(z)

print(neuron(np.array([1.0, 0.5, -1.0]), np.array([0.4, -0.2, 0.1]), 0.05))

# %% tags=["solution-alternative"]
# A neuron with a sigmoid activation
def neuron(x, w, b):
    return 1 / (1 + np.exp(-(np.dot(w, x) + b)))

print(neuron(np.array([1.0, 0.5, -1.0]), np.array([0.4, -0.2, 0.1]), 0.05))

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# def same_shape(student, solution):
#     return np.shape(student) == np.shape(solution)
#
# call_error = "Calling `neuron` raised `{{stu_str}}`. Check that both lines use the arguments `x`, `w` and `b`, and that `w` and `x` are combined into one number."
# Ex().check_function_def("neuron", missing_msg="Define a function `neuron(x, w, b)`.").multi(
#     check_call("f(np.array([1.0, 0.5, -1.0]), np.array([0.4, -0.2, 0.1]), 0.05)").has_equal_value(func=same_shape, error_msg=call_error, incorrect_msg="`neuron` should return a single number, but it returned `{{stu_eval}}`: `*` multiplies element by element and keeps the products apart; the weighted sum adds them up."),
#     check_call("f(np.array([1.0, 0.5, -1.0]), np.array([0.4, -0.2, 0.1]), 0.05)").has_equal_value(func=same, error_msg=call_error, incorrect_msg="For the neuron in the text, `neuron` should return σ(0.25) ≈ 0.5622, but it returned `{{stu_eval}}`. Is the weighted sum, bias included, passed through the activation?"),
#     check_call("f(np.array([2.0, -1.0]), np.array([-1.5, 0.5]), 1.0)").has_equal_value(func=same, error_msg=call_error, incorrect_msg="With two inputs (2, -1), weights (-1.5, 0.5) and bias 1, `neuron` should return σ(-2.5) ≈ 0.0759, but it returned `{{stu_eval}}`. Does your function use its arguments, and not the example's numbers?"),
# )
# success_msg("Great: this function is a complete artificial neuron.")

# %% [markdown] tags=["hint"]
# The function does in two lines what the example above did: first the weighted sum with the bias, then the activation. Use the arguments `x`, `w` and `b`, not the example's numbers.

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
# inputs are the rows of `X`. We use the learning rate $\eta = 1$: the inputs are 0 or 1, so
# every weight and every sum $z$ stays a whole number, and the arithmetic is exact. That
# matters, because the step fires at exactly $z = 0$ (see the end of this section for what a
# rate of 0.1 does).

# %%
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y_and = np.array([0, 0, 0, 1], dtype=float)
y_or = np.array([0, 1, 1, 1], dtype=float)
y_xor = np.array([0, 1, 1, 0], dtype=float)


def train_perceptron(X, y, epochs=20, lr=1.0):
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
    print(f"{name}: w = {w.astype(int)}, b = {b:.0f}, z = {(X @ w + b).astype(int)}, "
          f"predictions {step(X @ w + b).astype(int)}, accuracy {accuracy(X, y, w, b):.0%}")
    assert np.array_equal(w, w.round()) and b == round(b)  # whole numbers: every sum is exact
    assert accuracy(X, y, w, b) == 1.0

w_and, b_and = train_perceptron(X, y_and)
assert w_and.tolist() == [2.0, 1.0] and b_and == -3.0

# %% [markdown]
# Both are learned perfectly within 20 passes over the data. For AND the perceptron finds
# $\mathbf{w} = (2, 1)$ and $b = -3$: the sums for the four inputs are $-3, -2, -1$ and $0$, so
# only $(1, 1)$ reaches the threshold.
#
# With $\eta = 0.1$ the same rule finds $\mathbf{w} = (0.2, 0.1)$ and, on paper, $b = -0.2$.
# But 0.1 has no exact binary representation: the bias ends up as $-0.20000000000000004$, and
# at the input $(1, 0)$ the sum, exactly 0 on paper, where $H(0) = 1$ would wrongly fire, comes
# out just below zero. That perceptron is right about $(1, 0)$ only by a rounding error:

# %%
w_small, b_small = train_perceptron(X, y_and, lr=0.1)
z_10 = X[2] @ w_small + b_small
print(f"lr = 0.1: w = {w_small}, b = {float(b_small)!r}, z at (1, 0) = {z_10:.1e}")
assert -1e-15 < z_10 < 0

# %% [markdown]
# The update is the heart of the perceptron, so write it yourself:

# %% tags=["pre-exercise-code"] exercise="perceptron-update"
import numpy as np

def step(z):
    return np.where(z >= 0, 1.0, 0.0)

# %% [raw] tags=["sample-code"]
# # One step of the perceptron rule for one example (x, y); returns the new w and b
# def update(w, b, x, y, lr):
#     y_hat = step(w @ x + b)
#     error = ___
#     w_new = w + ___
#     b_new = b + lr * error
#     return w_new, b_new
#
# print(update(np.array([0.0, 0.0]), 0.0, np.array([1.0, 1.0]), 0.0, 0.1))

# %% tags=["solution"]
# One step of the perceptron rule for one example (x, y); returns the new w and b
def update(w, b, x, y, lr):
    y_hat = step(w @ x + b)
    error = y - y_hat
    w_new = w + lr * error * x
    b_new = b + lr * error
    return w_new, b_new

print(update(np.array([0.0, 0.0]), 0.0, np.array([1.0, 1.0]), 0.0, 0.1))

# %% tags=["solution-alternative"]
# One step of the perceptron rule for one example (x, y); returns the new w and b
def update(w, b, x, y, lr):
    y_hat = step(w @ x + b)
    error = -(y_hat - y)
    w_new = w + x * error * lr
    b_new = b + lr * error
    return w_new, b_new

print(update(np.array([0.0, 0.0]), 0.0, np.array([1.0, 1.0]), 0.0, 0.1))

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return len(student) == len(solution) and all(np.shape(s) == np.shape(t) and np.allclose(s, t) for s, t in zip(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# call_error = "Calling `update` raised `{{stu_str}}`. Use the arguments `w`, `b`, `x`, `y` and `lr`; `x` and `w` have the same shape."
# Ex().check_function_def("update", missing_msg="Define a function `update(w, b, x, y, lr)`.").multi(
#     check_call("f(np.array([0.3, 0.2]), 0.0, np.array([1.0, 0.0]), 1.0, 0.5)").has_equal_value(func=same, error_msg=call_error, incorrect_msg="When the prediction is right, the error is 0 and `update` should return `w` and `b` unchanged; it returned `{{stu_eval}}`."),
#     check_call("f(np.array([0.0, 0.0]), 0.0, np.array([1.0, 1.0]), 0.0, 0.1)").has_equal_value(func=same, error_msg=call_error, incorrect_msg="When the neuron fires but should not (y = 0), the error is -1: with x = (1, 1) and lr = 0.1, the weights and the bias should each go down by 0.1. `update` returned `{{stu_eval}}`. Is the error the target minus the prediction, and is each change scaled by the learning rate?"),
#     check_call("f(np.array([-0.5, 0.2]), -0.1, np.array([1.0, 0.5]), 1.0, 0.5)").has_equal_value(func=same, error_msg=call_error, incorrect_msg="When the neuron is silent but should fire (y = 1), each weight should grow in proportion to its own input, and by the learning rate; `update` returned `{{stu_eval}}`."),
# )
# success_msg("Exactly: the perceptron only learns from its mistakes.")

# %% [markdown] tags=["hint"]
# The error is positive when the neuron should have fired but stayed silent. Compare the two lines of the rule in the text: the change of the weights has one factor more than the change of the bias.

# %% [markdown]
# ### Why XOR fails
#
# XOR ("exclusive or") is 1 when exactly one input is 1. Train the same perceptron on it,
# for 50 times as many epochs:

# %%
w, b = train_perceptron(X, y_xor, epochs=1000)
print(f"XOR: w = {w.astype(int)}, b = {b:.0f}, predictions {step(X @ w + b).astype(int)}, accuracy {accuracy(X, y_xor, w, b):.0%}")
assert accuracy(X, y_xor, w, b) == 0.5

# %% [markdown]
# It never gets all four right: after 1000 epochs it gets two of the four, which is no better
# than chance (a constant answer, or a coin, is right half the time on XOR). The reason is
# geometric: the perceptron fires where $w_1 x_1 + w_2 x_2 + b \ge 0$, a half-plane bounded
# by a straight line. AND and OR can be separated by such a line, XOR cannot. Suppose some
# $w_1, w_2, b$ did compute XOR. Then
#
# * $(0, 0) \mapsto 0$ needs $b < 0$,
# * $(1, 0) \mapsto 1$ and $(0, 1) \mapsto 1$ need $w_1 + b \ge 0$ and $w_2 + b \ge 0$,
# * $(1, 1) \mapsto 0$ needs $w_1 + w_2 + b < 0$.
#
# Adding the two middle inequalities gives $w_1 + w_2 + 2b \ge 0$, so
# $w_1 + w_2 + b \ge -b > 0$, which contradicts the last one. No choice of weights works:
# XOR is not *linearly separable*. The best a line can do is three of the four points, 75%;
# the perceptron rule does not even find such a line, because on data that no line separates
# it never settles and keeps correcting one mistake with another. A search over many lines
# confirms both numbers:

# %%
values = np.arange(-3, 3.25, 0.25)
lines = np.array(np.meshgrid(values, values, values)).reshape(3, -1).T  # rows (w1, w2, b)
best = max(accuracy(X, y_xor, line[:2], line[2]) for line in lines)
print(f"{len(lines)} lines tried, the best classifies {best:.0%} of the XOR examples")
assert best == 0.75

# %% [markdown]
# The figure shows, shaded, the region where each trained perceptron fires; red points have
# the target 1, blue points the target 0. With whole-number weights some points lie exactly on
# a boundary, where $z = 0$ and the perceptron fires:

# %% tags=["hide-input"] alt="Three panels over the unit square. For AND the shaded firing region covers only the corner (1, 1); for OR it covers all points except (0, 0); for XOR the trained perceptron's straight boundary puts (0, 0) and (0, 1) on the firing side, so it gets only two of the four points right."
grid = np.linspace(-0.5, 1.5, 201)
g1, g2 = np.meshgrid(grid, grid)
points = np.column_stack([g1.ravel(), g2.ravel()])

fig, axes = plt.subplots(1, 3, figsize=(9, 3.4))
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
# The proof used only one property of the step: a larger $z$ never gives a smaller output.
# So it holds for every neuron whose activation is *monotone*, the sigmoid, tanh and ReLU
# included: whatever threshold we read its output at, the inputs on one side form a
# half-plane. A neuron with a non-monotone activation escapes the argument. With
# $\mathbf{w} = (1, 1)$ and $b = 0$ the sums are 0, 1, 1 and 2, and an activation that fires
# only near $z = 1$, a "bump", computes XOR on its own:

# %%
def bump(z):
    return np.where(np.abs(z - 1) < 0.5, 1.0, 0.0)


print("bump neuron:", bump(X @ np.array([1.0, 1.0]) + 0.0).astype(int), "targets:", y_xor.astype(int))
assert np.array_equal(bump(X @ np.array([1.0, 1.0])), y_xor)

# %% [markdown]
# Such activations are rarely used: they are hard to train and do not generalise the way
# layers of simple neurons do. The usual way out, in
# [Part II]({{< relref "nn-fundamentals-2" >}}), is to combine monotone neurons.
#
# Before that, check a separable function yourself: NAND ("not and") is 0 only when both
# inputs are 1. The helpers `step`, `train_perceptron` and `accuracy` from above are loaded
# for you.

# %% tags=["pre-exercise-code"] exercise="perceptron-nand"
import numpy as np

def step(z):
    return np.where(z >= 0, 1.0, 0.0)

def train_perceptron(X, y, epochs=20, lr=1.0):
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

# %% [raw] tags=["sample-code"]
# # The NAND targets for the four rows of X: (0,0), (0,1), (1,0), (1,1)
# y_nand = np.array([___, ___, ___, ___], dtype=float)
#
# # Train the perceptron on NAND, then let the trained neuron classify the rows of X
# w, b = train_perceptron(X, ___)
# predictions = step(___)
#
# print(predictions, accuracy(X, y_nand, w, b))

# %% tags=["solution"]
# The NAND targets for the four rows of X: (0,0), (0,1), (1,0), (1,1)
y_nand = np.array([1, 1, 1, 0], dtype=float)

# Train the perceptron on NAND, then let the trained neuron classify the rows of X
w, b = train_perceptron(X, y_nand)
predictions = step(X @ w + b)

print(predictions, accuracy(X, y_nand, w, b))

# %% tags=["solution-alternative"]
# The NAND targets for the four rows of X: (0,0), (0,1), (1,0), (1,1)
y_nand = 1 - np.array([0, 0, 0, 1], dtype=float)

# Train the perceptron on NAND, then let the trained neuron classify the rows of X
w, b = train_perceptron(X, y_nand)
predictions = step(np.dot(X, w) + b)

print(predictions, accuracy(X, y_nand, w, b))

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# Ex().check_object("y_nand", missing_msg="Define `y_nand`, the four NAND targets.").has_equal_value(func=same, incorrect_msg="NAND is 0 only when both inputs are 1, and 1 for the other three rows of `X`; your `y_nand` is `{{stu_eval}}`.")
# Ex().check_function("train_perceptron", missing_msg="Train the perceptron with `train_perceptron`.").check_args(1).has_equal_value(func=same, incorrect_msg="Train the perceptron on the NAND targets you just defined; you passed `{{stu_eval}}` as the targets.")
# Ex().check_object("w").has_equal_value(func=same, incorrect_msg="`w` should be the weights `train_perceptron` returns for NAND; yours are `{{stu_eval}}`.")
# Ex().check_object("b").has_equal_value(func=same, incorrect_msg="`b` should be the bias `train_perceptron` returns for NAND; yours is `{{stu_eval}}`.")
# Ex().check_function("step", missing_msg="Compute `predictions` with `step`, from the trained `w` and `b`: the point is what the neuron computes, not a copy of the targets.").check_args(0).has_equal_value(func=same, incorrect_msg="Pass `step` the neuron's weighted sums for the four rows of `X`, one per row, with the bias: shape (4,). You passed `{{stu_eval}}`.", error_msg="The argument you pass `step` raises an error: check the shapes. `X` is (4, 2), one row per example, and `w` is (2,); the weighted sums of the four rows have shape (4,), and the bias `b` is one number.")
# Ex().check_object("predictions").has_equal_value(func=same, incorrect_msg="`predictions` should be what `step` returns for the weighted sums; yours are `{{stu_eval}}`.")
# success_msg("NAND is linearly separable, so the perceptron learns it. (And from NAND gates alone you can build any logic circuit, XOR included.)")

# %% [markdown] tags=["hint"]
# NAND is the opposite of AND: flip each of AND's four targets. For the predictions, look at how `accuracy` in the text computes the weighted sums of all four rows at once.

# %% [markdown]
# ### Summary
#
# * A neuron computes $a = \varphi(\mathbf{w}^\top \mathbf{x} + b)$: a weighted sum, a bias and an activation.
# * The perceptron learns its weights from mistakes, and succeeds whenever the classes can be
#   separated by a straight line (a hyperplane, in more dimensions).
# * XOR cannot be separated by one line, so no single neuron with a step or any other monotone
#   activation can compute it: the best line gets 3 of the 4 examples right, and the
#   perceptron rule, which never settles on XOR, ends at chance level.
#
# The way out is to combine neurons: the outputs of a few neurons can be fed into another
# one. How to organise those connections as layers and weight matrices is the subject of
# [Part II]({{< relref "nn-fundamentals-2" >}}), which also builds XOR from three perceptrons;
# [Part III]({{< relref "nn-fundamentals-3" >}}) then trains such a network on XOR.
