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
# computed its forward pass, with random weights. Now we find good weights: we measure how
# wrong the network is with a **loss**, compute how the loss changes with every weight by
# **backpropagation**, and walk downhill by **gradient descent**.
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

# %% alt="The loss of a single example with target 1 as a function of the prediction y-hat from 0 to 1: the squared error falls gently from 1 to 0, while the cross-entropy falls from very large values near y-hat = 0 to 0 at y-hat = 1, lying above the squared error everywhere."
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

# %% tags=["sample-code"]
# The mean squared error of predictions y_hat for targets y
def mse(y_hat, y):
    return np.mean(___)

print(mse(np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0])))

# %% tags=["solution"]
# The mean squared error of predictions y_hat for targets y
def mse(y_hat, y):
    return np.mean((y_hat - y) ** 2)

print(mse(np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0])))

# %% [raw] tags=["sct"]
# Ex().check_function_def("mse")
# Ex().has_equal_value(expr_code="round(float(mse(np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0]))), 10)", incorrect_msg="`mse(np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0]))` should be (0.01 + 0.04 + 0.16) / 3 = 0.07.")
# Ex().has_equal_value(expr_code="round(float(mse(np.array([[0.5, 0.1, 0.8, 0.3]]), np.array([[1.0, 0.0, 0.0, 1.0]]))), 10)", incorrect_msg="`mse` should average the squared differences over all entries, also for a (1, m) row of outputs.")
# success_msg("Right: square the errors, then average them.")

# %% [markdown] tags=["hint"]
# The errors are `y_hat - y`; square them with `** 2` and let `np.mean` average them.

# %% tags=["pre-exercise-code"] exercise="cross-entropy"
import numpy as np

# %% tags=["sample-code"]
# The cross-entropy of predicted probabilities y_hat for targets y (0 or 1)
def cross_entropy(y_hat, y):
    return -np.mean(y * ___ + (1 - y) * ___)

print(cross_entropy(np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0])))

# %% tags=["solution"]
# The cross-entropy of predicted probabilities y_hat for targets y (0 or 1)
def cross_entropy(y_hat, y):
    return -np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))

print(cross_entropy(np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0])))

# %% [raw] tags=["sct"]
# Ex().check_function_def("cross_entropy")
# Ex().has_equal_value(expr_code="round(float(cross_entropy(np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0]))), 10)", incorrect_msg="For targets 1, 0, 1 and predictions 0.9, 0.2, 0.6, `cross_entropy` should be -(log 0.9 + log 0.8 + log 0.6) / 3, about 0.2798.")
# Ex().has_equal_value(expr_code="round(float(cross_entropy(np.array([[0.01, 0.99]]), np.array([[1.0, 0.0]]))), 10)", incorrect_msg="Confident wrong predictions should give a large loss: check `cross_entropy` on predictions 0.01 and 0.99 for targets 1 and 0.")
# success_msg("Well done. Note how `y` and `1 - y` pick the term that belongs to each example.")

# %% [markdown] tags=["hint"]
# For target 1 the term is `np.log(y_hat)`, for target 0 it is `np.log(1 - y_hat)`.

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
# the steps overshoot the minimum. Try it on a function of one variable,
# $f(w) = (w - 3)^2$, whose derivative is $f'(w) = 2(w - 3)$ and whose minimum is at $w = 3$.

# %% tags=["pre-exercise-code"] exercise="gradient-descent-1d"
# Start far from the minimum of f(w) = (w - 3) ** 2
w = 0.0
lr = 0.1

# %% tags=["sample-code"]
# 50 steps of gradient descent on f(w) = (w - 3) ** 2
for step in range(50):
    grad = ___
    w = ___

print(w)

# %% tags=["solution"]
# 50 steps of gradient descent on f(w) = (w - 3) ** 2
for step in range(50):
    grad = 2 * (w - 3)
    w = w - lr * grad

print(w)

