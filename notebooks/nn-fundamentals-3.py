# ---
# title: Neural Network Fundamentals III
# date: 2018-02-08
# tags: [Deep Learning, Neural Networks, Class17/18, Blog Instruction]
# categories: [seminar]
# series: Neural Network Fundamentals
# description: "Part III of the Neural Network Fundamentals: loss functions, gradient descent and backpropagation"
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
# ## How a network learns
#
# This is the third part of our series *Neural Network Fundamentals*.
# In [Part I]({{< relref "nn-fundamentals-1" >}}) a single neuron failed to learn XOR, and in
# [Part II]({{< relref "nn-fundamentals-2" >}}) we built a network with a hidden layer and
# computed its forward pass, with random weights, and chose weights for XOR by hand. Now the
# network finds good weights itself: we measure how wrong it is with a **loss**, compute how
# the loss changes with every weight by **backpropagation**, and walk downhill by
# **gradient descent**. [Part IV]({{< relref "nn-fundamentals-4" >}}) then trains on real data.
#
# The notation is that of Part II. The inputs of a batch are the $m$ columns of $X$, shape
# $(i_n, m)$, with targets $Y$ of shape $(o_n, m)$, and the network computes
#
# $$Z^{(1)} = W^{(1)} X + \mathbf{b}^{(1)}, \quad H = \sigma(Z^{(1)}), \quad Z^{(2)} = W^{(2)} H + \mathbf{b}^{(2)}, \quad \hat{Y} = \sigma(Z^{(2)})$$
#
# with $W^{(1)}$ of shape $(h_n, i_n)$ and $W^{(2)}$ of shape $(o_n, h_n)$. Our tasks are
# binary classifications, so there is one output, $o_n = 1$, and $\hat{y}$ is the network's
# estimate of the probability that the target is 1.

# %% [markdown]
# ### Loss functions
#
# A loss is one number that says how far the outputs are from the targets, averaged over the
# batch. The **mean squared error** is the natural first choice:
#
# $$L_{\text{MSE}} = \frac{1}{m} \sum_{c=1}^{m} \left(\hat{y}_c - y_c\right)^2$$
#
# For probabilities the **cross-entropy** (or log loss) is better suited:
#
# $$L_{\text{CE}} = -\frac{1}{m} \sum_{c=1}^{m} \Big[ y_c \log \hat{y}_c + (1 - y_c) \log (1 - \hat{y}_c) \Big]$$
#
# For a target $y = 1$ only the first term counts, $-\log \hat{y}$: it is 0 for a perfect
# $\hat{y} = 1$ and grows without bound as $\hat{y} \to 0$. A confident wrong answer is
# punished much harder than by the squared error, which can never exceed 1:

# %% tags=["hide-input"] alt="The loss of a single example with target 1 as a function of the prediction y-hat from 0 to 1: the squared error falls gently from 1 to 0, while the cross-entropy falls from very large values near y-hat = 0 to 0 at y-hat = 1, lying above the squared error everywhere."
import numpy as np
import matplotlib.pyplot as plt

y_hat = np.linspace(0.01, 0.99, 99)
plt.figure(figsize=(6, 3.5))
plt.plot(y_hat, (y_hat - 1) ** 2, label="squared error $(\\hat{y} - 1)^2$")
plt.plot(y_hat, -np.log(y_hat), label="cross-entropy $-\\log \\hat{y}$")
plt.xlabel("prediction $\\hat{y}$ for target $y = 1$")
plt.ylabel("loss")
plt.legend()
plt.show()

# %% [markdown]
# Write both losses as functions of arrays of predictions and targets.

# %% tags=["pre-exercise-code"] exercise="mse-loss"
import numpy as np

# %% [raw] tags=["sample-code"]
# # The mean squared error of predictions y_hat for targets y
# def mse(y_hat, y):
#     return np.mean(___)
#
# print(mse(np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0])))

# %% tags=["solution"]
# The mean squared error of predictions y_hat for targets y
def mse(y_hat, y):
    return np.mean((y_hat - y) ** 2)

print(mse(np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0])))

# %% tags=["solution-alternative"]
# The mean squared error of predictions y_hat for targets y
def mse(y_hat, y):
    return np.mean((y - y_hat) ** 2)

print(mse(np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0])))

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# call_error = "Calling `mse` raised `{{stu_str}}`. It should work on numpy arrays of any shape, element by element."
# Ex().check_function_def("mse", missing_msg="Define a function `mse(y_hat, y)`.").multi(
#     check_call("f(np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0]))").has_equal_value(func=same, error_msg=call_error, incorrect_msg="For predictions 0.9, 0.2, 0.6 and targets 1, 0, 1 the squared errors are 0.01, 0.04 and 0.16, so `mse` should return their mean, 0.07; yours returned `{{stu_eval}}`. Are the differences squared before they are averaged?"),
#     check_call("f(np.array([[0.5, 0.1, 0.8, 0.3]]), np.array([[1.0, 0.0, 0.0, 1.0]]))").has_equal_value(func=same, error_msg=call_error, incorrect_msg="`mse` should return one number, the mean over all entries, also for a (1, m) row of outputs; it returned `{{stu_eval}}`."),
# )
# success_msg("Right: square the errors, then average them.")

# %% [markdown] tags=["hint"]
# The error of each prediction is the difference between prediction and target. Square each error first, then let `np.mean` average them: the order matters.

# %% tags=["pre-exercise-code"] exercise="cross-entropy"
import numpy as np

# %% [raw] tags=["sample-code"]
# # The cross-entropy of predicted probabilities y_hat for targets y (0 or 1)
# def cross_entropy(y_hat, y):
#     return -np.mean(y * ___ + (1 - y) * ___)
#
# print(cross_entropy(np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0])))

# %% tags=["solution"]
# The cross-entropy of predicted probabilities y_hat for targets y (0 or 1)
def cross_entropy(y_hat, y):
    return -np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))

