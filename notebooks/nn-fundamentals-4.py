# ---
# title: Neural Network Fundamentals IV
# date: 2018-02-15
# tags: [Deep Learning, Neural Networks, Class17/18, Blog Instruction]
# categories: [seminar]
# series: Neural Network Fundamentals
# description: "Part IV of the Neural Network Fundamentals: training on real data, with softmax, mini-batch SGD, validation and test sets, a linear baseline, ReLU, overfitting and handwritten digits"
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
# ## Training on real data
#
# This is the fourth part of our series *Neural Network Fundamentals*.
# [Part I]({{< relref "nn-fundamentals-1" >}}) built a neuron, [Part II]({{< relref "nn-fundamentals-2" >}})
# layers of them, and [Part III]({{< relref "nn-fundamentals-3" >}}) trained a network on XOR
# and on two made-up moons. Now the network learns to read handwritten digits. Real data
# brings new things: more than two classes (**softmax**), more examples than we want to
# process at once (**mini-batches**), the question whether the network works on images it
# has never seen (a **test set**, and a **validation set** for the choices we make on the
# way), the question whether a network is needed at all (a **baseline** without a hidden
# layer), and the danger of learning the training images by heart (**overfitting**).
#
# ### The digits
#
# scikit-learn ships a small dataset of handwritten digits: 1797 images of 8 × 8 pixels, each
# pixel a grey level from 0 to 16, with the digit each shows. It is part of the package, so
# nothing is downloaded. As in the earlier parts, every example is a column: `X` has one row
# per pixel and one column per image.

# %%
import numpy as np
import matplotlib.pyplot as plt
from sklearn.datasets import load_digits

digits = load_digits()
X_all = digits.data.T / 16.0  # shape (64, 1797), pixels scaled to [0, 1]
y_all = digits.target         # shape (1797,), the digits 0 to 9
print("X_all", X_all.shape, "y_all", y_all.shape)
print("images per digit:", np.bincount(y_all))
assert X_all.shape == (64, 1797) and np.bincount(y_all).min() >= 174

# %% tags=["hide-input"] alt="Twenty of the 8 by 8 digit images in two rows, each titled with its label: blocky grey-scale handwritten digits 0 to 9, twice, readable despite the low resolution."
fig, axes = plt.subplots(2, 10, figsize=(7, 1.9))
for ax, index in zip(axes.ravel(), range(20)):
    ax.imshow(X_all[:, index].reshape(8, 8), cmap="gray_r")
    ax.set_title(str(y_all[index]))
    ax.axis("off")
plt.show()

# %% [markdown]
# ### A test set and a validation set
#
# A network that classifies its training images well may still fail on new ones. The only
# honest measure is on images it never trained on, so before anything else we set aside 450
# of the 1797, chosen at random with a seeded generator, as the **test set**. We look at them
# only to measure, never to train, and never to choose.
#
# Choices there are: how long to train, how fast, with which network. Each choice made by
# looking at the test set would fit the network to those 450 images a little, and the test
# accuracy would flatter it. So we set aside another 300 images, the **validation set**, and
# make every choice on it. The remaining 1047 images are the **training set**.

# %%
order = np.random.default_rng(0).permutation(y_all.size)
test, validation, training = order[:450], order[450:750], order[750:]
X_train, y_train = X_all[:, training], y_all[training]
X_val, y_val = X_all[:, validation], y_all[validation]
X_test, y_test = X_all[:, test], y_all[test]
print("training set", X_train.shape, "validation set", X_val.shape, "test set", X_test.shape)
assert (y_train.size, y_val.size, y_test.size) == (1047, 300, 450)

# %% [markdown]
# ### Softmax: probabilities for ten classes
#
# In Part III one sigmoid output gave the probability of class 1. With $K = 10$ classes the
# output layer has ten nodes, and we want ten probabilities that add up to 1. The
# **softmax** turns the ten weighted sums $z_1, \dots, z_K$ of an example into
#
# $$p_k = \frac{e^{z_k}}{\sum_{j=1}^{K} e^{z_j}}$$
#
# Each $p_k$ is positive, they sum to 1, and the largest $z_k$ gets the largest probability.
# Adding the same number to every $z_k$ changes nothing, since it multiplies numerator and
# denominator by the same factor. We use that to keep the exponentials finite: $e^{1000}$
# overflows, but after subtracting each column's largest value every exponent is at most 0.

# %% tags=["pre-exercise-code"] exercise="softmax"
import numpy as np

# %% [raw] tags=["sample-code"]
# # The softmax of each column of Z (one column per example), safe for large values
# def softmax(Z):
#     shifted = ___
#     E = np.exp(shifted)
#     return ___
#
# print(softmax(np.array([[1.0, 1000.0], [2.0, 1000.0], [3.0, 999.0]])).round(4))

# %% tags=["solution"]
# The softmax of each column of Z (one column per example), safe for large values
def softmax(Z):
    shifted = Z - Z.max(axis=0, keepdims=True)
    E = np.exp(shifted)
    return E / E.sum(axis=0, keepdims=True)

print(softmax(np.array([[1.0, 1000.0], [2.0, 1000.0], [3.0, 999.0]])).round(4))

# %% tags=["solution-alternative"]
# The softmax of each column of Z (one column per example), safe for large values
def softmax(Z):
    shifted = Z - np.max(Z, axis=0)
    E = np.exp(shifted)
    return E / np.sum(E, axis=0)

print(softmax(np.array([[1.0, 1000.0], [2.0, 1000.0], [3.0, 999.0]])).round(4))

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
# def first_column_finite(student, solution):
#     try:
#         return bool(np.all(np.isfinite(np.asarray(student)[:, 0])))
#     except (TypeError, ValueError, IndexError):
#         return True  # not numbers: the next check says what is wrong
#
# def finite(student, solution):
#     try:
#         return bool(np.all(np.isfinite(student)))
#     except (TypeError, ValueError):
#         return True  # not numbers: the next check says what is wrong
#
# # A blank left is named first: the line that still has it, and what goes there.
# blanks = [("shifted", "`shifted` is `Z` minus each column's largest value."), ("return", "`softmax` returns `E` divided by each column's sum of `E`.")]
# for line in Ex()._state.student_code.splitlines():
#     if "___" in line:
#         about = [text for start, text in blanks if line.strip().startswith(start)]
#         Ex().fail("Fill in the blank `___` in the line `" + line.strip().replace("{", "&#123;") + "`. " + (about[0] if about else ""))
#
# Ex().check_object("softmax", missing_msg="`softmax` is not defined: define it with the sample's name, `softmax`, which the checks call.")
# call_error = "Calling `softmax` raised `{{stu_str}}`. Every step works on the whole matrix: a column's maximum and sum come from `axis=0`, and `keepdims=True` keeps them as a row that broadcasts over the column."
# small = "softmax(np.array([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]]))"
# far = "softmax(np.array([[1000.0, -1000.0], [1001.0, -999.0]]))"
# wide = "softmax(np.array([[0.0, -1000.0], [1000.0, 0.0], [2000.0, 1000.0]]))"
# Ex().multi(
#     has_equal_value(expr_code=small, func=same_shape, error_msg=call_error, incorrect_msg="`softmax` should return an array of the same shape as `Z`, one probability per class and example, but it returned `{{stu_eval}}`. Reduce with `axis=0` and `keepdims=True`."),
#     has_equal_value(expr_code=small, func=same, error_msg=call_error, incorrect_msg="Each column of the result should hold e^z of each entry divided by the column's sum of e^z: for the columns (1, 2, 3) and (0, 0, 0) that is (0.09, 0.2447, 0.6652) and (1/3, 1/3, 1/3), but `softmax` returned `{{stu_eval}}`. Does each column sum to 1?"),
#     has_equal_value(expr_code=far, func=first_column_finite, error_msg=call_error, incorrect_msg="For the columns (1000, 1001) and (-1000, -999), `softmax` returned `{{stu_eval}}`: e<sup>1000</sup> overflows to infinity. Subtract each column's largest value before the exponential, so that every exponent is at most 0."),
#     has_equal_value(expr_code=far, func=same, error_msg=call_error, incorrect_msg="For the columns (1000, 1001) and (-1000, -999), `softmax` returned `{{stu_eval}}`: shifted by the largest value of the whole matrix, 1001, the second column's exponentials underflow to 0, and 0 / 0 is `nan`. Subtract each column's own largest value (`axis=0`), so that one exponent per column is exactly 0."),
#     has_equal_value(expr_code=wide, func=finite, error_msg=call_error, incorrect_msg="For the columns (0, 1000, 2000) and (-1000, 0, 1000), `softmax` returned `{{stu_eval}}`, which is not finite: an exponent far above 0 overflows to infinity. Subtracting the column's minimum or its mean is not enough when a column spans a wide range; subtract each column's largest value, so that every exponent is at most 0."),
#     has_equal_value(expr_code=wide, func=same, error_msg=call_error, incorrect_msg="For the columns (0, 1000, 2000) and (-1000, 0, 1000), `softmax` returned `{{stu_eval}}`, but each column's largest entry should get probability 1 (the others are e<sup>1000</sup> times smaller or less). Subtract each column's own largest value, taken with `axis=0`."),
# )
# success_msg("Right: shifting by the column's maximum changes nothing but keeps every exponential finite.")

# %% [markdown] tags=["hint"]
# The text says what to subtract before the exponential. Both the maximum and the sum are taken over the classes, which are the rows: which `axis` is that, and how do you keep the result broadcastable?