# %% [raw] tags=["sct"]
# Ex().check_object("grad").has_equal_value(expr_code="round(grad, 8)", incorrect_msg="`grad` should be the derivative of `(w - 3) ** 2` at the current `w`: `2 * (w - 3)`.")
# Ex().check_object("w").has_equal_value(expr_code="round(w, 8)", incorrect_msg="Each step should move `w` against the gradient: `w = w - lr * grad`. After 50 steps `w` is very close to 3.")
# success_msg("Great: every step shrinks the distance to the minimum by the factor 1 - 2 * lr = 0.8.")

# %% [markdown] tags=["hint"]
# The derivative of $(w - 3)^2$ is `2 * (w - 3)`. Step *against* it: subtract `lr * grad` from `w`.

# %% [markdown]
# ### Backpropagation
#
# A network has many parameters, and we need the derivative of the loss with respect to each
# of them. The chain rule gives them all in one backward sweep through the network. We use
# the cross-entropy and write $\delta^{(l)} = \partial L / \partial Z^{(l)}$ for the gradient
# with respect to the weighted sums of layer $l$, a matrix of the same shape as $Z^{(l)}$.
#
# **Output layer.** For one example, $\partial L / \partial \hat{y}_c = \frac{1}{m}\left(-\frac{y_c}{\hat{y}_c} + \frac{1 - y_c}{1 - \hat{y}_c}\right) = \frac{1}{m} \frac{\hat{y}_c - y_c}{\hat{y}_c (1 - \hat{y}_c)}$.
# The sigmoid's derivative is $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$, that is
# $\partial \hat{y}_c / \partial z^{(2)}_c = \hat{y}_c (1 - \hat{y}_c)$, and the two
# factors cancel:
#
# $$\delta^{(2)} = \frac{\partial L}{\partial Z^{(2)}} = \frac{1}{m} \left(\hat{Y} - Y\right)$$
#
# This neat result is one reason to pair a sigmoid output with the cross-entropy: with the
# squared error an extra factor $\hat{y}(1 - \hat{y})$ remains, and it makes the gradient
# vanish exactly when the network is confidently wrong.
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

# %% tags=["sample-code"]
# The derivative of the sigmoid, written with the sigmoid itself
def sigmoid_prime(z):
    s = sigmoid(z)
    return ___

print(sigmoid_prime(np.array([-2.0, 0.0, 3.0])))

# %% tags=["solution"]
# The derivative of the sigmoid, written with the sigmoid itself
def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1 - s)

print(sigmoid_prime(np.array([-2.0, 0.0, 3.0])))

# %% [raw] tags=["sct"]
# Ex().check_function_def("sigmoid_prime")
# Ex().has_equal_value(expr_code="round(float(sigmoid_prime(0.0)), 10)", incorrect_msg="The sigmoid is steepest at 0, where its derivative is 0.5 * (1 - 0.5) = 0.25.")
# Ex().has_equal_value(expr_code="np.round(sigmoid_prime(np.array([-4.0, -1.0, 2.0, 6.0])), 10)", incorrect_msg="`sigmoid_prime(z)` should be `s * (1 - s)` with `s = sigmoid(z)`, element by element.")
# success_msg("Right: the derivative is largest at 0 and vanishes where the sigmoid saturates.")

# %% [markdown] tags=["hint"]
# $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$: with `s = sigmoid(z)` that is `s * (1 - s)`.

# %% [markdown]
# Now the gradients of the output layer for a batch. The forward pass has been run for you.

# %% tags=["pre-exercise-code"] exercise="output-gradients"
import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

rng = np.random.default_rng(5)
i_n, h_n, o_n, m = 2, 3, 1, 4
X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
Y = np.array([[0.0, 1.0, 1.0, 0.0]])
W1, b1 = rng.normal(size=(h_n, i_n)), np.zeros((h_n, 1))
W2, b2 = rng.normal(size=(o_n, h_n)), np.zeros((o_n, 1))
H = sigmoid(W1 @ X + b1)
Y_hat = sigmoid(W2 @ H + b2)