print(cross_entropy(np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0])))

# %% tags=["solution-alternative"]
# The cross-entropy of predicted probabilities y_hat for targets y (0 or 1)
def cross_entropy(y_hat, y):
    return -np.mean((1 - y) * np.log1p(-y_hat) + y * np.log(y_hat))

print(cross_entropy(np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0])))

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# call_error = "Calling `cross_entropy` raised `{{stu_str}}`. It should work on numpy arrays, element by element: `math.log` takes one number only."
# Ex().check_function_def("cross_entropy", missing_msg="Define a function `cross_entropy(y_hat, y)`.").multi(
#     check_call("f(np.array([0.9, 0.9]), np.array([1.0, 1.0]))").has_equal_value(func=same, error_msg=call_error, incorrect_msg="For targets 1 only the first term counts: predictions 0.9 should give -log 0.9 ≈ 0.1054, but `cross_entropy` returned `{{stu_eval}}`. Check the term that `y` multiplies."),
#     check_call("f(np.array([0.2, 0.2]), np.array([0.0, 0.0]))").has_equal_value(func=same, error_msg=call_error, incorrect_msg="For targets 0 only the second term counts: predictions 0.2 should give -log 0.8 ≈ 0.2231, the log of the probability of the target 0; `cross_entropy` returned `{{stu_eval}}`. Check the term that `1 - y` multiplies."),
#     check_call("f(np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0]))").has_equal_value(func=same, error_msg=call_error, incorrect_msg="For targets 1, 0, 1 and predictions 0.9, 0.2, 0.6, `cross_entropy` should be -(log 0.9 + log 0.8 + log 0.6) / 3 ≈ 0.2798, a mean over the examples; yours returned `{{stu_eval}}`."),
# )
# success_msg("Well done. Note how `y` and `1 - y` pick the term that belongs to each example.")

# %% [markdown] tags=["hint"]
# Each term is the logarithm of the probability the network gives to the example's true target: for target 1 that probability is `y_hat`; what is it for target 0?

# %% [markdown]
# ### Gradient descent
#
# Training means finding the parameters $\theta$ (all weights and biases) that make the loss
# small. The gradient $\nabla_\theta L$ points in the direction in which the loss grows fastest,
# so a small step against it lowers the loss:
#
# $$\theta \leftarrow \theta - \eta \, \nabla_\theta L$$
#
# The learning rate $\eta$ sets the step size: too small and training crawls, too large and
# the steps overshoot the minimum (we measure both below). Try it on a function of one
# variable, $f(w) = (w - 3)^2$, whose derivative is $f'(w) = 2(w - 3)$ and whose minimum is at
# $w = 3$.

# %% tags=["pre-exercise-code"] exercise="gradient-descent-1d"
# Start far from the minimum of f(w) = (w - 3) ** 2
w = 0.0
lr = 0.1

# %% [raw] tags=["sample-code"]
# # 50 steps of gradient descent on f(w) = (w - 3) ** 2
# for step in range(50):
#     grad = ___
#     w = ___
#
# print(w)

# %% tags=["solution"]
# 50 steps of gradient descent on f(w) = (w - 3) ** 2
for step in range(50):
    grad = 2 * (w - 3)
    w = w - lr * grad

print(w)

# %% tags=["solution-alternative"]
# 50 steps of gradient descent on f(w) = (w - 3) ** 2
for step in range(50):
    grad = 2 * w - 6
    w = w - lr * grad

print(w)

# %% [raw] tags=["sct"]
# import numpy as np
#
# def close(student, solution):
#     try:
#         return bool(np.isclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# Ex().check_for_loop(missing_msg="Keep the loop of 50 steps.").check_body().set_env(w=1.0).multi(
#     has_equal_value(name="grad", func=close, incorrect_msg="At w = 1, `grad` should be the derivative of (w - 3)², which is -4; yours is `{{stu_eval}}`. The derivative is in the text above.", undefined_msg="Compute `grad` in the loop.", error_msg="One step of the loop, from w = 1, raises an error. Compute `grad` first, then update `w` with it; `w`, `lr` and `grad` are plain numbers, so multiply them with `*` (`@` is for arrays)."),
#     has_equal_value(name="w", func=close, incorrect_msg="`grad` is right, but one step from w = 1 should move `w` against the gradient, by the learning rate times the gradient, to 1.4; yours moves it to `{{stu_eval}}`.", error_msg="One step of the loop, from w = 1, raises an error. Compute `grad` first, then update `w` with it; `w`, `lr` and `grad` are plain numbers, so multiply them with `*` (`@` is for arrays)."),
# )
# Ex().check_object("w").has_equal_value(func=close, incorrect_msg="After 50 steps `w` should be very close to the minimum at 3; yours is `{{stu_eval}}`.")
# success_msg("Great: every step shrinks the distance to the minimum by the factor 1 - 2 * lr = 0.8.")

# %% [markdown] tags=["hint"]
# The text gives the derivative of f. A step goes downhill: if the gradient is negative, `w` must grow. How big is a step, in terms of `lr` and `grad`?

# %% [markdown]
# ### Backpropagation, one neuron at a time
#
# A network has many parameters, and we need the derivative of the loss with respect to each
# of them. The **chain rule** gives them all, if we see the computation as a graph of small
# steps and walk it backwards. Take one sigmoid neuron with one input, and the cross-entropy
# for one example:
#
# $$z = w x + b, \qquad a = \sigma(z), \qquad L = -\big[y \log a + (1 - y) \log(1 - a)\big]$$
#
# Each step has a simple local derivative: $\partial z / \partial w = x$,
# $\partial z / \partial b = 1$, $\partial a / \partial z = a (1 - a)$ and
# $\partial L / \partial a = -\frac{y}{a} + \frac{1 - y}{1 - a} = \frac{a - y}{a (1 - a)}$.
# Going backwards from the loss, the chain rule multiplies them:
#
# $$\frac{\partial L}{\partial z} = \frac{\partial L}{\partial a} \frac{\partial a}{\partial z} = a - y, \qquad \frac{\partial L}{\partial w} = \frac{\partial L}{\partial z}\, x = (a - y)\, x, \qquad \frac{\partial L}{\partial b} = a - y$$
#
# With $x = 2$, $w = 0.5$, $b = -0.5$ and the target $y = 1$, the forward pass gives $z = 0.5$
# and $a \approx 0.6225$; the backward pass gives $\partial L / \partial z = a - y \approx -0.3775$
# and $\partial L / \partial w \approx -0.7551$. A small change of $w$, the slow way, agrees:

# %%
def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def neuron_loss(w, b, x, y):
    a = sigmoid(w * x + b)
    return -(y * np.log(a) + (1 - y) * np.log(1 - a))


x, w, b, y = 2.0, 0.5, -0.5, 1.0
z = w * x + b                # forward, step by step
a = sigmoid(z)
dL_dz = a - y                # backward: the local derivatives, multiplied
dL_dw = dL_dz * x
dL_db = dL_dz

eps = 1e-6
slow_dw = (neuron_loss(w + eps, b, x, y) - neuron_loss(w - eps, b, x, y)) / (2 * eps)
print(f"z = {z:.4f}, a = {a:.4f}, dL/dz = {dL_dz:.4f}, dL/dw = {dL_dw:.4f}, dL/db = {dL_db:.4f}")
print(f"change of w by ±1e-6: dL/dw ≈ {slow_dw:.4f}")
assert abs(a - 0.6225) < 5e-5 and abs(dL_dw - (-0.7551)) < 5e-5 and abs(slow_dw - dL_dw) < 1e-8

# %% [markdown]
# A network is the same graph with more nodes. A weight deep inside affects the loss through
# every path to the output, and the chain rule adds the paths up. The backward walk reuses
# each intermediate derivative for every weight behind it, so all gradients cost about as
# much as one more forward pass.
#
# ### Backpropagation through a layer
#
# Now the same for a batch and whole layers. We write
# $\delta^{(l)} = \partial L / \partial Z^{(l)}$ for the gradient with respect to the weighted
# sums of layer $l$, a matrix of the same shape as $Z^{(l)}$.
#
# **Output layer.** For one example, $\partial L / \partial \hat{y}_c = \frac{1}{m}\left(-\frac{y_c}{\hat{y}_c} + \frac{1 - y_c}{1 - \hat{y}_c}\right) = \frac{1}{m} \frac{\hat{y}_c - y_c}{\hat{y}_c (1 - \hat{y}_c)}$.
# The sigmoid's derivative is $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$, that is
# $\partial \hat{y}_c / \partial z^{(2)}_c = \hat{y}_c (1 - \hat{y}_c)$, and the two
# factors cancel, as for the single neuron:
#
# $$\delta^{(2)} = \frac{\partial L}{\partial Z^{(2)}} = \frac{1}{m} \left(\hat{Y} - Y\right)$$
#
# This neat result is one reason to pair a sigmoid output with the cross-entropy: with the
# squared error an extra factor $\hat{y}(1 - \hat{y})$ remains, and it makes the gradient
# vanish whenever the output saturates near 0 or 1, also when the network is confidently
# wrong.
#
# **Weights of the output layer.** Since $Z^{(2)}_{kc} = \sum_j W^{(2)}_{kj} H_{jc} + b^{(2)}_k$,
# the weight $W^{(2)}_{kj}$ affects the loss through every example $c$:
#
# $$\frac{\partial L}{\partial W^{(2)}_{kj}} = \sum_{c} \delta^{(2)}_{kc} H_{jc} \quad\Longrightarrow\quad \frac{\partial L}{\partial W^{(2)}} = \delta^{(2)} H^\top, \qquad \frac{\partial L}{\partial \mathbf{b}^{(2)}} = \sum_c \delta^{(2)}_{:,c}$$
#
# Check the shapes: $(o_n, m) \cdot (m, h_n) = (o_n, h_n)$, the shape of $W^{(2)}$.
#
# **Hidden layer.** $H_{jc}$ reaches the loss through every output node, so
# $\partial L / \partial H = W^{(2)\top} \delta^{(2)}$, of shape $(h_n, m)$. Through the
# sigmoid of the hidden layer (element by element, $\odot$):
#
# $$\delta^{(1)} = \left(W^{(2)\top} \delta^{(2)}\right) \odot H \odot (1 - H), \qquad \frac{\partial L}{\partial W^{(1)}} = \delta^{(1)} X^\top, \qquad \frac{\partial L}{\partial \mathbf{b}^{(1)}} = \sum_c \delta^{(1)}_{:,c}$$
#
# The error signal $\delta$ travels backwards through the same weights that carried the signal
# forwards, hence the name *backpropagation*. First the derivative of the sigmoid:

# %% tags=["pre-exercise-code"] exercise="sigmoid-derivative"
import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

# %% [raw] tags=["sample-code"]
# # The derivative of the sigmoid, written with the sigmoid itself
# def sigmoid_prime(z):
#     s = sigmoid(z)
#     return ___
#
# print(sigmoid_prime(np.array([-2.0, 0.0, 3.0])))

# %% tags=["solution"]
# The derivative of the sigmoid, written with the sigmoid itself
def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1 - s)

print(sigmoid_prime(np.array([-2.0, 0.0, 3.0])))

# %% tags=["solution-alternative"]
# The derivative of the sigmoid, written with the sigmoid itself
def sigmoid_prime(z):
    s = sigmoid(z)
    return s - s ** 2