# %% [markdown]
# ### The loss for ten classes
#
# A label such as 3 becomes a **one-hot** column: ten entries, a 1 in row 3 and 0 elsewhere.
# With the one-hot targets $Y$ and the probabilities $P$ (both of shape $(K, m)$), the
# cross-entropy of Part III becomes
#
# $$L = -\frac{1}{m} \sum_{c=1}^{m} \sum_{k=1}^{K} Y_{kc} \log P_{kc}$$
#
# Only the term of the true class survives in each column: the loss is the mean of
# $-\log$ (the probability given to the right answer). For two classes it is exactly Part
# III's cross-entropy. And the gradient is as simple as there: with a softmax output,
#
# $$\delta^{(2)} = \frac{\partial L}{\partial Z^{(2)}} = \frac{1}{m} \left(P - Y\right)$$
#
# (the derivative of $p_k$ with respect to $z_j$ is $p_k(\mathbb{1}[k = j] - p_j)$, and after
# summing over $k$ with the weights $-Y_{kc}/P_{kc}$ everything but $P - Y$ cancels, because
# each column of $Y$ sums to 1). The backward pass of Part III carries over unchanged.

# %% tags=["pre-exercise-code"] exercise="one-hot-loss"
import numpy as np

# Predicted probabilities for 4 examples and 3 classes (each column sums to 1), and the labels
P = np.array([[0.7, 0.1, 0.2, 0.3],
              [0.2, 0.8, 0.3, 0.3],
              [0.1, 0.1, 0.5, 0.4]])
labels = np.array([0, 1, 2, 0])

# %% [raw] tags=["sample-code"]
# # The one-hot targets: shape (classes, examples), a 1 in the row of each example's label
# Y = np.zeros(P.shape)
# Y[___, ___] = 1.0
#
# # The cross-entropy: the mean over the examples of minus the log probability of the true class
# loss = ___
#
# print(Y)
# print(loss)

# %% tags=["solution"]
# The one-hot targets: shape (classes, examples), a 1 in the row of each example's label
Y = np.zeros(P.shape)
Y[labels, np.arange(labels.size)] = 1.0

# The cross-entropy: the mean over the examples of minus the log probability of the true class
loss = -np.mean(np.sum(Y * np.log(P), axis=0))

print(Y)
print(loss)

# %% tags=["solution-alternative"]
# The one-hot targets: shape (classes, examples), a 1 in the row of each example's label
Y = np.eye(3)[labels].T

# The cross-entropy: the mean over the examples of minus the log probability of the true class
loss = -np.mean(np.log(P[labels, np.arange(4)]))

print(Y)
print(loss)

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# # A blank left is named first: the line that still has it, and what goes there.
# blanks = [("Y[", "Index the rows with the labels and the columns with each example's position, 0 to 3."), ("loss", "`loss` is the mean over the examples of minus the log probability of the true class.")]
# for line in Ex()._state.student_code.splitlines():
#     if "___" in line:
#         about = [text for start, text in blanks if line.strip().startswith(start)]
#         Ex().fail("Fill in the blank `___` in the line `" + line.strip().replace("{", "&#123;") + "`. " + (about[0] if about else ""))
#
# Ex().check_object("Y", missing_msg="`Y` is not defined: keep the sample's name `Y`. If the indexing line raised an error, index the rows with the labels and the columns with the examples' positions, 0 to 3.").multi(
#     has_equal_value(expr_code="np.shape(Y)", incorrect_msg="`Y` has shape `{{stu_eval}}`, but it needs one row per class and one column per example, `{{sol_eval}}`, like `P`."),
#     has_equal_value(expr_code="bool(np.any(Y))", incorrect_msg="No entry of `Y` was set: it is all zeros. If the line `Y[...] = 1.0` raised an error, index the rows with the labels and the columns with the examples' positions, 0 to 3, in that order."),
#     has_equal_value(expr_code="np.asarray(Y).sum(axis=0)", func=same, incorrect_msg="Each column of `Y` should contain exactly one 1, but the column sums are `{{stu_eval}}`. Index with a pair of arrays, rows and columns, one entry per example."),
#     has_equal_value(func=same, incorrect_msg="Each column has one 1, but not in the right row: column c needs its 1 in the row of `labels[c]`. Your `Y` is `{{stu_eval}}`."),
# )
# Ex().check_object("loss", missing_msg="`loss` is not defined: keep the sample's name `loss`, which the checks read.").multi(
#     has_equal_value(expr_code="np.shape(loss)", incorrect_msg="`loss` should be one number, but it has shape `{{stu_eval}}`: sum over the classes, then average over the examples."),
#     has_equal_value(func=lambda student, solution: not same(student, -solution), incorrect_msg="`loss` has the wrong sign: the log of a probability is negative, so the loss is minus the mean log probability of the true classes."),
#     has_equal_value(func=lambda student, solution: not same(student, 4 * solution), incorrect_msg="`loss` is the sum over the 4 examples; the cross-entropy is their mean."),
#     has_equal_value(func=lambda student, solution: not same(student, solution / 3), incorrect_msg="`loss` is a mean over all 12 entries of the matrix; sum over the 3 classes first, then take the mean over the 4 examples."),
#     has_equal_value(func=same, incorrect_msg="`loss` should be -(log 0.7 + log 0.8 + log 0.5 + log 0.3) / 4 ≈ 0.6109, the mean of minus the log probability of each true class (natural logarithms, and only the true class counts); yours is `{{stu_eval}}`."),
# )
# success_msg("Well done: one-hot targets pick the probability of the true class out of each column.")

# %% [markdown] tags=["hint"]
# numpy can set several entries at once when you index with two arrays: one of row numbers, one of column numbers. For the loss, only the true class counts in each column; sum over the classes first, then take the mean over the examples.

# %% [markdown]
# ### Mini-batches
#
# Part III computed the gradient on the whole training set before every step. With 1047
# images that still works, but with millions it would make every step slow. **Mini-batch
# stochastic gradient descent** takes a step after every small batch, say 32 examples: the
# gradient of a batch is a noisy estimate of the full gradient, but 33 cheap steps per pass
# over the 1047 training images (an **epoch**) get further than one expensive one. Before each epoch the
# examples are shuffled, so that the batches differ from epoch to epoch.

# %% tags=["pre-exercise-code"] exercise="minibatches"
import numpy as np

m = 10          # the number of training examples
batch_size = 4
rng = np.random.RandomState(42)

# %% [raw] tags=["sample-code"]
# # Shuffle the example numbers 0 to m - 1, then cut them into batches of batch_size
# order = rng.___(m)
# batches = [order[___:___] for start in range(0, m, batch_size)]
#
# print(batches)

# %% tags=["solution"]
# Shuffle the example numbers 0 to m - 1, then cut them into batches of batch_size
order = rng.permutation(m)
batches = [order[start:start + batch_size] for start in range(0, m, batch_size)]

print(batches)

# %% tags=["solution-alternative"]
# Shuffle the example numbers 0 to m - 1, then cut them into batches of batch_size
order = rng.permutation(m)
batches = np.split(order, range(batch_size, m, batch_size))

print(batches)

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same_batches(student, solution):
#     try:
#         return len(student) == len(solution) and all(np.array_equal(s, t) for s, t in zip(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# # A blank left is named first: the line that still has it, and what goes there.
# blanks = [("order", "Call the method of `rng` that returns a shuffled range of `m` numbers."), ("batches", "Each batch is a slice of `order` that starts at `start` and holds `batch_size` numbers.")]
# for line in Ex()._state.student_code.splitlines():
#     if "___" in line:
#         about = [text for start, text in blanks if line.strip().startswith(start)]
#         Ex().fail("Fill in the blank `___` in the line `" + line.strip().replace("{", "&#123;") + "`. " + (about[0] if about else ""))
#
# Ex().check_object("order", missing_msg="`order` is not defined: keep the sample's name `order` for the shuffled example numbers.").multi(
#     has_equal_value(expr_code="order is None", incorrect_msg="`order` is `None`: `shuffle` shuffles an array in place and returns nothing. Use the method of `rng` that returns a shuffled range of numbers."),
#     has_equal_value(expr_code="sorted(np.asarray(order).tolist())", incorrect_msg="`order` should contain each example number 0 to 9 exactly once, shuffled; sorted, yours gives `{{stu_eval}}`."),
#     has_equal_value(expr_code="np.asarray(order).tolist()", incorrect_msg="`order` holds the numbers 0 to 9, but not in the order the seeded generator `rng` gives: shuffle once with `rng`, without another generator or seed."),
# )
# Ex().check_object("batches", missing_msg="`batches` is not defined: keep the sample's name `batches` for the list of batches.").multi(
#     has_equal_value(expr_code="isinstance(batches, (list, tuple))", incorrect_msg="`batches` should be a list of arrays, but it is another kind of object: write the comprehension in square brackets (round ones make a generator, which can be read only once)."),
#     has_equal_value(expr_code="[len(batch) for batch in batches]", incorrect_msg="The batches should have the sizes `{{sol_eval}}`: every batch holds `batch_size` examples, the last one what is left. Yours have the sizes `{{stu_eval}}`."),
#     has_equal_value(func=same_batches, incorrect_msg="The batches have the right sizes but the wrong examples: batch number i holds the shuffled numbers from position i · batch_size on. Yours are `{{stu_eval}}`."),
# )
# success_msg("Right: one shuffle per epoch, then consecutive slices.")