# %% tags=["sample-code"]
# delta of the output layer for the cross-entropy: (Y_hat - Y) / m, shape (o_n, m)
delta2 = ___

# The gradients of the output layer's weights (o_n, h_n) and bias (o_n, 1)
dW2 = delta2 @ ___
db2 = delta2.sum(axis=1, keepdims=True)

print(dW2.shape, db2.shape)

# %% tags=["solution"]
# delta of the output layer for the cross-entropy: (Y_hat - Y) / m, shape (o_n, m)
delta2 = (Y_hat - Y) / m

# The gradients of the output layer's weights (o_n, h_n) and bias (o_n, 1)
dW2 = delta2 @ H.T
db2 = delta2.sum(axis=1, keepdims=True)

print(dW2.shape, db2.shape)

# %% [raw] tags=["sct"]
# Ex().check_object("delta2").has_equal_value(expr_code="np.round(delta2, 10)", incorrect_msg="`delta2` should be `(Y_hat - Y) / m`: the errors of the outputs, averaged over the batch.")
# Ex().check_object("dW2").has_equal_value(expr_code="np.round(dW2, 10)", incorrect_msg="`dW2` should be `delta2 @ H.T`, of shape (o_n, h_n) = (1, 3).")
# Ex().check_object("db2").has_equal_value(expr_code="np.round(db2, 10)", incorrect_msg="`db2` should be the sum of `delta2` over the examples, `delta2.sum(axis=1, keepdims=True)`, of shape (o_n, 1).")
# success_msg("Well done: one matrix product sums the contributions of all examples.")

# %% [markdown] tags=["hint"]
# `m` is the batch size. The weight gradient pairs `delta2` (shape `(1, 4)`) with the hidden values transposed, `H.T` (shape `(4, 3)`).

# %% [markdown]
# And one layer further back, to the hidden layer:

# %% tags=["pre-exercise-code"] exercise="hidden-gradients"
import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

rng = np.random.default_rng(5)
i_n, h_n, o_n, m = 2, 3, 1, 4
X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
Y = np.array([[0.0, 1.0, 1.0, 0.0]])
W1, b1 = rng.normal(size=(h_n, i_n)), np.zeros((h_n, 1))
W2, b2 = rng.normal(size=(o_n, h_n)), np.zeros((o_n, 1))
H = sigmoid(W1 @ X + b1)
Y_hat = sigmoid(W2 @ H + b2)
delta2 = (Y_hat - Y) / m

# %% tags=["sample-code"]
# Send delta2 back through the output weights: shape (h_n, m)
dH = ___ @ delta2

# Through the hidden sigmoid: multiply element by element by its derivative H * (1 - H)
delta1 = dH * ___

# The gradient of the hidden layer's weights, shape (h_n, i_n)
dW1 = delta1 @ ___

print(dH.shape, delta1.shape, dW1.shape)

# %% tags=["solution"]
# Send delta2 back through the output weights: shape (h_n, m)
dH = W2.T @ delta2

# Through the hidden sigmoid: multiply element by element by its derivative H * (1 - H)
delta1 = dH * H * (1 - H)

# The gradient of the hidden layer's weights, shape (h_n, i_n)
dW1 = delta1 @ X.T

print(dH.shape, delta1.shape, dW1.shape)

# %% [raw] tags=["sct"]
# Ex().check_object("dH").has_equal_value(expr_code="np.round(dH, 10)", incorrect_msg="`dH` should be `W2.T @ delta2`: the transposed weights carry the error back, giving shape (h_n, m) = (3, 4).")
# Ex().check_object("delta1").has_equal_value(expr_code="np.round(delta1, 10)", incorrect_msg="`delta1` should be `dH * H * (1 - H)`: the sigmoid's derivative at the hidden layer is `H * (1 - H)`.")
# Ex().check_object("dW1").has_equal_value(expr_code="np.round(dW1, 10)", incorrect_msg="`dW1` should be `delta1 @ X.T`, of shape (h_n, i_n) = (3, 2).")
# success_msg("That is backpropagation: the same two steps repeat for every further layer.")