print(sigmoid_prime(np.array([-2.0, 0.0, 3.0])))

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# call_error = "Calling `sigmoid_prime` raised `{{stu_str}}`. It should work on numpy arrays, element by element."
# Ex().check_function_def("sigmoid_prime", missing_msg="Define a function `sigmoid_prime(z)`.").multi(
#     check_call("f(0.0)").has_equal_value(func=same, error_msg=call_error, incorrect_msg="The sigmoid is steepest at 0, where σ(0) = 0.5 and its derivative is 0.5 · (1 − 0.5) = 0.25; yours gives `{{stu_eval}}`."),
#     check_call("f(np.array([-4.0, -1.0, 2.0, 6.0]))").has_equal_value(func=same, error_msg=call_error, incorrect_msg="`sigmoid_prime` should give σ(z) (1 − σ(z)) element by element: for [-4, -1, 2, 6] about [0.0177, 0.1966, 0.105, 0.0025], but yours gives `{{stu_eval}}`."),
# )
# success_msg("Right: the derivative is largest at 0 and vanishes where the sigmoid saturates.")

# %% [markdown] tags=["hint"]
# The text gives the derivative in terms of the sigmoid's own value, and the sample already computes that value as `s`.

# %% [markdown]
# Now the gradients of the output layer for a batch. The forward pass has been run for you.

# %% tags=["pre-exercise-code"] exercise="output-gradients"
import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

rng = np.random.RandomState(5)
i_n, h_n, o_n, m = 2, 3, 1, 4
X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
Y = np.array([[0.0, 1.0, 1.0, 0.0]])
W1, b1 = rng.normal(size=(h_n, i_n)), np.zeros((h_n, 1))
W2, b2 = rng.normal(size=(o_n, h_n)), np.zeros((o_n, 1))
H = sigmoid(W1 @ X + b1)
Y_hat = sigmoid(W2 @ H + b2)

# %% [raw] tags=["sample-code"]
# # delta of the output layer for the cross-entropy, shape (o_n, m)
# delta2 = ___
#
# # The gradients of the output layer's weights (o_n, h_n) and bias (o_n, 1)
# dW2 = delta2 @ ___
# db2 = delta2.sum(axis=1, keepdims=True)
#
# print(dW2.shape, db2.shape)

# %% tags=["solution"]
# delta of the output layer for the cross-entropy, shape (o_n, m)
delta2 = (Y_hat - Y) / m

# The gradients of the output layer's weights (o_n, h_n) and bias (o_n, 1)
dW2 = delta2 @ H.T
db2 = delta2.sum(axis=1, keepdims=True)

print(dW2.shape, db2.shape)

# %% tags=["solution-alternative"]
# delta of the output layer for the cross-entropy, shape (o_n, m)
delta2 = (Y_hat - Y) / X.shape[1]

# The gradients of the output layer's weights (o_n, h_n) and bias (o_n, 1)
dW2 = np.dot(delta2, H.T)
db2 = delta2.sum(axis=1, keepdims=True)

print(dW2.shape, db2.shape)

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# shapes = "`Y_hat` and `Y` are (1, 4), `H` is (3, 4); a product (r, k) @ (k, c) needs the inner sizes to agree, and `.T` turns (r, c) into (c, r)."
# Ex().check_object("delta2", missing_msg="Define `delta2`.").multi(
#     has_equal_value(expr_code="np.shape(delta2)", incorrect_msg="`delta2` has shape `{{stu_eval}}`, but it has one entry per output and example, `{{sol_eval}}`, like `Y_hat`."),
#     has_equal_value(func=same, incorrect_msg="`delta2` should be the outputs' errors, prediction minus target, averaged over the batch: divided by the batch size `m`. Check the sign and the division."),
# )
# Ex().check_object("dW2", missing_msg="`dW2` is not defined: if its line raised an error, check the shapes. " + shapes).multi(
#     has_equal_value(expr_code="np.shape(dW2)", incorrect_msg="`dW2` has shape `{{stu_eval}}`, but it must have the shape of `W2`, `{{sol_eval}}`. " + shapes),
#     has_equal_value(func=same, incorrect_msg="`dW2` has the right shape but the wrong values: it pairs `delta2` with the hidden values, summed over the examples by one matrix product."),
# )
# Ex().check_object("db2").has_equal_value(func=same, incorrect_msg="`db2` should be `delta2` summed over the examples, as in the sample; yours is `{{stu_eval}}`.")
# success_msg("Well done: one matrix product sums the contributions of all examples.")

# %% [markdown] tags=["hint"]
# The batch size is `m`. For the weights, compare shapes: `delta2` is `(1, 4)` and the result must be `(1, 3)`, the shape of `W2`. Which arrangement of `H` has shape `(4, 3)`?

# %% [markdown]
# And one layer further back, to the hidden layer. This time the network has two outputs,
# XOR and AND of the inputs, so that no two of the arrays involved have the same shape:

# %% tags=["pre-exercise-code"] exercise="hidden-gradients"
import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

rng = np.random.RandomState(5)
i_n, h_n, o_n, m = 2, 3, 2, 4
X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
Y = np.array([[0.0, 1.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0]])
W1, b1 = rng.normal(size=(h_n, i_n)), np.zeros((h_n, 1))
W2, b2 = rng.normal(size=(o_n, h_n)), np.zeros((o_n, 1))
H = sigmoid(W1 @ X + b1)
Y_hat = sigmoid(W2 @ H + b2)
delta2 = (Y_hat - Y) / m

# %% [raw] tags=["sample-code"]
# # Send delta2 back through the output weights: shape (h_n, m)
# dH = ___ @ delta2
#
# # Through the hidden sigmoid, element by element
# delta1 = dH * ___
#
# # The gradient of the hidden layer's weights, shape (h_n, i_n)
# dW1 = delta1 @ ___
#
# print(dH.shape, delta1.shape, dW1.shape)

# %% tags=["solution"]
# Send delta2 back through the output weights: shape (h_n, m)
dH = W2.T @ delta2

# Through the hidden sigmoid, element by element
delta1 = dH * H * (1 - H)