# %% [markdown] tags=["hint"]
# The generator has a method that returns a shuffled range of numbers. A batch is a slice of `order` that starts at `start` and is `batch_size` long; Python slices stop before their end.

# %% [markdown]
# ### Backpropagation with a ReLU hidden layer
#
# Part III's hidden layer used the sigmoid. [Part I]({{< relref "nn-fundamentals-1" >}}) called
# ReLU, $\max(0, z)$, the default in deep networks today: its slope is 1 for every positive
# input, where the sigmoid's is at most 1/4 and almost 0 for large $|z|$. Its derivative is 1
# where $z > 0$ and 0 where $z < 0$ (at $z = 0$, where it has none, we take 0). A hidden value
# $h = \max(0, z)$ is positive exactly where $z$ is, so the derivative can be read off the
# hidden values $H$, as Part III read the sigmoid's off them as $H(1 - H)$.
#
# The rest of the backward pass is Part III's, with the softmax output's error from above:
#
# $$\delta^{(2)} = \frac{1}{m}(P - Y), \qquad \delta^{(1)} = \left(W^{(2)\top} \delta^{(2)}\right) \odot \mathrm{ReLU}'\!\left(Z^{(1)}\right)$$
#
# and each layer's weight gradient pairs its $\delta$ with the layer's input, $\delta^{(2)} H^\top$
# and $\delta^{(1)} X^\top$; its bias gradient sums $\delta$ over the examples. Write it for a
# network with a ReLU hidden layer. The check batch is small, 6 made-up images and 5 hidden
# nodes, and the last line compares your gradients with finite differences of the loss.

# %% tags=["pre-exercise-code"] exercise="relu-backward"
import numpy as np

def relu(z):
    return np.maximum(z, 0)

def softmax(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)

def forward(params, X):
    """Return the hidden values H and the class probabilities P for the batch X."""
    H = relu(params["W1"] @ X + params["b1"])
    return H, softmax(params["W2"] @ H + params["b2"])

def loss(params, X, Y):
    return -np.mean(np.sum(Y * np.log(forward(params, X)[1]), axis=0))

# A small network (64 inputs, 5 ReLU hidden nodes, 10 outputs) and a batch of 6 made-up images
rng = np.random.RandomState(3)
params = {"W1": rng.normal(0, 0.3, (5, 64)), "b1": rng.normal(0, 0.5, (5, 1)),
          "W2": rng.normal(0, 0.5, (10, 5)), "b2": rng.normal(0, 0.5, (10, 1))}
X = rng.rand(64, 6)
Y = np.eye(10)[[3, 1, 4, 1, 5, 9]].T

def gradient_check(backward, eps=1e-6):
    """Return the largest relative error between backward's gradients and central differences of the loss."""
    grads = backward(params, X, Y)
    worst = 0.0
    for name, value in params.items():
        numeric = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            original = value[index]
            value[index] = original + eps
            plus = loss(params, X, Y)
            value[index] = original - eps
            minus = loss(params, X, Y)
            value[index] = original
            numeric[index] = (plus - minus) / (2 * eps)
        if np.shape(grads[name]) != value.shape:
            return float("inf")
        error = np.linalg.norm(numeric - grads[name]) / (np.linalg.norm(numeric) + np.linalg.norm(grads[name]))
        worst = max(worst, float(error))
    return worst

# %% [raw] tags=["sample-code"]
# # The gradients of the cross-entropy for a ReLU hidden layer and a softmax output, for the batch X, Y
# def backward(params, X, Y):
#     H, P = forward(params, X)
#     delta2 = ___
#     delta1 = ___
#     return {"W1": ___, "b1": ___,
#             "W2": ___, "b2": ___}
#
# print("largest relative error against finite differences:", gradient_check(backward))

# %% tags=["solution"]
# The gradients of the cross-entropy for a ReLU hidden layer and a softmax output, for the batch X, Y
def backward(params, X, Y):
    H, P = forward(params, X)
    delta2 = (P - Y) / X.shape[1]
    delta1 = (params["W2"].T @ delta2) * (H > 0)
    return {"W1": delta1 @ X.T, "b1": delta1.sum(axis=1, keepdims=True),
            "W2": delta2 @ H.T, "b2": delta2.sum(axis=1, keepdims=True)}

print("largest relative error against finite differences:", gradient_check(backward))

# %% tags=["solution-alternative"]
# The gradients of the cross-entropy for a ReLU hidden layer and a softmax output, for the batch X, Y
def backward(params, X, Y):
    H, P = forward(params, X)
    delta2 = (P - Y) / len(Y[0])
    delta1 = np.where(H > 0, np.dot(params["W2"].T, delta2), 0.0)
    return {"W1": np.dot(delta1, X.T), "b1": np.sum(delta1, axis=1).reshape(-1, 1),
            "W2": np.dot(delta2, H.T), "b2": np.sum(delta2, axis=1)[:, np.newaxis]}

print("largest relative error against finite differences:", gradient_check(backward))

# %% [raw] tags=["sct"]
# import numpy as np
#
# def close(a, b):
#     try:
#         return np.shape(a) == np.shape(b) and bool(np.allclose(a, b))
#     except (TypeError, ValueError):
#         return False
#
# def same(student, solution):
#     return close(student, solution)
#
# def not_times(factor):
#     """A check that fails when the student's gradient is the solution's times `factor`."""
#     return lambda student, solution: not close(student, factor * np.asarray(solution))
#
# def not_with_derivative(derivative):
#     """A check that fails when the student's W1 gradient is the one a wrong hidden derivative gives."""
#     def differs(student, solution):
#         try:
#             (H, P), W2, X, Y = solution[1], solution[2], solution[3], solution[4]
#             delta1 = (W2.T @ ((P - Y) / X.shape[1])) * derivative(H)
#             return not close(student[0], delta1 @ X.T)
#         except (TypeError, ValueError, IndexError):
#             return True
#     return differs
#
# # A blank left is named first: the line that still has it, and what goes there.
# blanks = [("delta2", "`delta2` is the softmax output's error, averaged over the batch."), ("delta1", "`delta1` is `delta2` sent back through the transposed output weights, times ReLU's derivative."), ("return", "Each weight gradient pairs a layer's delta with that layer's input, transposed; each bias gradient sums the delta over the examples."), ('"W2"', "Each weight gradient pairs a layer's delta with that layer's input, transposed; each bias gradient sums the delta over the examples.")]
# for line in Ex()._state.student_code.splitlines():
#     if "___" in line:
#         about = [text for start, text in blanks if line.strip().startswith(start)]
#         Ex().fail("Fill in the blank `___` in the line `" + line.strip().replace("{", "&#123;") + "`. " + (about[0] if about else ""))
#
# Ex().check_object("backward", missing_msg="`backward` is not defined: keep the sample's `def backward(params, X, Y):`, which the checks call.")
# shapes = "In the check, `X` is (64, 6), `Y` and `P` are (10, 6), `H` is (5, 6), `W1` is (5, 64) and `W2` is (10, 5); every gradient has the shape of its parameter."
# call_error = "Calling `backward(params, X, Y)` raised `{{stu_str}}`. " + shapes
# grad = "backward(params, X, Y)['{}']"
# sums = {"b2": "`delta2` summed over the examples, the columns (`axis=1`), with `keepdims=True`", "b1": "`delta1` summed over the examples, the columns (`axis=1`), with `keepdims=True`"}
# layers = {"W2": "the output layer's weights: `delta2` paired with the hidden values `H`, the output layer's input", "W1": "the hidden layer's weights: `delta1` paired with the hidden layer's input, `X`"}
# for name in ["W2", "b2", "W1", "b1"]:
#     Ex().has_equal_value(expr_code="np.shape(" + grad.format(name) + ")", error_msg=call_error, incorrect_msg="The gradient `" + name + "` has shape `{{stu_eval}}`, but it must have the shape of the parameter, `{{sol_eval}}`. " + ("It is " + sums[name] + "." if name in sums else "It is " + layers[name] + ", transposed to fit. " + shapes))
#     if name == "W2":
#         Ex().multi(
#             has_equal_value(expr_code=grad.format(name), func=not_times(-1), error_msg=call_error, incorrect_msg="The gradient `W2` has the wrong sign: the softmax output's error is `P - Y`, not `Y - P`."),
#             has_equal_value(expr_code=grad.format(name), func=not_times(6), error_msg=call_error, incorrect_msg="The gradient `W2` is 6 times too large: the loss is a mean over the 6 examples, so `delta2` is divided by their number, `X.shape[1]`."),
#         )
#     if name == "W1":
#         parts = "(" + grad.format(name) + ", forward(params, X), params['W2'], X, Y)"
#         Ex().multi(
#             has_equal_value(expr_code=parts, func=not_with_derivative(lambda H: H * (1 - H)), error_msg=call_error, incorrect_msg="The gradient `W1` uses the sigmoid's derivative, `H * (1 - H)`, but this hidden layer is a ReLU: its derivative is 1 where the hidden value is positive and 0 where it is 0."),
#             has_equal_value(expr_code=parts, func=not_with_derivative(lambda H: np.ones_like(H)), error_msg=call_error, incorrect_msg="The gradient `W1` ignores ReLU's derivative (or takes it as 1 everywhere: `H >= 0` always holds, as ReLU is never negative). It is 1 where the hidden value is positive and 0 where it is 0."),
#             has_equal_value(expr_code=parts, func=not_with_derivative(lambda H: H), error_msg=call_error, incorrect_msg="The gradient `W1` multiplies by the hidden values `H` themselves. ReLU's derivative is not its value: it is 1 where the hidden value is positive and 0 where it is 0."),
#         )
#     Ex().has_equal_value(expr_code=grad.format(name), func=same, error_msg=call_error, incorrect_msg="The gradient `" + name + "` has the right shape but wrong values. It is " + (sums[name] if name in sums else layers[name]) + ". " + ("Check `delta2`: the softmax output's error, averaged over the batch." if name in ("W2", "b2") else "Check `delta1`: `delta2` sent back through the transposed output weights, times ReLU's derivative (1 where the hidden value is positive, else 0)."))
# success_msg("Right: your backward pass agrees with finite differences. ReLU's derivative simply lets the error through where a hidden node was active.")

