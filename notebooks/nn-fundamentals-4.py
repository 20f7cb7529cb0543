# ---
# title: Neural Network Fundamentals IV
# date: 2018-02-15
# tags: [Deep Learning, Neural Networks, Class17/18, Blog Instruction]
# categories: [seminar]
# series: Neural Network Fundamentals
# description: "Part IV of the Neural Network Fundamentals: training on real data, with softmax, mini-batch SGD, a test set, overfitting and handwritten digits"
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
# This is the fourth and last part of our series *Neural Network Fundamentals*.
# [Part I]({{< relref "nn-fundamentals-1" >}}) built a neuron, [Part II]({{< relref "nn-fundamentals-2" >}})
# layers of them, and [Part III]({{< relref "nn-fundamentals-3" >}}) trained a network on XOR
# and on two made-up moons. Now the network learns to read handwritten digits. Real data
# brings four new things: more than two classes (**softmax**), more examples than we want to
# process at once (**mini-batches**), the question whether the network works on images it
# has never seen (a **test set**), and the danger of learning the training images by heart
# (**overfitting**).
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
# ### A test set
#
# A network that classifies its training images well may still fail on new ones. The only
# honest measure is on images it never trained on, so before anything else we set aside 450
# of the 1797, chosen at random with a seeded generator, as the **test set**. We look at them
# only to measure, never to train.

# %%
order = np.random.default_rng(0).permutation(y_all.size)
test, train = order[:450], order[450:]
X_train, y_train = X_all[:, train], y_all[train]
X_test, y_test = X_all[:, test], y_all[test]
print("training set", X_train.shape, "test set", X_test.shape)

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
# call_error = "Calling `softmax` raised `{{stu_str}}`. Every step works on the whole matrix: a column's maximum and sum come from `axis=0`, and `keepdims=True` keeps them as a row that broadcasts over the column."
# Ex().check_function_def("softmax", missing_msg="Define a function `softmax(Z)`.").multi(
#     check_call("f(np.array([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]]))").has_equal_value(func=same_shape, error_msg=call_error, incorrect_msg="`softmax` should return an array of the same shape as `Z`, one probability per class and example, but it returned `{{stu_eval}}`. Reduce with `axis=0` and `keepdims=True`."),
#     check_call("f(np.array([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]]))").has_equal_value(func=same, error_msg=call_error, incorrect_msg="Each column of the result should hold e^z of each entry divided by the column's sum of e^z: for the columns (1, 2, 3) and (0, 0, 0) that is (0.09, 0.2447, 0.6652) and (1/3, 1/3, 1/3), but `softmax` returned `{{stu_eval}}`. Does each column sum to 1?"),
#     check_call("f(np.array([[1000.0, -1000.0], [1001.0, -999.0]]))").has_equal_value(func=same, error_msg=call_error, incorrect_msg="For large sums such as 1000 and 1001, `softmax` returned `{{stu_eval}}`: e<sup>1000</sup> overflows to infinity. Subtract each column's largest value before the exponential; the result does not change, but every exponent becomes at most 0."),
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
# Ex().check_object("Y", missing_msg="`Y` is not defined: if the indexing line raised an error, index the rows with the labels and the columns with the examples' positions, 0 to 3.").multi(
#     has_equal_value(expr_code="np.shape(Y)", incorrect_msg="`Y` has shape `{{stu_eval}}`, but it needs one row per class and one column per example, `{{sol_eval}}`, like `P`."),
#     has_equal_value(expr_code="Y.sum(axis=0)", func=same, incorrect_msg="Each column of `Y` should contain exactly one 1, but the column sums are `{{stu_eval}}`. Index with a pair of arrays, rows and columns, one entry per example."),
#     has_equal_value(func=same, incorrect_msg="Each column has one 1, but not in the right row: column c needs its 1 in the row of `labels[c]`. Your `Y` is `{{stu_eval}}`."),
# )
# Ex().check_object("loss", missing_msg="Define `loss`.").multi(
#     has_equal_value(expr_code="np.shape(loss)", incorrect_msg="`loss` should be one number, but it has shape `{{stu_eval}}`: sum over the classes, then average over the examples."),
#     has_equal_value(func=same, incorrect_msg="`loss` should be -(log 0.7 + log 0.8 + log 0.5 + log 0.3) / 4 ≈ 0.6109, the mean of minus the log probability of each true class; yours is `{{stu_eval}}`. Check the sign, and that you average over the 4 examples, not over all 12 entries."),
# )
# success_msg("Well done: one-hot targets pick the probability of the true class out of each column.")