# The gradient of the hidden layer's weights, shape (h_n, i_n)
dW1 = delta1 @ X.T

print(dH.shape, delta1.shape, dW1.shape)

# %% tags=["solution-alternative"]
# Send delta2 back through the output weights: shape (h_n, m)
dH = np.dot(W2.T, delta2)

# Through the hidden sigmoid, element by element
delta1 = H * (1 - H) * dH

# The gradient of the hidden layer's weights, shape (h_n, i_n)
dW1 = delta1 @ X.T

print(dH.shape, delta1.shape, dW1.shape)

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# shapes = "`W2` is (2, 3), `delta2` is (2, 4), `H` is (3, 4) and `X` is (2, 4); a product (r, k) @ (k, c) needs the inner sizes to agree, and `.T` turns (r, c) into (c, r)."
# Ex().check_object("dH", missing_msg="`dH` is not defined: if its line raised an error, check the shapes. " + shapes).multi(
#     has_equal_value(expr_code="np.shape(dH)", incorrect_msg="`dH` has shape `{{stu_eval}}`, but it has one entry per hidden node and example, `{{sol_eval}}`. " + shapes),
#     has_equal_value(func=same, incorrect_msg="`dH` has the right shape but the wrong values: the error goes back through the output weights, transposed."),
# )
# Ex().check_object("delta1", missing_msg="`delta1` is not defined: if its line raised an error, check the shapes. " + shapes).multi(
#     has_equal_value(expr_code="np.shape(delta1)", incorrect_msg="`delta1` has shape `{{stu_eval}}`, but it must have the shape of `dH`, `{{sol_eval}}`: the sigmoid's derivative is multiplied element by element, with `*`, not `@`."),
#     has_equal_value(func=same, incorrect_msg="`delta1` has the right shape but the wrong values: multiply `dH` by the derivative of the hidden sigmoid, which is written with the hidden values `H` (see the exercise before last)."),
# )
# Ex().check_object("dW1", missing_msg="`dW1` is not defined: if its line raised an error, check the shapes. " + shapes).multi(
#     has_equal_value(expr_code="np.shape(dW1)", incorrect_msg="`dW1` has shape `{{stu_eval}}`, but it must have the shape of `W1`, `{{sol_eval}}`. " + shapes),
#     has_equal_value(func=same, incorrect_msg="`dW1` has the right shape but the wrong values: it pairs `delta1` with the hidden layer's input, which is `X`, not `H`."),
# )
# success_msg("That is backpropagation: the same two steps repeat for every further layer.")

# %% [markdown] tags=["hint"]
# The forward pass multiplied by `W2`; going back, the shapes tell you how `W2` must be arranged to meet `delta2`. The derivative of the sigmoid is the one from the previous exercise, at the hidden layer. What is the hidden layer's input?

# %% [markdown]
# ### The network in numpy
#
# Here is everything together: initialisation, forward pass, loss, backward pass and the
# training loop. The weights start as normal random numbers centred on zero, scaled by
# $1/\sqrt{n}$ for a layer with $n$ inputs (we will see why below), and drawn from a
# seeded generator so that every run gives the same result.

# %%
def cross_entropy(Y_hat, Y):
    return -np.mean(Y * np.log(Y_hat) + (1 - Y) * np.log(1 - Y_hat))


def init_params(i_n, h_n, o_n, rng):
    """Return weights drawn from N(0, 1/n) for a layer with n inputs, and zero biases."""
    return {
        "W1": rng.normal(0, 1, (h_n, i_n)) / np.sqrt(i_n), "b1": np.zeros((h_n, 1)),
        "W2": rng.normal(0, 1, (o_n, h_n)) / np.sqrt(h_n), "b2": np.zeros((o_n, 1)),
    }


def forward(params, X):
    """Return the hidden values H and the outputs Y_hat for the batch X."""
    H = sigmoid(params["W1"] @ X + params["b1"])
    Y_hat = sigmoid(params["W2"] @ H + params["b2"])
    return H, Y_hat


def backward(params, X, Y, H, Y_hat):
    """Return the gradients of the cross-entropy with respect to every parameter."""
    m = X.shape[1]
    delta2 = (Y_hat - Y) / m
    delta1 = (params["W2"].T @ delta2) * H * (1 - H)
    return {
        "W1": delta1 @ X.T, "b1": delta1.sum(axis=1, keepdims=True),
        "W2": delta2 @ H.T, "b2": delta2.sum(axis=1, keepdims=True),
    }


def train(X, Y, h_n, lr, steps, seed, params=None):
    """Return the trained parameters and the loss before every step."""
    if params is None:
        params = init_params(X.shape[0], h_n, Y.shape[0], np.random.default_rng(seed))
    losses = []
    for _ in range(steps):
        H, Y_hat = forward(params, X)
        losses.append(cross_entropy(Y_hat, Y))
        grads = backward(params, X, Y, H, Y_hat)
        for name in params:
            params[name] = params[name] - lr * grads[name]
    return params, np.array(losses)


def accuracy(params, X, Y):
    """Return the share of examples whose output, rounded at 0.5, equals the target."""
    return np.mean((forward(params, X)[1] >= 0.5) == Y)

# %% [markdown]
# ### Checking the gradients numerically
#
# Backpropagation is easy to get subtly wrong: a missing transpose or a forgotten $1/m$ still
# gives arrays of the right shape. So before we trust it, we compare it with a completely
# independent estimate. For any parameter $\theta_k$, the **central difference**
#
# $$\frac{\partial L}{\partial \theta_k} \approx \frac{L(\theta + \varepsilon e_k) - L(\theta - \varepsilon e_k)}{2\varepsilon}$$
#
# has an error of order $\varepsilon^2$. It needs two forward passes per parameter, far too
# slow for training, but fine for a check. Write it for a function of one variable first:

# %% tags=["pre-exercise-code"] exercise="numerical-derivative"
import numpy as np