# %% [markdown] tags=["hint"]
# Part III's backward pass carries over; only the hidden layer's derivative changes. It is 1 where a hidden value is positive and 0 elsewhere: a comparison of `H` with 0 gives it, as an array of True and False that numpy multiplies as 1 and 0.

# %% [markdown]
# ### The network
#
# Now the code for the whole network, for any number of hidden layers, including none. The
# layers' values are kept in a list, the input first and the probabilities last; `backward`
# walks the list from the end, as you just did for one hidden layer, and a layer's $\delta$
# passes to the layer below through its transposed weights and the derivative of the
# activation. An activation comes as a pair: the function, and its derivative read off its
# output. One epoch shuffles the training set and takes one step per batch; the weights are
# scaled by $1/\sqrt{n}$ as in Part III.

# %%
def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def relu(z):
    return np.maximum(z, 0)


def softmax(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def one_hot(labels, classes=10):
    Y = np.zeros((classes, labels.size))
    Y[labels, np.arange(labels.size)] = 1.0
    return Y


# An activation and its derivative, written with the activation's output A
SIGMOID = (sigmoid, lambda A: A * (1 - A))
RELU = (relu, lambda A: 1.0 * (A > 0))


def init_params(sizes, rng):
    """Return one (W, b) per layer: weights drawn from N(0, 1/n) for n inputs, zero biases."""
    return [(rng.normal(0, 1, (n_out, n_in)) / np.sqrt(n_in), np.zeros((n_out, 1)))
            for n_in, n_out in zip(sizes[:-1], sizes[1:])]


def forward(params, X, activation=SIGMOID):
    """Return the values of every layer for the batch X: X itself, the hidden layers, the probabilities."""
    values = [X]
    for W, b in params[:-1]:
        values.append(activation[0](W @ values[-1] + b))
    W, b = params[-1]
    values.append(softmax(W @ values[-1] + b))
    return values


def backward(params, X, Y, activation=SIGMOID):
    """Return the gradients of the cross-entropy, one (dW, db) per layer."""
    values = forward(params, X, activation)
    delta = (values[-1] - Y) / X.shape[1]
    grads = []
    for layer in reversed(range(len(params))):
        grads.insert(0, (delta @ values[layer].T, delta.sum(axis=1, keepdims=True)))
        if layer > 0:
            delta = (params[layer][0].T @ delta) * activation[1](values[layer])
    return grads


def train_epoch(params, X, Y, lr, rng, activation=SIGMOID, batch_size=32):
    """One pass over the shuffled examples, one gradient step per mini-batch; return the new parameters."""
    order = rng.permutation(X.shape[1])
    for start in range(0, X.shape[1], batch_size):
        batch = order[start:start + batch_size]
        grads = backward(params, X[:, batch], Y[:, batch], activation)
        params = [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads)]
    return params


def loss(params, X, Y, activation=SIGMOID):
    """Return the mean cross-entropy on the examples X with one-hot targets Y."""
    return -np.mean(np.sum(Y * np.log(forward(params, X, activation)[-1]), axis=0))


def predict(params, X, activation=SIGMOID):
    """Return the most probable class of every example."""
    return forward(params, X, activation)[-1].argmax(axis=0)


Y_train, Y_val, Y_test = one_hot(y_train), one_hot(y_val), one_hot(y_test)

# %% [markdown]
# How many epochs? We do not guess: `fit` trains for 60 epochs, measures the loss on the
# validation set after each, and returns the parameters of the epoch where it was lowest.

# %%
def fit(sizes, activation=SIGMOID, lr=2.0, seed=1, data=None, epochs=60):
    """Train a fresh network; return the parameters of the epoch with the lowest validation loss, that epoch and that loss."""
    X, Y, X_v, Y_v = data or (X_train, Y_train, X_val, Y_val)
    rng = np.random.default_rng(seed)
    params = init_params(sizes, rng)
    best_loss = np.inf
    for epoch in range(1, epochs + 1):
        params = train_epoch(params, X, Y, lr, rng, activation)
        val_loss = loss(params, X_v, Y_v, activation)
        if val_loss < best_loss:
            best_params, best_epoch, best_loss = params, epoch, val_loss
    return best_params, best_epoch, best_loss

# %% [markdown]
# Train the network of Part III with a softmax output, 64 inputs, 32 sigmoid hidden nodes and
# 10 outputs, with the learning rate 2.0 of Part III, and measure it on the test set, once. We
# also check that every test prediction is decided by a clear margin between the two most
# probable classes: then the counts below cannot change with the last digits of the
# arithmetic, which differ slightly between processors.

# %%
params, best_epoch, best_loss = fit([64, 32, 10])
P_test = forward(params, X_test)[-1]
top_two = np.sort(P_test, axis=0)[-2:]
assert np.min(top_two[1] - top_two[0]) > 1e-6  # no prediction is a near tie
correct_train = np.sum(predict(params, X_train) == y_train)
correct_test = np.sum(predict(params, X_test) == y_test)
n_params = sum(W.size + b.size for W, b in params)
print(f"lowest validation loss {best_loss:.3f}, after epoch {best_epoch} of 60")
print(f"training set: {correct_train} of {y_train.size} right ({correct_train / y_train.size:.1%})")
print(f"test set:     {correct_test} of {y_test.size} right ({correct_test / y_test.size:.1%})")
print("parameters:", n_params)
assert len(range(0, y_train.size, 32)) == 33
assert round(correct_test / y_test.size, 2) == 0.96 and n_params == 2410

# %% [markdown]
# About 96% of the test images are read correctly, by a network of 2410 parameters that had
# never seen those images.

# %% [markdown]
# ### What does the hidden layer buy?
#
# 96% sounds good, but good compared with what? Before crediting the hidden layer, train
# the simplest model the same code can make: no hidden layer at all. Then `forward` is
# $P = \mathrm{softmax}(W X + b)$, one weighted sum of the pixels per digit, which is
# **softmax regression**, a linear classifier. Next to it, the same network with 32 **ReLU**
# hidden nodes. A fair comparison gives each model its best learning rate, so for each we
# try 0.5, 1 and 2, choose the one with the lowest validation loss, and then train five
# networks at that rate from different random starts (seeds), since one run can be lucky.

# %%
MODELS = {  # name: the sizes of the hidden layers, and their activation
    "no hidden layer": ([], SIGMOID),
    "32 sigmoid nodes": ([32], SIGMOID),
    "32 ReLU nodes": ([32], RELU),
}
RATES = (0.5, 1.0, 2.0)
SEEDS = (1, 2, 3, 4, 5)


def compare(X_tr, X_v, X_te):
    """For each model: the validation loss at each learning rate (seed 1), the rate with the lowest,
    and the test accuracy of the networks trained at that rate from each seed."""
    data = (X_tr, Y_train, X_v, Y_val)
    results = {}
    for name, (hidden, activation) in MODELS.items():
        sizes = [X_tr.shape[0], *hidden, 10]
        runs = {lr: fit(sizes, activation, lr, SEEDS[0], data) for lr in RATES}
        lr = min(RATES, key=lambda rate: runs[rate][2])
        nets = [runs[lr][0]] + [fit(sizes, activation, lr, seed, data)[0] for seed in SEEDS[1:]]
        accuracy = np.array([np.mean(predict(net, X_te, activation) == y_test) for net in nets])
        results[name] = {"val_loss": {rate: runs[rate][2] for rate in RATES}, "lr": lr, "accuracy": accuracy}
    return results


def print_table(results):
    print(f"{'':17}validation loss at rate {RATES}  rate   test accuracy, {len(SEEDS)} seeds   mean")
    for name, result in results.items():
        losses = "  ".join(f"{result['val_loss'][rate]:5.3f}" for rate in RATES)
        accuracies = " ".join(f"{a:.1%}" for a in result["accuracy"])
        print(f"{name:17}{losses:>29}  {result['lr']:4}   {accuracies}   {result['accuracy'].mean():.1%}")


centred = compare(X_train, X_val, X_test)
print_table(centred)
linear, sigmoid_net, relu_net = (centred[name] for name in MODELS)
assert sigmoid_net["lr"] == 2.0 and sigmoid_net["accuracy"][0] == correct_test / y_test.size  # the network above
assert all(0.94 < result["accuracy"].min() and result["accuracy"].max() < 0.975 for result in centred.values())
assert abs(sigmoid_net["accuracy"].mean() - linear["accuracy"].mean()) < 0.01
assert abs(relu_net["accuracy"].mean() - linear["accuracy"].mean()) < 0.01
assert all(abs(net["accuracy"].mean() - linear["accuracy"].mean()) < np.ptp(net["accuracy"]) for net in (sigmoid_net, relu_net))
assert relu_net["val_loss"][2.0] > 1.5 and relu_net["lr"] < 2.0 and relu_net["val_loss"][relu_net["lr"]] < 0.2
assert sum(W.size + b.size for W, b in init_params([64, 10], np.random.default_rng(0))) == 650