# %% [markdown] tags=["hint"]
# The forward pass multiplied by `W2`, so the backward pass multiplies by `W2.T`. The sigmoid's derivative at the hidden layer is `H * (1 - H)`, and the input of the hidden layer is `X`.

# %% [markdown]
# ### The network in numpy
#
# Here is everything together: initialisation, forward pass, loss, backward pass and the
# training loop. The weights start as small normal random numbers centred on zero, drawn from a
# seeded generator so that every run gives the same result.

# %%
def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def cross_entropy(Y_hat, Y):
    return -np.mean(Y * np.log(Y_hat) + (1 - Y) * np.log(1 - Y_hat))


def init_params(i_n, h_n, o_n, rng):
    """Return random weights and zero biases for a network with one hidden layer."""
    return {
        "W1": rng.normal(0, 1, (h_n, i_n)), "b1": np.zeros((h_n, 1)),
        "W2": rng.normal(0, 1, (o_n, h_n)), "b2": np.zeros((o_n, 1)),
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


def train(X, Y, h_n, lr, steps, seed):
    """Return the trained parameters and the loss before every step."""
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

# %% tags=["sample-code"]
# The central difference estimate of the derivative of f at x
def numerical_derivative(f, x, eps=1e-5):
    return (___ - ___) / (2 * eps)

# The derivative of sin at 1 is cos(1)
print(numerical_derivative(np.sin, 1.0), np.cos(1.0))

# %% tags=["solution"]
# The central difference estimate of the derivative of f at x
def numerical_derivative(f, x, eps=1e-5):
    return (f(x + eps) - f(x - eps)) / (2 * eps)

# The derivative of sin at 1 is cos(1)
print(numerical_derivative(np.sin, 1.0), np.cos(1.0))

# %% [raw] tags=["sct"]
# Ex().check_function_def("numerical_derivative")
# Ex().has_equal_value(expr_code="round(float(numerical_derivative(np.sin, 1.0)), 8)", incorrect_msg="`numerical_derivative(np.sin, 1.0)` should agree with cos(1) = 0.54030231 to 8 decimals; use the central difference `(f(x + eps) - f(x - eps)) / (2 * eps)`.")
# Ex().has_equal_value(expr_code="round(float(numerical_derivative(lambda t: t ** 3, 2.0)), 6)", incorrect_msg="The derivative of t ** 3 at 2 is 12: check `numerical_derivative(lambda t: t ** 3, 2.0)`.")
# success_msg("Well done. A one-sided difference (f(x + eps) - f(x)) / eps would only be accurate to about eps.")

# %% [markdown] tags=["hint"]
# Evaluate `f` a small step `eps` to the right and to the left of `x`: `f(x + eps) - f(x - eps)`.

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

print(f"loss: {losses_xor[0]:.4f} before training, {losses_xor[-1]:.4f} after {len(losses_xor)} steps")
print("outputs:", forward(params_xor, X_xor)[1].round(3))
print(f"accuracy: {accuracy(params_xor, X_xor, Y_xor):.0%}")
assert losses_xor[-1] < 0.01
assert accuracy(params_xor, X_xor, Y_xor) == 1.0

# %% [markdown]
# The loss falls below 0.01 and all four examples are classified correctly: the hidden layer
# solved the problem that a single perceptron could not. Each hidden node draws one line
# through the input plane, and the output node combines their verdicts, as in the figure below.
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

params_moons, losses_moons = train(X_moons, Y_moons, h_n=8, lr=1.0, steps=3000, seed=0)

print(f"loss: {losses_moons[0]:.4f} before training, {losses_moons[-1]:.4f} after {len(losses_moons)} steps")
print(f"accuracy: {accuracy(params_moons, X_moons, Y_moons):.1%} on the training set, "
      f"{accuracy(params_moons, X_test, Y_test):.1%} on 200 new points")
assert losses_moons[-1] < 0.1
assert accuracy(params_moons, X_test, Y_test) >= 0.95

# %% [markdown]
# The accuracy on 200 points the network has never seen, drawn from the same distribution
# with another seed, shows that it learned the shape of the moons rather than memorising
# the training points. The loss curves show how training went. Both have a plateau early on:
# the hidden nodes start out computing nearly the same thing, and it takes a while until they
# specialise; then the loss drops quickly.

# %% alt="Two loss curves on a logarithmic scale over 3000 steps of gradient descent: the XOR loss starts near 0.8, stays on a plateau for about 200 steps, then drops steeply and ends below 0.01; the two-moons loss falls quickly to about 0.3, stays there until step 700 or so, then falls slowly to below 0.05."
plt.figure(figsize=(6, 3.5))
plt.semilogy(losses_xor, label="XOR")
plt.semilogy(losses_moons, label="two moons")
plt.xlabel("step")
plt.ylabel("cross-entropy loss")
plt.legend()
plt.show()

# %% [markdown]
# The decision boundary is where the network's output crosses 0.5. We evaluate the
# network on a grid of points, as one batch, and colour the plane by its output:

# %% alt="Two panels. Left: the plane around the unit square coloured by the XOR network's output: a low-valued diagonal band through (0, 0) and (1, 1) separates two high-valued regions around (0, 1) and (1, 0), so all four points lie on the correct side of the curved boundary. Right: the two moons, blue and red points, with a curved boundary that winds between the interleaving half circles."
def plot_decision_boundary(ax, params, X, Y, title):
    """Colour the plane by the network's output and draw the examples on top."""
    x1 = np.linspace(X[0].min() - 0.5, X[0].max() + 0.5, 200)
    x2 = np.linspace(X[1].min() - 0.5, X[1].max() + 0.5, 200)
    g1, g2 = np.meshgrid(x1, x2)
    grid = np.vstack([g1.ravel(), g2.ravel()])  # shape (2, 40000): one batch
    output = forward(params, grid)[1].reshape(g1.shape)
    ax.contourf(g1, g2, output, levels=np.linspace(0, 1, 11), cmap="coolwarm", alpha=0.6)
    ax.contour(g1, g2, output, levels=[0.5], colors="black")
    ax.scatter(X[0], X[1], c=Y[0], cmap="coolwarm", edgecolors="black", s=25)
    ax.set_title(title)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")


fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
plot_decision_boundary(axes[0], params_xor, X_xor, Y_xor, "XOR")
plot_decision_boundary(axes[1], params_moons, X_moons, Y_moons, "two moons")
fig.tight_layout()
plt.show()

# %% [markdown]
# ### Summary
#
# * A loss measures how wrong the network is; with a sigmoid output the cross-entropy gives
#   the simple output error $\delta^{(2)} = (\hat{Y} - Y)/m$.
# * Backpropagation computes every gradient in one backward pass, layer by layer:
#   $\partial L / \partial W^{(l)} = \delta^{(l)} A^{(l-1)\top}$, where $A^{(l-1)}$ is the
#   layer's input ($X$ or $H$), and $\delta^{(1)} = (W^{(2)\top} \delta^{(2)}) \odot H \odot (1 - H)$.
# * Gradient descent repeats forward pass, backward pass and a small step against the gradient.
# * A numerical gradient check catches mistakes in the backward pass before they cost hours of
#   training.
#
# This completes the series: from the single neuron of [Part I]({{< relref "nn-fundamentals-1" >}})
# through the layers of [Part II]({{< relref "nn-fundamentals-2" >}}) to a network that learns.