# %% [raw] tags=["sample-code"]
# # The central difference estimate of the derivative of f at x
# def numerical_derivative(f, x, eps=1e-5):
#     return (___ - ___) / (2 * eps)
#
# # The derivative of sin at 1 is cos(1)
# print(numerical_derivative(np.sin, 1.0), np.cos(1.0))

# %% tags=["solution"]
# The central difference estimate of the derivative of f at x
def numerical_derivative(f, x, eps=1e-5):
    return (f(x + eps) - f(x - eps)) / (2 * eps)

# The derivative of sin at 1 is cos(1)
print(numerical_derivative(np.sin, 1.0), np.cos(1.0))

# %% tags=["solution-alternative"]
# The central difference estimate of the derivative of f at x
def numerical_derivative(f, x, eps=1e-5):
    left, right = x - eps, x + eps
    return (f(right) - f(left)) / (right - left)

# The derivative of sin at 1 is cos(1)
print(numerical_derivative(np.sin, 1.0), np.cos(1.0))

# %% [raw] tags=["sct"]
# import numpy as np
#
# def near(tolerance):
#     def test(student, solution):
#         try:
#             return abs(float(student) - float(solution)) < tolerance
#         except (TypeError, ValueError):
#             return False
#     return test
#
# call_error = "Calling `numerical_derivative` raised `{{stu_str}}`. It should call the function `f` it is given, at two points near `x`."
# Ex().check_function_def("numerical_derivative", missing_msg="Define a function `numerical_derivative(f, x, eps=1e-5)`.").multi(
#     check_call("f(np.sin, 1.0)").has_equal_value(func=near(1e-8), error_msg=call_error, incorrect_msg="`numerical_derivative(np.sin, 1.0)` should agree with cos(1) ≈ 0.54030231 to 8 decimals, but it gave `{{stu_eval}}`. A one-sided difference is only accurate to about eps; the central difference looks eps to both sides of x."),
#     check_call("f(lambda t: t ** 3, 2.0)").has_equal_value(func=near(1e-6), error_msg=call_error, incorrect_msg="The derivative of t³ at 2 is 12, but `numerical_derivative(lambda t: t ** 3, 2.0)` gave `{{stu_eval}}`. Does the function use its arguments `f`, `x` and `eps`?"),
#     check_call("f(np.exp, 0.0, 1e-3)").has_equal_value(func=near(1e-6), error_msg=call_error, incorrect_msg="With `eps=1e-3` the central difference of exp at 0 is about 1.00000017, but yours gave `{{stu_eval}}`. Use the argument `eps`, not a number of your own."),
# )
# success_msg("Well done. A one-sided difference (f(x + eps) - f(x)) / eps would only be accurate to about eps.")

# %% [markdown] tags=["hint"]
# Evaluate `f` a small step `eps` to the right of `x` and the same step to the left; the denominator is already there.

# %% [markdown]
# Now the same for every weight and bias of a small network, on random data, compared with
# `backward`. We measure the relative error
# $\lVert g_{\text{num}} - g_{\text{backprop}} \rVert \,/\, (\lVert g_{\text{num}} \rVert + \lVert g_{\text{backprop}} \rVert)$
# of each parameter's gradient and require it to be below $10^{-6}$:

# %%
def numerical_gradients(params, X, Y, eps=1e-5):
    """Return central-difference estimates of the loss gradient for every parameter."""
    grads = {}
    for name, value in params.items():
        grads[name] = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            original = value[index]
            value[index] = original + eps
            loss_plus = cross_entropy(forward(params, X)[1], Y)
            value[index] = original - eps
            loss_minus = cross_entropy(forward(params, X)[1], Y)
            value[index] = original
            grads[name][index] = (loss_plus - loss_minus) / (2 * eps)
    return grads


rng = np.random.default_rng(3)
X_check = rng.normal(size=(2, 10))
Y_check = (rng.random((1, 10)) < 0.5).astype(float)
params = init_params(2, 3, 1, rng)
params["b1"] = rng.normal(size=(3, 1))  # non-zero biases, so that every term is exercised
params["b2"] = rng.normal(size=(1, 1))

H, Y_hat = forward(params, X_check)
analytic = backward(params, X_check, Y_check, H, Y_hat)
numeric = numerical_gradients(params, X_check, Y_check)
for name in params:
    difference = np.linalg.norm(numeric[name] - analytic[name])
    relative_error = difference / (np.linalg.norm(numeric[name]) + np.linalg.norm(analytic[name]))
    # The error's last digits depend on the machine's floating-point kernels: print the bound it meets.
    assert relative_error < 1e-8, (name, relative_error)
    print(f"{name}: shape {analytic[name].shape}, relative error below 1e-8")

# %% [markdown]
# Backpropagation and finite differences agree far beyond the required $10^{-6}$, for every
# parameter. Now we can train.
#
# ### Learning XOR
#
# The four XOR examples are the columns of `X_xor`. A hidden layer of three nodes, a learning
# rate of 2 and 3000 steps of full-batch gradient descent:

# %%
X_xor = np.array([[0.0, 0.0, 1.0, 1.0],
                  [0.0, 1.0, 0.0, 1.0]])
Y_xor = np.array([[0.0, 1.0, 1.0, 0.0]])

params_xor, losses_xor = train(X_xor, Y_xor, h_n=3, lr=2.0, steps=3000, seed=0)

print(f"loss: {losses_xor[0]:.3f} before training, below 0.01 after {len(losses_xor)} steps")
print("outputs:", forward(params_xor, X_xor)[1].round(2))
print(f"accuracy: {accuracy(params_xor, X_xor, Y_xor):.0%}")
assert losses_xor[-1] < 0.01
assert accuracy(params_xor, X_xor, Y_xor) == 1.0