# %%
# The ReLU network trained at the rate 2.0 for 60 epochs: which hidden nodes are 0 for every training image?
rng = np.random.default_rng(1)
relu_params = init_params([64, 32, 10], rng)
for epoch in range(60):
    relu_params = train_epoch(relu_params, X_train, Y_train, 2.0, rng, RELU)
dead = np.sum(forward(relu_params, X_train, RELU)[1].max(axis=1) == 0)
print(f"ReLU network at the rate 2.0, after 60 epochs: {dead} of its 32 hidden nodes are 0 for every training image")
assert dead == 32

# %% [markdown]
# Three things stand out.
#
# * **The hidden layer adds next to nothing here.** Softmax regression, with 650 parameters
#   and no hidden layer, reads about 96% of the test images; both networks with a hidden
#   layer do too, and their mean accuracy over the five seeds is within one point of softmax
#   regression's, less than either network's own spread from seed to seed. On these digits a
#   linear classifier is almost as good as our network.
# * **ReLU needs a smaller step.** At the rate 2.0 that suits the sigmoid network, the ReLU
#   network does not learn (its validation loss never gets below 1.5); at 0.5 it does as well
#   as the others. The sigmoid's slope is at most 1/4, ReLU's is 1, so the same step moves
#   its weights further, here too far: after 60 epochs at 2.0, all 32 hidden nodes are 0 for
#   every training image. Such a node is *dead*: its gradients are 0 for every training image,
#   so it never recovers.
# * None of them is the best one can do: a **nearest-neighbour** classifier, which learns
#   nothing and labels each test image like the training image closest to it, gets more right:

# %%
# Squared distances between every test image (rows) and every training image (columns)
distances = (X_test ** 2).sum(axis=0)[:, None] - 2 * X_test.T @ X_train + (X_train ** 2).sum(axis=0)
nearest_accuracy = np.mean(y_train[distances.argmin(axis=1)] == y_test)
print(f"1-nearest-neighbour: {nearest_accuracy:.1%} of the test images")
assert nearest_accuracy > 0.985

# %% [markdown]
# about 99%. The 8 × 8 digits are centred and scaled, so a digit covers roughly the same
# pixels in every image, and a weighted sum of pixels (a template per digit) separates them
# well. A hidden layer earns its keep when the classes are not separated by a weighted sum of
# the inputs, as XOR and the moons were in Part III. Digits become such a problem when they
# move: place each image at a random position on a 10 × 10 canvas, so that it shifts by up
# to 2 pixels in each direction, and compare the three models again.

# %%
def moved(X, rng, size=10):
    """Place each 8 × 8 image (a column of X) at a random position on a size × size canvas."""
    canvases = np.zeros((size, size, X.shape[1]))
    for column, (row, col) in enumerate(rng.integers(0, size - 7, size=(X.shape[1], 2))):
        canvases[row:row + 8, col:col + 8, column] = X[:, column].reshape(8, 8)
    return canvases.reshape(size * size, X.shape[1])


X_moved = moved(X_all, np.random.default_rng(2))
shifted = compare(X_moved[:, training], X_moved[:, validation], X_moved[:, test])
print_table(shifted)
linear_moved = shifted["no hidden layer"]["accuracy"]
hidden_moved = np.concatenate([shifted[name]["accuracy"] for name in list(MODELS)[1:]])
assert 0.62 < linear_moved.mean() < 0.66 and linear_moved.max() < hidden_moved.min()
assert 0.84 < shifted["32 sigmoid nodes"]["accuracy"].mean() < 0.86 and 0.86 < shifted["32 ReLU nodes"]["accuracy"].mean() < 0.88
assert 0.18 < hidden_moved.mean() - linear_moved.mean() < 0.25

# %% tags=["hide-input"] alt="Test accuracy of the three models, five seeds each, in two panels. On the centred digits all three models, no hidden layer, 32 sigmoid nodes and 32 ReLU nodes, lie between about 94.5 and 97.5 percent. On the digits moved by up to 2 pixels the model without a hidden layer falls to about 63 to 65 percent, while both networks with a hidden layer reach about 83 to 89 percent."
fig, axes = plt.subplots(1, 2, figsize=(7, 3.2), sharey=True)
for ax, (title, results) in zip(axes, [("centred digits", centred), ("digits moved by up to 2 pixels", shifted)]):
    for position, (name, result) in enumerate(results.items()):
        ax.plot(np.full(len(SEEDS), position), 100 * result["accuracy"], "o", alpha=0.6)
    ax.set_xticks(range(len(MODELS)))
    ax.set_xticklabels(["none", "32 sigmoid", "32 ReLU"])
    ax.set_xlabel("hidden layer")
    ax.set_title(title)
axes[0].set_ylabel("test accuracy (%), 5 seeds")
fig.tight_layout()
plt.show()

# %% [markdown]
# Moved by up to 2 pixels, the digits no longer sit on fixed pixels, and softmax regression
# falls to about 64%: a single template per digit cannot match a 3 wherever it lands. The
# networks with a hidden layer keep 85% (sigmoid) and 87% (ReLU) on average over the seeds,
# some 20 points more: their hidden nodes can combine the pixels in ways that one template
# per digit cannot. That is what the hidden layer buys, when the data needs it. On the
# centred digits it buys little, and only a baseline tells us so.

# %% [markdown]
# ### Reading a confusion matrix
#
# The accuracy is one number. A **confusion matrix** shows where the mistakes are: entry
# $(t, p)$ counts the examples of the true class $t$ that the network read as $p$. The
# diagonal holds the correct answers. Two shares summarise each class $c$: its **recall**, the
# share of the examples of class $c$ that were read as $c$ (along row $c$), and its
# **precision**, the share of the answers "$c$" that were right (down column $c$).
#
# Build the matrix for 56 predictions of a made-up classifier with 4 classes, and read it:
# which class is recognised worst (lowest recall), and which mistake is the most frequent?

# %% tags=["pre-exercise-code"] exercise="confusion-matrix"
import numpy as np

# True and predicted classes of 56 examples, with 4 classes
y_true = np.array([1, 2, 1, 2, 3, 3, 2, 1, 0, 2, 0, 3, 0, 2, 1, 2, 0, 1, 0, 0, 3, 2, 3, 2, 3, 1, 2, 0, 3, 1, 1, 2, 1, 1, 3, 0, 0, 0,
                   3, 3, 3, 1, 0, 0, 3, 2, 2, 2, 2, 0, 0, 1, 2, 3, 1, 2])
y_pred = np.array([1, 2, 1, 1, 3, 3, 2, 1, 0, 2, 0, 3, 0, 1, 1, 2, 0, 1, 0, 0, 3, 2, 0, 2, 3, 3, 1, 0, 3, 1, 1, 1, 1, 1, 1, 0, 0, 2,
                   2, 0, 3, 1, 0, 0, 3, 1, 0, 2, 2, 0, 0, 1, 2, 2, 1, 2])
classes = 4

# %% [raw] tags=["sample-code"]
# # counts[t, p]: how many examples of the true class t were predicted as class p
# counts = ___
# ___
#
# # recall[c]: the share of class c's examples predicted as c; precision[c]: the share of the predictions c that are right
# recall = ___
# precision = ___
#
# # worst: the class with the lowest recall; mistake: the most frequent wrong prediction, as (true class, predicted class)
# worst = ___
# mistake = ___
#
# print(counts)
# print("recall", recall.round(2), "precision", precision.round(2), "worst class", worst, "most frequent mistake", mistake)

# %% tags=["solution"]
# counts[t, p]: how many examples of the true class t were predicted as class p
counts = np.zeros((classes, classes), dtype=int)
for t, p in zip(y_true, y_pred):
    counts[t, p] += 1

# recall[c]: the share of class c's examples predicted as c; precision[c]: the share of the predictions c that are right
recall = np.diag(counts) / counts.sum(axis=1)
precision = np.diag(counts) / counts.sum(axis=0)

# worst: the class with the lowest recall; mistake: the most frequent wrong prediction, as (true class, predicted class)
worst = np.argmin(recall)
wrong = counts - np.diag(np.diag(counts))
mistake = np.unravel_index(np.argmax(wrong), wrong.shape)

print(counts)
print("recall", recall.round(2), "precision", precision.round(2), "worst class", worst, "most frequent mistake", mistake)

# %% tags=["solution-alternative"]
# counts[t, p]: how many examples of the true class t were predicted as class p
counts = np.zeros((classes, classes), dtype=int)
np.add.at(counts, (y_true, y_pred), 1)

# recall[c]: the share of class c's examples predicted as c; precision[c]: the share of the predictions c that are right
recall = counts.diagonal() / np.bincount(y_true)
precision = counts.diagonal() / np.bincount(y_pred)

# worst: the class with the lowest recall; mistake: the most frequent wrong prediction, as (true class, predicted class)
worst = recall.argmin()
off = counts.copy()
np.fill_diagonal(off, 0)
mistake = divmod(off.argmax(), classes)