# %% [markdown] tags=["hint"]
# numpy can set several entries at once when you index with two arrays: one of row numbers, one of column numbers. For the loss, only the true class counts in each column; sum over the classes first, then take the mean over the examples.

# %% [markdown]
# ### Mini-batches
#
# Part III computed the gradient on the whole training set before every step. With 1347
# images that still works, but with millions it would make every step slow. **Mini-batch
# stochastic gradient descent** takes a step after every small batch, say 32 examples: the
# gradient of a batch is a noisy estimate of the full gradient, but 43 cheap steps per pass
# over the 1347 training images (an **epoch**) get further than one expensive one. Before each epoch the
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
# Ex().check_object("order", missing_msg="Define `order`, the shuffled example numbers.").multi(
#     has_equal_value(expr_code="sorted(np.asarray(order).tolist())", incorrect_msg="`order` should contain each example number 0 to 9 exactly once, shuffled; sorted, yours gives `{{stu_eval}}`."),
#     has_equal_value(expr_code="np.asarray(order).tolist()", incorrect_msg="`order` holds the numbers 0 to 9, but not in the order the seeded generator `rng` gives: shuffle once with `rng`, without another generator or seed."),
# )
# Ex().check_object("batches", missing_msg="Define `batches`, the list of batches.").multi(
#     has_equal_value(expr_code="[len(batch) for batch in batches]", incorrect_msg="The batches should have the sizes `{{sol_eval}}`: every batch holds `batch_size` examples, the last one what is left. Yours have the sizes `{{stu_eval}}`."),
#     has_equal_value(func=same_batches, incorrect_msg="The batches have the right sizes but the wrong examples: batch number i holds the shuffled numbers from position i · batch_size on. Yours are `{{stu_eval}}`."),
# )
# success_msg("Right: one shuffle per epoch, then consecutive slices.")

# %% [markdown] tags=["hint"]
# The generator has a method that returns a shuffled range of numbers. A batch is a slice of `order` that starts at `start` and is `batch_size` long; Python slices stop before their end.

# %% [markdown]
# ### The network
#
# The network of Part III with a softmax output: 64 inputs, 32 sigmoid hidden nodes and 10
# outputs, weights scaled by $1/\sqrt{n}$, and the same backward pass. One epoch shuffles the
# training set and takes one step per batch:

# %%
def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def softmax(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def one_hot(labels, classes=10):
    Y = np.zeros((classes, labels.size))
    Y[labels, np.arange(labels.size)] = 1.0
    return Y


def init_params(i_n, h_n, o_n, rng):
    """Return weights drawn from N(0, 1/n) for a layer with n inputs, and zero biases."""
    return {
        "W1": rng.normal(0, 1, (h_n, i_n)) / np.sqrt(i_n), "b1": np.zeros((h_n, 1)),
        "W2": rng.normal(0, 1, (o_n, h_n)) / np.sqrt(h_n), "b2": np.zeros((o_n, 1)),
    }


def forward(params, X):
    """Return the hidden values H and the class probabilities P for the batch X."""
    H = sigmoid(params["W1"] @ X + params["b1"])
    P = softmax(params["W2"] @ H + params["b2"])
    return H, P


def loss(params, X, Y):
    """Return the mean cross-entropy of the network on the examples X with one-hot targets Y."""
    return -np.mean(np.sum(Y * np.log(forward(params, X)[1]), axis=0))


def backward(params, X, Y):
    """Return the gradients of the cross-entropy with respect to every parameter."""
    H, P = forward(params, X)
    delta2 = (P - Y) / X.shape[1]
    delta1 = (params["W2"].T @ delta2) * H * (1 - H)
    return {
        "W1": delta1 @ X.T, "b1": delta1.sum(axis=1, keepdims=True),
        "W2": delta2 @ H.T, "b2": delta2.sum(axis=1, keepdims=True),
    }


def train_epoch(params, X, Y, lr, batch_size, rng):
    """One pass over the shuffled examples, one gradient step per mini-batch."""
    order = rng.permutation(X.shape[1])
    for start in range(0, X.shape[1], batch_size):
        batch = order[start:start + batch_size]
        grads = backward(params, X[:, batch], Y[:, batch])
        for name in params:
            params[name] = params[name] - lr * grads[name]
    return params


def predict(params, X):
    """Return the most probable class of every example."""
    return forward(params, X)[1].argmax(axis=0)

# %% [markdown]
# Train it for 20 epochs, 43 steps each, and measure on the test set. We also check that
# every test prediction is decided by a clear margin between the two most probable classes:
# then the counts below cannot change with the last digits of the arithmetic, which differ
# slightly between processors.

# %%
rng = np.random.default_rng(1)
params = init_params(64, 32, 10, rng)
Y_train, Y_test = one_hot(y_train), one_hot(y_test)
for epoch in range(20):
    params = train_epoch(params, X_train, Y_train, lr=2.0, batch_size=32, rng=rng)

P_test = forward(params, X_test)[1]
top_two = np.sort(P_test, axis=0)[-2:]
assert np.min(top_two[1] - top_two[0]) > 1e-6  # no prediction is a near tie
correct_train = np.sum(predict(params, X_train) == y_train)
correct_test = np.sum(predict(params, X_test) == y_test)
print(f"training set: {correct_train} of {y_train.size} right ({correct_train / y_train.size:.1%})")
print(f"test set:     {correct_test} of {y_test.size} right ({correct_test / y_test.size:.1%})")
print("parameters:", sum(value.size for value in params.values()))
assert len(range(0, y_train.size, 32)) == 43
assert round(correct_test / y_test.size, 2) == 0.97 and sum(value.size for value in params.values()) == 2410

# %% [markdown]
# About 97% of the test images are read correctly, by a network of 2410 parameters that had
# never seen those images.
#
# ### Overfitting
#
# The training set is never quite the whole truth. A network with enough parameters can fit
# the quirks of its training images, and then it gets better on them while it gets *worse*
# on new ones. To see this happen, train a bigger network (64 hidden nodes) on only 100 of
# the training images, for 300 epochs, and measure both losses after every epoch:

# %%
small = np.arange(100)
rng = np.random.default_rng(1)
params_small = init_params(64, 64, 10, rng)
history = []
for epoch in range(300):
    params_small = train_epoch(params_small, X_train[:, small], Y_train[:, small], lr=2.0, batch_size=20, rng=rng)
    history.append((loss(params_small, X_train[:, small], Y_train[:, small]), loss(params_small, X_test, Y_test)))
train_loss, test_loss = np.array(history).T
best = np.argmin(test_loss)
assert np.sort(test_loss)[1] - test_loss[best] > 1e-9  # the lowest epoch is not a near tie
print(f"training loss: below 0.01 after 300 epochs")
print(f"test loss: lowest after epoch {best + 1}, then it rises by more than 0.03")
assert train_loss[-1] < 0.01 and best < 100 and test_loss[-1] > test_loss[best] + 0.03
assert 0.3 < test_loss[best] < 0.4 < test_loss[-1] < 0.45

# %% tags=["hide-input"] alt="Training and test loss of the network trained on 100 images, over 300 epochs, with the loss axis cut at 0.8: the training loss falls to almost 0, while the test loss falls to its lowest point, about 0.35, at the dotted line near epoch 30, and then rises slowly but steadily to about 0.4."
plt.figure(figsize=(6.5, 3.6))
epochs = np.arange(1, 301)
plt.plot(epochs, train_loss, label="training loss (100 images)")
plt.plot(epochs, test_loss, label="test loss (450 images)")
plt.axvline(best + 1, color="grey", linestyle=":", linewidth=1)
plt.ylim(0, 0.8)
plt.xlabel("epoch")
plt.ylabel("cross-entropy loss")
plt.legend()
plt.show()

# %% [markdown]
# After the dotted line, every further epoch makes the network more confident about its 100
# training images and less right about everything else. The remedies all limit how closely
# the network can fit: more training data, stopping at the epoch where the loss on held-out data is lowest (*early stopping*), fewer
# parameters, or a penalty on large weights. To choose such settings honestly, hold out a
# third set, a *validation set*, and keep the test set for the final measurement only.
#
# ### Which digits get confused
#
# The accuracy is one number. A **confusion matrix** shows where the mistakes are: entry
# $(t, p)$ counts the test images of the true digit $t$ that the network read as $p$. The
# diagonal holds the correct answers. Write it:

# %% tags=["pre-exercise-code"] exercise="confusion-matrix"
import numpy as np

# True and predicted classes of 8 examples, with 3 classes
y_true = np.array([0, 0, 1, 1, 1, 2, 2, 2])
y_pred = np.array([0, 1, 1, 1, 2, 2, 2, 0])
classes = 3

# %% [raw] tags=["sample-code"]
# # counts[t, p]: how many examples of the true class t were predicted as class p
# counts = np.zeros((classes, classes), dtype=int)
# for t, p in zip(y_true, y_pred):
#     ___
#
# print(counts)

# %% tags=["solution"]
# counts[t, p]: how many examples of the true class t were predicted as class p
counts = np.zeros((classes, classes), dtype=int)
for t, p in zip(y_true, y_pred):
    counts[t, p] += 1

print(counts)

# %% tags=["solution-alternative"]
# counts[t, p]: how many examples of the true class t were predicted as class p
counts = np.zeros((classes, classes), dtype=int)
np.add.at(counts, (y_true, y_pred), 1)

print(counts)

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.array_equal(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# Ex().check_object("counts", missing_msg="Define `counts`, the confusion matrix.").multi(
#     has_equal_value(expr_code="np.shape(counts)", incorrect_msg="`counts` has shape `{{stu_eval}}`, but it needs one row per true class and one column per predicted class, `{{sol_eval}}`."),
#     has_equal_value(expr_code="int(np.sum(counts))", incorrect_msg="`counts` should count each of the 8 examples once, but its entries add up to `{{stu_eval}}`. Add 1 for every example, inside the loop."),
#     has_equal_value(expr_code="np.trace(counts)", incorrect_msg="The diagonal of `counts` should hold the 5 correct predictions, but it holds `{{stu_eval}}`: the row is the true class `t`, the column the predicted class `p`."),
#     has_equal_value(func=same, incorrect_msg="`counts` has the right total and diagonal, but a mistake is in the wrong place: row = true class, column = predicted class. Yours is `{{stu_eval}}`."),
# )
# success_msg("Right: the diagonal holds the correct answers, every other entry one kind of mistake.")

# %% [markdown] tags=["hint"]
# Each pass through the loop is one example: which single entry of `counts` should it increase, and by how much? Rows are true classes, columns predicted ones.

# %% [markdown]
# The confusion matrix of the digit network on the 450 test images:

# %%
counts = np.zeros((10, 10), dtype=int)
for t, p in zip(y_test, predict(params, X_test)):
    counts[t, p] += 1
print("rows: true digit, columns: predicted digit")
print(counts)
mistakes = counts - np.diag(np.diag(counts))
print(f"{mistakes.sum()} mistakes; no digit is read as the same wrong digit more than {mistakes.max()} time(s)")
assert counts.sum() == 450 and np.trace(counts) == correct_test and mistakes.max() == 1

# %% [markdown]
# The mistakes are spread thin: no digit is mistaken for the same other digit twice, so no
# pair of digits is systematically confused. On a harder dataset the off-diagonal entries
# point at the pairs that need more data or a better model.
#
# ### Capstone: backpropagation and a training step
#
# Now put it all together yourself. The data, a split like the one above, `softmax`,
# `forward` and `init_params` are loaded. Write `backward`, which returns the gradients of the
# cross-entropy for a batch, and `train_step`, which returns the parameters after one step
# of gradient descent on a batch. The last two lines check your `backward` against finite
# differences, then train with your two functions for 10 epochs of mini-batches and measure
# the test accuracy.

# %% tags=["pre-exercise-code"] exercise="capstone" timeout=60
import numpy as np
from sklearn.datasets import load_digits

digits = load_digits()
X_all, y_all = digits.data.T / 16.0, digits.target
order = np.random.RandomState(0).permutation(y_all.size)
test, train = order[:450], order[450:]
X_train, y_train, X_test, y_test = X_all[:, train], y_all[train], X_all[:, test], y_all[test]

def one_hot(labels, classes=10):
    Y = np.zeros((classes, labels.size))
    Y[labels, np.arange(labels.size)] = 1.0
    return Y

Y_train = one_hot(y_train)

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def softmax(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)

def init_params(i_n, h_n, o_n, rng):
    return {"W1": rng.normal(0, 1, (h_n, i_n)) / np.sqrt(i_n), "b1": np.zeros((h_n, 1)),
            "W2": rng.normal(0, 1, (o_n, h_n)) / np.sqrt(h_n), "b2": np.zeros((o_n, 1))}

def forward(params, X):
    H = sigmoid(params["W1"] @ X + params["b1"])
    return H, softmax(params["W2"] @ H + params["b2"])

def loss(params, X, Y):
    return -np.mean(np.sum(Y * np.log(forward(params, X)[1]), axis=0))

def check_params():
    """A small network with non-zero biases, and 6 examples, for checking gradients."""
    rng = np.random.RandomState(7)
    params = init_params(64, 5, 10, rng)
    params["b1"] = rng.normal(size=(5, 1))
    params["b2"] = rng.normal(size=(10, 1))
    return params, X_train[:, :6], Y_train[:, :6]

def gradient_check(backward, eps=1e-5):
    """Return the largest relative error between backward's gradients and central differences."""
    params, X, Y = check_params()
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

def train_and_test(train_step, epochs=10, batch_size=32, lr=2.0):
    """Train a fresh 64-32-10 network with train_step on mini-batches; return the test accuracy."""
    rng = np.random.RandomState(1)
    params = init_params(64, 32, 10, rng)
    for epoch in range(epochs):
        order = rng.permutation(y_train.size)
        for start in range(0, y_train.size, batch_size):
            batch = order[start:start + batch_size]
            params = train_step(params, X_train[:, batch], Y_train[:, batch], lr)
    return float(np.mean(forward(params, X_test)[1].argmax(axis=0) == y_test))

# %% [raw] tags=["sample-code"]
# # The gradients of the cross-entropy with respect to every parameter, for the batch X, Y
# def backward(params, X, Y):
#     H, P = forward(params, X)
#     m = X.shape[1]
#     delta2 = ___
#     delta1 = ___
#     return {"W1": ___, "b1": delta1.sum(axis=1, keepdims=True),
#             "W2": ___, "b2": delta2.sum(axis=1, keepdims=True)}
#
# # The parameters after one step of gradient descent on the batch X, Y
# def train_step(params, X, Y, lr):
#     grads = backward(params, X, Y)
#     return {name: ___ for name in params}
#
# print("largest relative error against finite differences:", gradient_check(backward))
# print("test accuracy after 10 epochs:", train_and_test(train_step))

# %% tags=["solution"]
# The gradients of the cross-entropy with respect to every parameter, for the batch X, Y
def backward(params, X, Y):
    H, P = forward(params, X)
    m = X.shape[1]
    delta2 = (P - Y) / m
    delta1 = (params["W2"].T @ delta2) * H * (1 - H)
    return {"W1": delta1 @ X.T, "b1": delta1.sum(axis=1, keepdims=True),
            "W2": delta2 @ H.T, "b2": delta2.sum(axis=1, keepdims=True)}

# The parameters after one step of gradient descent on the batch X, Y
def train_step(params, X, Y, lr):
    grads = backward(params, X, Y)
    return {name: params[name] - lr * grads[name] for name in params}

print("largest relative error against finite differences:", gradient_check(backward))
print("test accuracy after 10 epochs:", train_and_test(train_step))

# %% tags=["solution-alternative"]
# The gradients of the cross-entropy with respect to every parameter, for the batch X, Y
def backward(params, X, Y):
    H, P = forward(params, X)
    m = X.shape[1]
    delta2 = (P - Y) / m
    delta1 = np.dot(params["W2"].T, delta2) * (H - H ** 2)
    return {"W1": delta1 @ X.T, "b1": delta1.sum(axis=1, keepdims=True),
            "W2": delta2 @ H.T, "b2": delta2.sum(axis=1, keepdims=True)}

# The parameters after one step of gradient descent on the batch X, Y
def train_step(params, X, Y, lr):
    grads = backward(params, X, Y)
    for name in params:
        params[name] -= lr * grads[name]
    return params

print("largest relative error against finite differences:", gradient_check(backward))
print("test accuracy after 10 epochs:", train_and_test(train_step))

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
#         return set(student) == set(solution) and all(same(student[name], solution[name]) for name in solution)
#     except (TypeError, ValueError):
#         return False
#
# shapes = "In the check, `X` is (64, 6), `Y` and `P` are (10, 6), `H` is (5, 6), `W1` is (5, 64) and `W2` is (10, 5); every gradient has the shape of its parameter."
# call_error = "Calling `backward` on a small batch raised `{{stu_str}}`. " + shapes
# grad = "backward(*check_params())['{}']"
# Ex().check_function_def("backward", missing_msg="Define a function `backward(params, X, Y)`.")
# for name, layer in [("W2", "the output layer's weights: `delta2` paired with the hidden values, which are the output layer's input"), ("b2", "the output layer's biases: `delta2` summed over the examples"), ("W1", "the hidden layer's weights: `delta1` paired with the hidden layer's input, `X`"), ("b1", "the hidden layer's biases: `delta1` summed over the examples")]:
#     Ex().multi(
#         has_equal_value(expr_code="np.shape(" + grad.format(name) + ")", error_msg=call_error, incorrect_msg="The gradient `" + name + "` has shape `{{stu_eval}}`, but it must have the shape of the parameter, `{{sol_eval}}`. " + shapes),
#         has_equal_value(expr_code=grad.format(name), func=same, error_msg=call_error, incorrect_msg="The gradient `" + name + "` has the right shape but wrong values. It is " + layer + ". " + ("Check `delta2`: the softmax output's error, averaged over the batch." if name in ("W2", "b2") else "Check `delta1`: `delta2` sent back through the transposed output weights, times the hidden sigmoid's derivative.")),
#     )
# Ex().has_equal_value(expr_code="gradient_check(backward) < 1e-6", incorrect_msg="Your gradients do not agree with finite differences: the largest relative error is above 1e-6.")
# Ex().check_function_def("train_step", missing_msg="Define a function `train_step(params, X, Y, lr)`.").check_call("f(check_params()[0], check_params()[1], check_params()[2], 0.5)").has_equal_value(func=same_params, error_msg="Calling `train_step` raised `{{stu_str}}`. It should return a dictionary with the same names as `params`.", incorrect_msg="`train_step` should return every parameter moved against its gradient by `lr` times the gradient, in a dictionary with the same names as `params`.")
# Ex().has_equal_value(expr_code="train_and_test(train_step)", func=lambda student, solution: student >= 0.9, incorrect_msg="After 10 epochs with your `train_step`, the test accuracy is `{{stu_eval}}`, below 90%.")
# success_msg("Congratulations: your own backpropagation passes the gradient check and reads handwritten digits.")

# %% [markdown] tags=["hint"]
# Everything is in Part III and above: the softmax output's error has the same form as the sigmoid's there. The hidden layer's derivative is written with `H`. Each weight gradient pairs a layer's delta with that layer's input, transposed. A gradient step goes downhill.

# %% [markdown]
# ### Summary
#
# * Softmax turns the output layer's sums into probabilities for any number of classes, and
#   with the cross-entropy its error is again $(P - Y)/m$.
# * Mini-batch SGD takes a step per small shuffled batch: many cheap, noisy steps.
# * A test set, held out from the start, measures what the network learned rather than what
#   it memorised; its loss rising while the training loss falls is overfitting.
# * A confusion matrix shows which classes the mistakes are between.
#
# That completes the series. From the single neuron of [Part I]({{< relref "nn-fundamentals-1" >}}),
# the layers and forward pass of [Part II]({{< relref "nn-fundamentals-2" >}}) and the
# backpropagation of [Part III]({{< relref "nn-fundamentals-3" >}}) we arrived at a network,
# written from scratch in numpy, that reads handwritten digits. Frameworks such as PyTorch
# compute the same things, with the backward pass derived automatically from the forward one.