# %% [markdown]
# The loss falls below 0.01 and all four examples are classified correctly: the hidden layer
# solved the problem that a single perceptron could not, this time with weights it found
# itself.
#
# Training did not go at an even pace, though. For about 150 steps the loss sat at
# $\ln 2 \approx 0.693$, and that number has a meaning: it is the cross-entropy of the output
# 0.5 for every input, the best answer while the hidden layer does not yet separate the
# classes (half the targets are 1). The hidden nodes were not alike, since their random start
# made them differ; but their differences first had to grow until the output layer could use
# them. Then the loss dropped quickly:

# %%
ln2 = np.log(2)
plateau = losses_xor[20:150]
_, outputs_100 = forward(train(X_xor, Y_xor, h_n=3, lr=2.0, steps=100, seed=0)[0], X_xor)
H_start, _ = forward(init_params(2, 3, 1, np.random.default_rng(0)), X_xor)
print(f"steps 20 to 150: loss within 0.002 of ln 2 = {ln2:.3f}")
print("after 100 steps: every output within 0.02 of 0.5")
print("hidden values at the start, one row per node, one column per input:")
print(H_start.round(2))
assert np.max(np.abs(plateau - ln2)) < 2e-3
assert np.max(np.abs(outputs_100 - 0.5)) < 0.02
assert np.min(np.ptp(H_start[:, 1:], axis=0)) > 0.05  # the nodes differ wherever an input is 1
assert losses_xor[300] < 0.55

# %% [markdown]
# ### Starting from zero, and starting too big
#
# Why random weights at all? Start every weight at zero and look at the hidden layer: every
# node computes $\sigma(0) = 0.5$ for every input, the output weights are zero, so
# $\delta^{(1)} = (W^{(2)\top} \delta^{(2)}) \odot H \odot (1 - H)$ is zero, and the first
# layer never changes. Even with any other *equal* start, all hidden nodes would compute the
# same value, receive the same gradient, and stay identical forever: a layer of clones is a
# single node. Random weights break this **symmetry**.

# %%
zeros = {name: np.zeros_like(value) for name, value in init_params(2, 3, 1, np.random.default_rng(0)).items()}
params_zero, losses_zero = train(X_xor, Y_xor, h_n=3, lr=2.0, steps=3000, seed=None, params=zeros)
print(f"zero start: loss {losses_zero[-1]:.3f} after 3000 steps, W1 still all zero: {bool(np.all(params_zero['W1'] == 0))}")
print("outputs:", forward(params_zero, X_xor)[1].round(2))
assert np.all(params_zero["W1"] == 0) and abs(losses_zero[-1] - ln2) < 1e-12

# %% [markdown]
# How large should the random weights be? A node with $n$ inputs adds up $n$ terms
# $w_j x_j$. With inputs of size about 1 and weights from $N(0, 1)$, the sum has a standard
# deviation of about $\sqrt{n}$: for $n = 64$ inputs (the images of
# [Part IV]({{< relref "nn-fundamentals-4" >}})) about 8. The sigmoid of such sums is almost
# always near 0 or 1, where its derivative, and so every gradient through it, nearly
# vanishes. Dividing the weights by $\sqrt{n}$ keeps the sums near standard deviation 1, in
# the sigmoid's responsive range:

# %%
rng = np.random.default_rng(0)
inputs = rng.normal(size=(64, 1000))  # 1000 examples with 64 inputs each
for label, W in [("N(0, 1)", rng.normal(0, 1, (32, 64))), ("N(0, 1) / sqrt(64)", rng.normal(0, 1, (32, 64)) / np.sqrt(64))]:
    Z = W @ inputs
    slope = sigmoid(Z) * (1 - sigmoid(Z))
    print(f"{label:>18}: sums with std {Z.std():.1f}, mean sigmoid slope {slope.mean():.2f} (at most 0.25)")
    if label == "N(0, 1)":
        assert 7 < Z.std() < 9 and slope.mean() < 0.06
    else:
        assert 0.9 < Z.std() < 1.1 and slope.mean() > 0.18

# %% [markdown]
# That is the scaling `init_params` uses (for sigmoid and tanh layers it is known as
# LeCun initialisation; ReLU layers use $\sqrt{2/n}$).
#
# ### Choosing the learning rate
#
# The same network on XOR, from the same start, with five learning rates:

# %%
rates = [0.1, 0.5, 2.0, 10.0, 50.0]
sweep = {lr: train(X_xor, Y_xor, h_n=3, lr=lr, steps=3000, seed=0)[1] for lr in rates}
for lr, losses in sweep.items():
    rises = np.diff(losses).max() > 0.5
    print(f"lr = {lr:>4}: loss after 3000 steps {'below' if losses[-1] < 0.01 else 'above'} 0.01, "
          f"{'rises by more than 0.5 in some step' if rises else 'never rises by more than 0.001'}")
    assert rises or np.diff(losses).max() < 1e-3
assert sweep[0.1][-1] > 0.69                             # crawls: still on the plateau
assert 0.001 < sweep[0.5][-1] < 0.02                      # slow but gets there
assert sweep[2.0][-1] < 0.002 and np.diff(sweep[2.0]).max() < 1e-3
assert sweep[10.0][-1] < 0.001 and np.diff(sweep[10.0]).max() > 0.5  # fast, with jumps
assert sweep[50.0][-1] > sweep[50.0][0]                   # diverges: worse than at the start

# %% tags=["hide-input"] alt="Loss against step on a logarithmic scale, for the XOR network trained with five learning rates. With 0.1 the loss stays on the plateau at 0.69 for all 3000 steps; with 0.5 it leaves the plateau late and ends near 0.01; with 2 it drops after about 300 steps and ends near 0.002; with 10 it drops soonest but jumps up on the way; with 50 it jumps around far above the starting loss."
plt.figure(figsize=(6.5, 3.8))
for lr, losses in sweep.items():
    plt.semilogy(losses, label=f"lr = {lr:g}")