print(counts)
print("recall", recall.round(2), "precision", precision.round(2), "worst class", worst, "most frequent mistake", mistake)

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# def differs_from(wrong):
#     """A check that fails when the student's value is this particular wrong one."""
#     def differs(student, solution):
#         try:
#             return not (np.shape(student) == np.shape(wrong) and bool(np.allclose(student, wrong)))
#         except (TypeError, ValueError):
#             return True
#     return differs
#
# def transposed(student, solution):
#     try:
#         return not (np.shape(student) == np.shape(solution) and np.array_equal(student, np.transpose(solution)))
#     except (TypeError, ValueError):
#         return True
#
# # A blank left is named first: the line that still has it, and what goes there.
# blanks = [("counts", "`counts` starts as a classes × classes array of zeros (whole numbers)."), ("___", "Below `counts = ...`: go through the examples, and add 1 to the entry of each example's true and predicted class."), ("recall", "`recall` divides the diagonal by the number of examples of each true class."), ("precision", "`precision` divides the diagonal by the number of predictions of each class."), ("worst", "`worst` is the class whose recall is lowest."), ("mistake", "`mistake` is the (row, column) of the largest entry off the diagonal.")]
# for line in Ex()._state.student_code.splitlines():
#     if "___" in line:
#         about = [text for start, text in blanks if line.strip().startswith(start)]
#         Ex().fail("Fill in the blank `___` in the line `" + line.strip().replace("{", "&#123;") + "`. " + (about[0] if about else ""))
#
# Ex().check_object("counts", missing_msg="`counts` is not defined: keep the sample's name `counts` for the confusion matrix.").multi(
#     has_equal_value(expr_code="np.shape(counts)", incorrect_msg="`counts` has shape `{{stu_eval}}`, but it needs one row per true class and one column per predicted class, `{{sol_eval}}`."),
#     has_equal_value(expr_code="int(np.sum(counts))", incorrect_msg="`counts` should count each of the 56 examples once, but its entries add up to `{{stu_eval}}`. Add 1 for every example, inside the loop."),
#     has_equal_value(expr_code="int(np.trace(counts))", incorrect_msg="The diagonal of `counts` should hold the 43 correct predictions, but it holds `{{stu_eval}}`: add 1 at the row of the true class and the column of the predicted class of each example."),
#     has_equal_value(expr_code="np.asarray(counts)", func=transposed, incorrect_msg="`counts` is transposed: the row must be the true class `t` and the column the predicted class `p`, `counts[t, p]`."),
#     has_equal_value(expr_code="np.asarray(counts)", func=same, incorrect_msg="`counts` has the right total and diagonal, but a mistake is in the wrong place: row = true class, column = predicted class. Yours is `{{stu_eval}}`."),
# )
# precision_values = np.array([13 / 16, 12 / 18, 10 / 13, 8 / 9])
# recall_values = np.array([13 / 14, 12 / 13, 10 / 16, 8 / 13])
# Ex().check_object("recall", missing_msg="`recall` is not defined: keep the sample's name `recall`.").multi(
#     has_equal_value(expr_code="np.shape(recall)", incorrect_msg="`recall` should hold one share per class, shape `{{sol_eval}}`, but it has shape `{{stu_eval}}`."),
#     has_equal_value(expr_code="np.asarray(recall, dtype=float)", func=differs_from(precision_values), incorrect_msg="Your `recall` is the precision: it divides the diagonal by the column sums, the predictions of each class. Recall divides by the row sums, the examples of each true class."),
#     has_equal_value(expr_code="np.asarray(recall, dtype=float)", func=differs_from(np.array([13, 12, 10, 8]) / 56), incorrect_msg="Your `recall` divides by all 56 examples; each class's recall divides by the number of examples of that class, its row sum."),
#     has_equal_value(expr_code="np.asarray(recall, dtype=float)", func=same, incorrect_msg="`recall[c]` should be the share of class c's examples that were predicted as c: the diagonal entry divided by the row sum. Yours is `{{stu_eval}}`."),
# )
# Ex().check_object("precision", missing_msg="`precision` is not defined: keep the sample's name `precision`.").multi(
#     has_equal_value(expr_code="np.shape(precision)", incorrect_msg="`precision` should hold one share per class, shape `{{sol_eval}}`, but it has shape `{{stu_eval}}`."),
#     has_equal_value(expr_code="np.asarray(precision, dtype=float)", func=differs_from(recall_values), incorrect_msg="Your `precision` is the recall: it divides the diagonal by the row sums. Precision divides by the column sums, the number of times each class was predicted."),
#     has_equal_value(expr_code="np.asarray(precision, dtype=float)", func=same, incorrect_msg="`precision[c]` should be the share of the predictions c that were right: the diagonal entry divided by the column sum. Yours is `{{stu_eval}}`."),
# )
# Ex().check_object("worst", missing_msg="`worst` is not defined: keep the sample's name `worst`.").multi(
#     has_equal_value(expr_code="np.asarray(worst).tolist()", func=differs_from(2), incorrect_msg="`worst` is 2, the class with the most mistakes, 6; but class 2 has 16 examples, and class 3 gets a smaller share of its 13 right. Compare shares: the lowest recall."),
#     has_equal_value(expr_code="np.asarray(worst).tolist()", func=differs_from(1), incorrect_msg="`worst` is 1, the class with the lowest precision; the class recognised worst is the one with the lowest recall, the smallest share of its own examples read correctly."),
#     has_equal_value(expr_code="np.asarray(worst).tolist()", func=differs_from(0), incorrect_msg="`worst` is 0, the class with the highest recall: take the lowest (`argmin`, not `argmax`)."),
#     has_equal_value(expr_code="np.asarray(worst).tolist()", incorrect_msg="`worst` should be the class number with the lowest recall, `{{sol_eval}}`; yours is `{{stu_eval}}`. It is a position in `recall`, not a share."),
# )
# Ex().check_object("mistake", missing_msg="`mistake` is not defined: keep the sample's name `mistake`.").multi(
#     has_equal_value(expr_code="np.size(mistake)", incorrect_msg="`mistake` should be a pair, (true class, predicted class), but it has `{{stu_eval}}` number(s). A position in the flattened matrix becomes a row and a column with `np.unravel_index` or `divmod`."),
#     has_equal_value(expr_code="[int(v) for v in np.ravel(mistake)]", func=lambda student, solution: student[0] != student[1], incorrect_msg="`mistake` is `{{stu_eval}}`, on the diagonal: that is a correct prediction. Leave the diagonal out before looking for the largest entry."),
#     has_equal_value(expr_code="[int(v) for v in np.ravel(mistake)]", func=lambda student, solution: student != solution[::-1], incorrect_msg="`mistake` is reversed: the most frequent mistake is true class 2 read as 1, so it is (2, 1), true class first."),
#     has_equal_value(expr_code="[int(v) for v in np.ravel(mistake)]", incorrect_msg="`mistake` should be the (true class, predicted class) of the largest entry off the diagonal, `{{sol_eval}}`; yours is `{{stu_eval}}`."),
# )
# success_msg("Right: class 3 is recognised worst (8 of 13), though class 2 has more mistakes, and true 2 read as 1 is the most frequent mistake.")

# %% [markdown] tags=["hint"]
# Each pass through the loop is one example: which single entry of `counts` does it increase? A class's recall divides its diagonal entry by a row sum, its precision by a column sum. Before looking for the largest mistake, set the diagonal to 0 in a copy of `counts`; `np.argmax` then gives a position in the flattened matrix, which you turn back into a row and a column.

# %% [markdown]
# The confusion matrix of the digit network on the 450 test images:

# %%
confusion = np.zeros((10, 10), dtype=int)
np.add.at(confusion, (y_test, predict(params, X_test)), 1)
print("rows: true digit, columns: predicted digit")
print(confusion)
off_diagonal = confusion - np.diag(np.diag(confusion))
pairs = np.count_nonzero(off_diagonal)
print(f"{off_diagonal.sum()} mistakes on {pairs} different (true, predicted) pairs; the most frequent pair occurs {off_diagonal.max()} times")
assert confusion.sum() == 450 and np.trace(confusion) == correct_test
assert off_diagonal.sum() == 19 and pairs == 15 and off_diagonal.max() == 2

# %% [markdown]
# 19 mistakes, on 15 different pairs of (true, predicted) digit, none more than twice. Does
# the network confuse any pair systematically? These counts cannot tell. A pair confused in
# one of every 50 images of its digit would show up about once among the 45 or so test
# images of that digit: often not at all, sometimes twice or more. So a pair that appears
# twice here may be chance, and a pair that never appears may still be a weakness. To see
# which digits a network really confuses takes many more mistakes than 19, from a much
# larger test set.
#
# ### Overfitting
#
# The training set is never quite the whole truth. A network with enough parameters can fit
# the quirks of its training images, and then it gets better on them while it gets worse
# on new ones. To see this happen, train a bigger network (64 hidden nodes) on only 100 of
# the training images, for 300 epochs, and after every epoch measure the loss on the 100
# training images, on the validation set and on the test set, and the test accuracy:

# %%
X_small, Y_small = X_train[:, :100], Y_train[:, :100]
rng = np.random.default_rng(1)
params_small = init_params([64, 64, 10], rng)
history, snapshots = [], []
for epoch in range(300):
    params_small = train_epoch(params_small, X_small, Y_small, 2.0, rng, batch_size=20)
    snapshots.append(params_small)
    history.append((loss(params_small, X_small, Y_small), loss(params_small, X_val, Y_val),
                    loss(params_small, X_test, Y_test), np.mean(predict(params_small, X_test) == y_test)))
train_loss, val_loss, test_loss, test_accuracy = np.array(history).T
best = np.argmin(val_loss)  # the epoch is chosen on the validation set
assert np.sort(val_loss)[1] - val_loss[best] > 1e-9  # the lowest epoch is not a near tie
later = np.diff(val_loss[best:])
print(f"training loss after 300 epochs: {train_loss[-1]:.4f}")
print(f"validation loss: lowest after epoch {best + 1} ({val_loss[best]:.3f}), {val_loss[-1]:.3f} after epoch 300;"
      f" it falls in {np.sum(later < 0)} of the {later.size} epochs after its lowest")
print(f"test loss:       {test_loss[best]:.3f} after epoch {best + 1}, {test_loss[-1]:.3f} after epoch 300")
print(f"test accuracy:   {test_accuracy[best]:.1%} after epoch {best + 1}, {test_accuracy[-1]:.1%} after epoch 300")
assert train_loss[-1] < 0.01 and 20 <= best + 1 <= 40
assert round(val_loss[best], 2) == 0.43 and round(val_loss[-1], 2) == 0.57 and test_loss[-1] > test_loss[best] + 0.03
assert 0.2 < np.mean(later < 0) < 0.3
assert 0.88 < test_accuracy[best] <= test_accuracy[-1] < 0.91 and test_accuracy[best:].min() > test_accuracy[best] - 0.01

# %% tags=["hide-input"] alt="Two panels over 300 epochs of the network trained on 100 images, with a dotted line near epoch 30, where the validation loss is lowest. Left, the losses: the training loss falls to almost 0, the validation and test losses fall to about 0.43 and 0.36 at the dotted line and then rise, unevenly, to about 0.57 and 0.41. Right, the test accuracy: it climbs to about 89 percent by the dotted line and then stays between about 88 and 90 percent."
fig, (left, right) = plt.subplots(1, 2, figsize=(7, 3.2))
epochs = np.arange(1, 301)
left.plot(epochs, train_loss, label="training (100 images)")
left.plot(epochs, val_loss, label="validation (300)")
left.plot(epochs, test_loss, label="test (450)")
left.set_ylim(0, 1)
left.set_ylabel("cross-entropy loss")
left.legend()
right.plot(epochs, 100 * test_accuracy, color="C2")
right.set_ylim(80, 95)
right.set_ylabel("test accuracy (%)")
for ax in (left, right):
    ax.axvline(best + 1, color="grey", linestyle=":", linewidth=1)
    ax.set_xlabel("epoch")
fig.tight_layout()
plt.show()

# %% [markdown]
# The training loss falls to almost 0. The validation loss is lowest around epoch 30 and
# then rises, from 0.43 to 0.57 by epoch 300, though not steadily: it still falls in about a
# quarter of the later epochs. The test loss rises too. That is overfitting as the loss
# sees it. The test accuracy, beside it, tells another story: it never falls more than a
# point below its value at the lowest validation loss, and ends no lower. What changed?
# Compare the mistakes the network makes on the test images at the two epochs:

# %%
def mistakes(params):
    """Return how many test images the network gets wrong, and the mean probability it gives its wrong answers."""
    P = forward(params, X_test)[-1]
    wrong = P.argmax(axis=0) != y_test
    return wrong.sum(), P.max(axis=0)[wrong].mean()


(wrong_best, sure_best), (wrong_last, sure_last) = mistakes(snapshots[best]), mistakes(snapshots[-1])
print(f"after epoch {best + 1}: {wrong_best} test images wrong, mean probability of the wrong answer {sure_best:.2f}")
print(f"after epoch 300: {wrong_last} test images wrong, mean probability of the wrong answer {sure_last:.2f}")
assert wrong_last < wrong_best and round(sure_best, 1) == 0.6 and round(sure_last, 2) == 0.74

# %% [markdown]
# By epoch 300 the network makes a few mistakes fewer, but the ones it makes, it makes with
# more conviction: the mean probability of its wrong answers rises from about 0.6 to 0.74.
# The cross-entropy punishes a confident mistake heavily, so the loss rises while the
# accuracy holds. The overfitting is real, its probabilities got worse, but on this data it
# did not cost correct answers. The remedy we used all along is **early stopping**: keep the
# parameters of the epoch where the validation loss was lowest, here around epoch 30, chosen
# without looking at the test set. Other remedies limit how closely the network can fit:
# fewer parameters, or a penalty on large weights. And one remedy does not limit the fit at
# all, it gives the network more to fit: more training data, in which the quirks of single
# images weigh less. The same code on all 1047 training images (with 32 hidden nodes) read
# 96% of the test images, against about 89% here.
#
# ### Capstone: early stopping
#
# `fit` above trained for a fixed 60 epochs and kept the best. Early stopping proper also
# saves time: it **stops** once the validation loss has not improved for a number of
# epochs, the *patience*. Put it together yourself, on a pool of 400 training images. Hold
# out the first 100 of them as the validation set and train on the other 300 (they are in
# random order already). Train with the learning rate `lr` and a new validation loss after
# every epoch; when it is the lowest so far, remember the loss, the epoch and the
# parameters. Once `patience` epochs have passed since the best one, stop. Then measure the
# test accuracy, once, with the parameters of the best epoch. The functions of this post
# are loaded: `init_params`, `train_epoch` (batches of 20), `loss` and `accuracy`.

# %% tags=["pre-exercise-code"] exercise="capstone" timeout=60
import numpy as np
from sklearn.datasets import load_digits

digits = load_digits()
X_all, y_all = digits.data.T / 16.0, digits.target
order = np.random.RandomState(0).permutation(y_all.size)
X_test, y_test = X_all[:, order[:450]], y_all[order[:450]]

def one_hot(labels, classes=10):
    Y = np.zeros((classes, labels.size))
    Y[labels, np.arange(labels.size)] = 1.0
    return Y

# A pool of 400 training images, in random order
X_pool, y_pool = X_all[:, order[750:1150]], y_all[order[750:1150]]
Y_pool = one_hot(y_pool)
lr, patience = 2.0, 10

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def softmax(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)

def init_params(sizes, rng):
    return [(rng.normal(0, 1, (n_out, n_in)) / np.sqrt(n_in), np.zeros((n_out, 1)))
            for n_in, n_out in zip(sizes[:-1], sizes[1:])]

def forward(params, X):
    values = [X]
    for W, b in params[:-1]:
        values.append(sigmoid(W @ values[-1] + b))
    W, b = params[-1]
    values.append(softmax(W @ values[-1] + b))
    return values

def backward(params, X, Y):
    values = forward(params, X)
    delta = (values[-1] - Y) / X.shape[1]
    grads = []
    for layer in reversed(range(len(params))):
        grads.insert(0, (delta @ values[layer].T, delta.sum(axis=1, keepdims=True)))
        if layer > 0:
            delta = (params[layer][0].T @ delta) * values[layer] * (1 - values[layer])
    return grads

def train_epoch(params, X, Y, lr, rng, batch_size=20):
    """One pass over the shuffled examples, one gradient step per mini-batch; return the new parameters."""
    order = rng.permutation(X.shape[1])
    for start in range(0, X.shape[1], batch_size):
        batch = order[start:start + batch_size]
        grads = backward(params, X[:, batch], Y[:, batch])
        params = [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads)]
    return params

def loss(params, X, Y):
    """The mean cross-entropy on the examples X with one-hot targets Y."""
    return -np.mean(np.sum(Y * np.log(forward(params, X)[-1]), axis=0))

def accuracy(params, X, y):
    """The share of the examples X whose most probable class is their label y."""
    return float(np.mean(forward(params, X)[-1].argmax(axis=0) == y))

# %% [raw] tags=["sample-code"]
# # Validation: the first 100 images of the pool; training: the other 300. Stop once the validation
# # loss has not improved for `patience` epochs, then test the parameters of the best epoch.
# rng = np.random.RandomState(1)
# params = init_params([64, 32, 10], rng)
# X_tr, Y_tr, X_val, Y_val = ___
# best_loss, best_epoch, best_params = ___
# for epoch in range(1, 301):
#     ___
#
# test_accuracy = ___
# print("stopped after epoch", epoch, "- best epoch", best_epoch, "- test accuracy", test_accuracy)

# %% tags=["solution"]
# Validation: the first 100 images of the pool; training: the other 300. Stop once the validation
# loss has not improved for `patience` epochs, then test the parameters of the best epoch.
rng = np.random.RandomState(1)
params = init_params([64, 32, 10], rng)
X_tr, Y_tr, X_val, Y_val = X_pool[:, 100:], Y_pool[:, 100:], X_pool[:, :100], Y_pool[:, :100]
best_loss, best_epoch, best_params = np.inf, 0, params
for epoch in range(1, 301):
    params = train_epoch(params, X_tr, Y_tr, lr, rng)
    val_loss = loss(params, X_val, Y_val)
    if val_loss < best_loss:
        best_loss, best_epoch, best_params = val_loss, epoch, params
    elif epoch - best_epoch == patience:
        break
test_accuracy = accuracy(best_params, X_test, y_test)
print("stopped after epoch", epoch, "- best epoch", best_epoch, "- test accuracy", test_accuracy)

# %% tags=["solution-alternative"]
# Validation: the first 100 images of the pool; training: the other 300. Stop once the validation
# loss has not improved for `patience` epochs, then test the parameters of the best epoch.
rng = np.random.RandomState(1)
params = init_params([64, 32, 10], rng)
X_tr, Y_tr, X_val, Y_val = X_pool[:, 100:], Y_pool[:, 100:], X_pool[:, :100], Y_pool[:, :100]
best_loss, best_epoch, best_params = float("inf"), None, None
for epoch in range(1, 301):
    params = train_epoch(params, X_tr, Y_tr, lr, rng)
    current = loss(params, X_val, Y_val)
    if current < best_loss:
        best_loss, best_epoch, best_params, waited = current, epoch, list(params), 0
    else:
        waited += 1
        if waited >= patience:
            break