plt.axhline(ln2, color="grey", linestyle=":", linewidth=1)
plt.xlabel("step")
plt.ylabel("cross-entropy loss")
plt.legend(ncol=2, loc="lower left")
plt.show()

# %% [markdown]
# Too small a rate crawls: with 0.1 the network is still on the plateau after 3000 steps.
# Too large a rate overshoots: with 10 the loss jumps up on the way (it recovers here), and
# with 50 it ends worse than it started. In practice one tries rates a factor of 3 to 10
# apart, as here, and keeps the largest that trains steadily.
#
# ### Two moons
#
# A harder dataset: two interleaving half circles with noise. We generate it ourselves, one
# moon around $(0, 0)$ and one, flipped, around $(1, 0.5)$:

# %%
def two_moons(m, noise, rng):
    """Return m points of two interleaving half circles, as columns of X, and their labels Y."""
    t = rng.uniform(0, np.pi, m)
    upper = np.vstack([np.cos(t[: m // 2]), np.sin(t[: m // 2])])
    lower = np.vstack([1 - np.cos(t[m // 2:]), 0.5 - np.sin(t[m // 2:])])
    X = np.hstack([upper, lower]) + rng.normal(0, noise, (2, m))
    Y = np.hstack([np.zeros(m // 2), np.ones(m - m // 2)]).reshape(1, m)
    return X, Y


X_moons, Y_moons = two_moons(200, noise=0.2, rng=np.random.default_rng(0))
X_test, Y_test = two_moons(200, noise=0.2, rng=np.random.default_rng(1))
print("X_moons", X_moons.shape, "Y_moons", Y_moons.shape)

params_moons, losses_moons = train(X_moons, Y_moons, h_n=8, lr=2.0, steps=3000, seed=0)

print(f"loss: {losses_moons[0]:.3f} before training, below 0.05 after {len(losses_moons)} steps")
print(f"accuracy: at least 95% on the training set and on 200 new points")
assert losses_moons[-1] < 0.05
assert accuracy(params_moons, X_moons, Y_moons) >= 0.95 and accuracy(params_moons, X_test, Y_test) >= 0.95

# %% [markdown]
# The accuracy on 200 points the network has never seen, drawn from the same distribution
# with another seed, shows that it learned the shape of the moons rather than memorising
# the training points.
#
# The decision boundary is where the network's output crosses 0.5. We evaluate the
# network on a grid of points, as one batch, and colour the plane by its output. On the XOR
# panel the dashed lines are the hidden nodes' own boundaries, where each node's weighted sum
# is 0 and its output 0.5: each hidden node draws one line through the input plane, and the
# output node combines their verdicts into the curved boundary.

# %% tags=["hide-input"] alt="Two panels. Left: the plane around the unit square coloured by the XOR network's output, with the 0.5 boundary in black and three dashed straight lines, one per hidden node: the black boundary bends along these lines so that (0, 1) and (1, 0) fall in the high region and (0, 0) and (1, 1) in the low one. Right: the two moons, blue and red points, with a curved boundary that winds between the interleaving half circles."
def plot_decision_boundary(ax, params, X, Y, title, hidden_lines=False):
    """Colour the plane by the network's output and draw the examples on top."""
    x1 = np.linspace(X[0].min() - 0.5, X[0].max() + 0.5, 200)
    x2 = np.linspace(X[1].min() - 0.5, X[1].max() + 0.5, 200)
    g1, g2 = np.meshgrid(x1, x2)
    grid = np.vstack([g1.ravel(), g2.ravel()])  # shape (2, 40000): one batch
    H, output = forward(params, grid)
    ax.contourf(g1, g2, output.reshape(g1.shape), levels=np.linspace(0, 1, 11), cmap="coolwarm", alpha=0.6)
    ax.contour(g1, g2, output.reshape(g1.shape), levels=[0.5], colors="black")
    if hidden_lines:
        for node in range(H.shape[0]):
            ax.contour(g1, g2, H[node].reshape(g1.shape), levels=[0.5], colors="dimgrey", linestyles="dashed")
    ax.scatter(X[0], X[1], c=Y[0], cmap="coolwarm", edgecolors="black", s=25)
    ax.set_xlim(x1[0], x1[-1])
    ax.set_ylim(x2[0], x2[-1])
    ax.set_title(title)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")


fig, axes = plt.subplots(1, 2, figsize=(9, 3.9))
plot_decision_boundary(axes[0], params_xor, X_xor, Y_xor, "XOR, with the hidden nodes' lines", hidden_lines=True)
plot_decision_boundary(axes[1], params_moons, X_moons, Y_moons, "two moons")
fig.tight_layout()
plt.show()

# %% [markdown]
# ### Summary
#
# * A loss measures how wrong the network is; with a sigmoid output the cross-entropy gives
#   the simple output error $\delta^{(2)} = (\hat{Y} - Y)/m$.
# * Backpropagation is the chain rule walked backwards through the computation, from one
#   neuron to whole layers: $\partial L / \partial W^{(l)} = \delta^{(l)} A^{(l-1)\top}$, where
#   $A^{(l-1)}$ is the layer's input ($X$ or $H$), and
#   $\delta^{(1)} = (W^{(2)\top} \delta^{(2)}) \odot H \odot (1 - H)$.
# * Gradient descent repeats forward pass, backward pass and a small step against the
#   gradient; the learning rate must be neither too small nor too large.
# * Weights start random, to break the symmetry between nodes, and scaled by $1/\sqrt{n}$, to
#   keep the sigmoids responsive.
# * A numerical gradient check catches mistakes in the backward pass before they cost hours of
#   training.
#
# Everything so far ran on data we made up. In [Part IV]({{< relref "nn-fundamentals-4" >}})
# the same network, with a softmax output for ten classes, learns to read handwritten digits.
# It builds on the single neuron of [Part I]({{< relref "nn-fundamentals-1" >}}) and the
# layers of [Part II]({{< relref "nn-fundamentals-2" >}}).