test_accuracy = accuracy(best_params, X_test, y_test)
print("stopped after epoch", epoch, "- best epoch", best_epoch, "- test accuracy", test_accuracy)

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# def same_params(student, solution):
#     try:
#         return len(student) == len(solution) and all(same(s[0], t[0]) and same(s[1], t[1]) for s, t in zip(student, solution))
#     except (TypeError, ValueError, IndexError):
#         return False
#
# # A blank left is named first: the line that still has it, and what goes there.
# blanks = [("X_tr", "Split the pool: validation = its first 100 columns, training = the other 300, for both `X_pool` and `Y_pool`."), ("best_loss", "Start with a best loss that any loss beats, epoch 0, and the parameters as they are."), ("___", "The loop's body: a training epoch, the validation loss, and then either a new best (remember loss, epoch and parameters) or a check whether `patience` epochs have passed since the best."), ("test_accuracy", "`test_accuracy` is the accuracy of the best epoch's parameters on the test set.")]
# for line in Ex()._state.student_code.splitlines():
#     if "___" in line:
#         about = [text for start, text in blanks if line.strip().startswith(start)]
#         Ex().fail("Fill in the blank `___` in the line `" + line.strip().replace("{", "&#123;") + "`. " + (about[0] if about else ""))
#
# for name in ["X_tr", "Y_tr", "X_val", "Y_val"]:
#     Ex().check_object(name, missing_msg="`" + name + "` is not defined: keep the sample's names `X_tr, Y_tr, X_val, Y_val` for the split.")
# Ex().multi(
#     has_equal_value(expr_code="(np.shape(X_val), np.shape(X_tr))", incorrect_msg="`X_val` and `X_tr` have the shapes `{{stu_eval}}`, but the validation set is 100 images and the training set 300: `{{sol_eval}}`. The images are columns, so split along the second axis."),
#     has_equal_value(expr_code="(np.shape(Y_val), np.shape(Y_tr))", incorrect_msg="`Y_val` and `Y_tr` have the shapes `{{stu_eval}}`, but they should be `{{sol_eval}}`: one-hot columns from `Y_pool`, split like the images."),
#     has_equal_value(expr_code="np.asarray(X_val)", func=same, incorrect_msg="`X_val` should be the first 100 images of the pool, `X_pool[:, :100]`, and `X_tr` the other 300."),
#     has_equal_value(expr_code="np.asarray(Y_val)", func=same, incorrect_msg="`X_val` is right, but `Y_val` does not hold the targets of the same 100 images: split `Y_pool` exactly as `X_pool`."),
#     has_equal_value(expr_code="np.asarray(Y_tr)", func=same, incorrect_msg="`Y_tr` does not hold the targets of the 300 training images: split `Y_pool` exactly as `X_pool`."),
# )
# Ex().check_object("best_loss", missing_msg="`best_loss` is not defined: keep the sample's name `best_loss`.")
# Ex().has_equal_value(expr_code="bool(np.isclose(best_loss, loss(best_params, X_tr, Y_tr), rtol=1e-12, atol=0))", incorrect_msg="`best_loss` is a loss on the 300 training images, which keeps falling: choose the epoch by the loss on the validation set, `X_val, Y_val`.")
# Ex().check_object("best_epoch", missing_msg="`best_epoch` is not defined: keep the sample's name `best_epoch`.").multi(
#     has_equal_value(func=lambda student, solution: student != 0, incorrect_msg="`best_epoch` is still 0: no epoch's validation loss was lower than the `best_loss` you started with. Start with `np.inf`, which every loss beats."),
#     has_equal_value(expr_code="bool(best_epoch == epoch)", func=lambda student, solution: not student or solution, incorrect_msg="`best_epoch` is the last epoch you trained: remember the epoch only when its validation loss is lower than the best so far, and stop `patience` epochs after it."),
# )
# # The stopping rule is judged on the learner's own best epoch: a rule that stops late can find a later best.
# Ex().check_object("epoch", missing_msg="`epoch` is not defined: keep the sample's loop `for epoch in range(1, 301):`.")
# stopped = "(int(epoch), int(best_epoch or 0))"
# Ex().multi(
#     has_equal_value(expr_code=stopped, func=lambda student, solution: student[0] < 300 or student[0] - student[1] == 10, incorrect_msg="Your loop never stopped: it ran all 300 epochs. Stop (`break`) once `patience` epochs have passed since the best epoch without a lower validation loss."),
#     has_equal_value(expr_code=stopped, func=lambda student, solution: student[0] - student[1] != 11, incorrect_msg="You stopped one epoch late, 11 epochs after your best epoch: after epoch `best_epoch + patience` there have been 10 epochs without improvement. Stop then."),
#     has_equal_value(expr_code=stopped, func=lambda student, solution: student[0] - student[1] != 9, incorrect_msg="You stopped one epoch early: only 9 epochs had passed since your best epoch. Stop when `epoch - best_epoch` reaches `patience`."),
#     has_equal_value(expr_code=stopped, func=lambda student, solution: student[0] - student[1] == 10, incorrect_msg="Your (last epoch, best epoch) are `{{stu_eval}}`: training should stop `patience` = 10 epochs after the best one. Count the epochs since the last improvement, `epoch - best_epoch`."),
# )
# Ex().multi(
#     has_equal_value(expr_code="best_epoch", func=lambda student, solution: student != 1, incorrect_msg="`best_epoch` is 1: the validation loss never fell after the first epoch. Train `params` with `train_epoch` in every epoch, and keep what it returns."),
#     has_equal_value(expr_code="best_epoch", incorrect_msg="`best_epoch` should be the epoch with the lowest validation loss, `{{sol_eval}}`, but yours is `{{stu_eval}}`. Compute the loss of `params` on `X_val, Y_val` after each epoch's training, and compare it with the best so far."),
# )
# Ex().check_object("best_loss").has_equal_value(func=same, incorrect_msg="`best_epoch` is right, but `best_loss` is `{{stu_eval}}`: it should be that epoch's validation loss, `{{sol_eval}}`.")
# Ex().check_object("best_params", missing_msg="`best_params` is not defined: keep the sample's name `best_params`.").has_equal_value(func=same_params, incorrect_msg="`best_params` should be the parameters after the best epoch: whenever the validation loss is the lowest so far, set `best_params = params`.")
# Ex().check_object("test_accuracy", missing_msg="`test_accuracy` is not defined: keep the sample's name `test_accuracy`.").multi(
#     has_equal_value(expr_code="(test_accuracy, accuracy(params, X_test, y_test))", func=lambda student, solution: not same(student[0], student[1]) or same(student[0], solution[0]), incorrect_msg="`test_accuracy` is the accuracy of `params`, the parameters of the last epoch trained; measure the parameters of the best epoch, `best_params`."),
#     has_equal_value(expr_code="(test_accuracy, accuracy(best_params, X_val, Y_val.argmax(axis=0)))", func=lambda student, solution: not same(student[0], student[1]) or same(student[0], solution[0]), incorrect_msg="`test_accuracy` is measured on the validation set; measure it on the test set, `X_test` and `y_test`."),
#     has_equal_value(func=same, incorrect_msg="`test_accuracy` should be the share of the test images that the best epoch's parameters read correctly, `{{sol_eval}}`; yours is `{{stu_eval}}`. Use `accuracy(best_params, X_test, y_test)`."),
# )
# success_msg("Well done: the validation set chose the epoch and stopped the training; the test set was used once, to measure.")

# %% [markdown] tags=["hint"]
# Slices along the second axis split images (columns). Any loss is lower than `np.inf`. In the loop: train one epoch, compute the loss on the validation set, and compare it with the best so far; if it is not lower, `epoch - best_epoch` says how long it has been. The test set comes only at the end.

# %% [markdown]
# ### Summary
#
# * Softmax turns the output layer's sums into probabilities for any number of classes, and
#   with the cross-entropy its error is again $(P - Y)/m$; ReLU's derivative is 1 where a
#   hidden node is active and 0 elsewhere.
# * Mini-batch SGD takes a step per small shuffled batch: many cheap, noisy steps.
# * Choices (the epoch, the learning rate, the model) are made on a validation set; the test
#   set, held out from the start, measures once what the network learned.
# * A baseline says what a model adds: on the centred digits, softmax regression is within a
#   point of the networks; on digits moved by 2 pixels, the hidden layer adds some 20 points.
# * Overfitting shows first in the loss: confident mistakes raise it even while the accuracy
#   holds. Early stopping keeps the epoch where the validation loss is lowest.
# * A confusion matrix shows where the mistakes are, if there are enough of them to tell.
#
# From the single neuron of [Part I]({{< relref "nn-fundamentals-1" >}}), the layers and
# forward pass of [Part II]({{< relref "nn-fundamentals-2" >}}) and the backpropagation of
# [Part III]({{< relref "nn-fundamentals-3" >}}) we arrived at a network, written from scratch
# in numpy, that reads handwritten digits. Every gradient here was derived by hand. Frameworks
# such as PyTorch derive the backward pass automatically from the forward one;
# [Part V]({{< relref "nn-fundamentals-5" >}}) builds such an automatic differentiation from
# scratch.
