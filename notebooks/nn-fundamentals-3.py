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
# import re
# import numpy as np
#
# def keep_def(name, signature):
#     """Fail when the function is written as a lambda, naming the sample's `def`."""
#     if re.search(r"\b" + name + r"\s*=\s*lambda\b", Ex()._state.student_code):
#         Ex().fail("`" + name + "` is a lambda here, but the sample defines it with `def " + signature + ":`. Keep the `def`: the checks look for the function it defines.")
#
# def blanks(advice):
#     """Fail on the first line that still holds a blank `___`, naming it."""
#     for line in Ex()._state.student_code.splitlines():
#         text = line.strip()
#         if "___" in text and not text.startswith("#"):
#             said = [tip for key, tip in advice if key in text] + ["replace it with your code"]
#             Ex().fail("{% raw %}The line `" + text + "` still has a blank `___`: " + said[0] + "{% endraw %}")
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# def unlike(wrong):
#     """Fail only on the given wrong value, so that its message names the mistake."""
#     def test(student, solution):
#         try:
#             return not (np.shape(student) == np.shape(wrong) and bool(np.allclose(student, wrong)))
#         except (TypeError, ValueError):
#             return True
#     return test
#
# keep_def("mse", "mse(y_hat, y)")
# blanks([("np.mean(___)", "inside `np.mean` goes one squared error per example, from the predictions `y_hat` and the targets `y`.")])
# call_error = (
#     "Calling `mse` raised `{{stu_str}}`. "
#     "{% if 'xor' in stu_str %}In Python `^` is not a power but a bitwise operation: squares are written `** 2`."
#     "{% elif 'is not defined' in stu_str %}Inside `mse` the arrays are its arguments, `y_hat` and `y` (mind the case)."
#     "{% elif 'callable' in stu_str %}A number or array followed by parentheses is a call: multiply with `*`."
#     "{% else %}`mse` should work on numpy arrays of any shape, element by element.{% endif %}"
# )
# y_hat, y = np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0])
# d = y_hat - y
# call = "f(np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0]))"
# mistakes = [
#     (np.sum(d ** 2), "`mse` returned 0.21, the sum of the squared errors 0.01, 0.04 and 0.16: the mean divides it by the number of examples, as `np.mean` does."),
#     (np.mean(d) ** 2, "`mse` returned 0.01, the square of the mean error: square each error first, then average the squares."),
#     (np.mean(d), "`mse` returned -0.1, the mean of the errors without squaring them: positive and negative errors cancel. Square each error."),
#     (np.mean(np.abs(d)), "`mse` returned the mean absolute error, 0.233: square the errors instead of taking their absolute values."),
#     (np.mean(2 * d), "`mse` returned -0.2: `* 2` doubles the errors, `** 2` squares them."),
#     (np.sqrt(np.mean(d ** 2)), "`mse` returned 0.265, the square root of the mean squared error (the RMSE): leave out the root."),
#     (np.mean(d ** 2) / 2, "`mse` returned 0.035, half the mean squared error: the loss here is the plain mean, without the factor 1/2."),
#     (np.mean(y_hat ** 2 - y ** 2), "`mse` returned -0.263: it squares the predictions and the targets separately. Square their difference."),
# ]
# Ex().check_function_def("mse", missing_msg="Define a function `mse(y_hat, y)`.").multi(
#     [check_call(call).has_equal_value(func=unlike(wrong), error_msg=call_error, incorrect_msg=msg) for wrong, msg in mistakes]
#     + [
#         check_call(call).has_equal_value(func=same, error_msg=call_error, incorrect_msg="For predictions 0.9, 0.2, 0.6 and targets 1, 0, 1 the squared errors are 0.01, 0.04 and 0.16, so `mse` should return their mean, 0.07; yours returned `{{stu_eval}}`."),
#         check_call("f(np.array([[0.5, 0.1, 0.8, 0.3]]), np.array([[1.0, 0.0, 0.0, 1.0]]))").has_equal_value(func=same, error_msg=call_error, incorrect_msg="`mse` should return one number, the mean over all entries, also for a (1, m) row of outputs; it returned `{{stu_eval}}`. `len` and the built-in `sum` see only the rows of a 2-d array, and `axis=` keeps one value per column; `np.mean` of the whole array averages every entry."),
#     ]
# )
# Ex().has_no_error(incorrect_msg="`mse` is right, but the rest of your code raised `{{error}}`: the sample's last line prints `mse` of two arrays.")
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
# import re
# import numpy as np
#
# def keep_def(name, signature):
#     """Fail when the function is written as a lambda, naming the sample's `def`."""
#     if re.search(r"\b" + name + r"\s*=\s*lambda\b", Ex()._state.student_code):
#         Ex().fail("`" + name + "` is a lambda here, but the sample defines it with `def " + signature + ":`. Keep the `def`: the checks look for the function it defines.")
#
# def blanks(advice):
#     """Fail on the first line that still holds a blank `___`, naming it."""
#     for line in Ex()._state.student_code.splitlines():
#         text = line.strip()
#         if "___" in text and not text.startswith("#"):
#             said = [tip for key, tip in advice if key in text.replace(" ", "")] + ["replace it with your code"]
#             Ex().fail("{% raw %}The line `" + text + "` still has a blank `___`: " + said[0] + "{% endraw %}")
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# def unlike(wrong):
#     """Fail only on the given wrong value, so that its message names the mistake."""
#     def test(student, solution):
#         try:
#             return not (np.shape(student) == np.shape(wrong) and bool(np.allclose(student, wrong)))
#         except (TypeError, ValueError):
#             return True
#     return test
#
# def holds(condition):
#     """Fail when a number the student's function returns does not meet the condition."""
#     def test(student, solution):
#         try:
#             return np.ndim(student) > 0 or bool(condition(float(student)))
#         except (TypeError, ValueError):
#             return True
#     return test
#
# keep_def("cross_entropy", "cross_entropy(y_hat, y)")
# blanks([
#     ("y*___", "the first blank is the log of the probability the network gives to the target 1."),
#     ("(1-y)*___", "the second blank is the log of the probability the network gives to the target 0."),
# ])
# call_error = (
#     "Calling `cross_entropy` raised `{{stu_str}}`. "
#     "{% if 'math' in stu_str or 'scalar' in stu_str %}`math.log` takes one number only: `np.log` works on arrays, element by element."
#     "{% elif 'is not defined' in stu_str %}Inside `cross_entropy` the arrays are its arguments, `y_hat` and `y` (mind the case), and the logarithm is `np.log`."
#     "{% else %}It should work on numpy arrays, element by element.{% endif %}"
# )
# three = "f(np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0]))"
# terms = np.log(np.array([0.9, 0.8, 0.6]))  # the log of the probability of each example's target
# Ex().check_function_def("cross_entropy", missing_msg="Define a function `cross_entropy(y_hat, y)`.").multi(
#     check_call(three).has_equal_value(func=unlike(np.mean(terms)), error_msg=call_error, incorrect_msg="`cross_entropy` returned -0.280, a negative loss: the logs of probabilities are negative, and the minus in front of the mean makes the loss positive. Is it still there?"),
#     check_call(three).has_equal_value(func=unlike(np.sum(terms)), error_msg=call_error, incorrect_msg="`cross_entropy` returned -0.839, a negative loss and a sum: the minus in front makes the loss positive, and the loss is a mean over the examples (`np.mean`), not their sum."),
#     check_call("f(np.array([0.9, 0.9]), np.array([1.0, 1.0]))").has_equal_value(func=holds(lambda value: value == value), error_msg=call_error, incorrect_msg="For targets 1 `cross_entropy` returned `nan`: the term that `1 - y` multiplies takes the log of 0. Its log must be of the probability the network gives to the target 0, which uses the prediction `y_hat`, not the target `y`."),
#     check_call("f(np.array([0.2, 0.2]), np.array([0.0, 0.0]))").has_equal_value(func=holds(lambda value: value == value), error_msg=call_error, incorrect_msg="For targets 0 `cross_entropy` returned `nan`: the term that `y` multiplies takes the log of 0. Its log must be of the probability the network gives to the target 1, the prediction `y_hat`, not the target `y`."),
#     check_call(three).has_equal_value(func=unlike(-np.sum(terms)), error_msg=call_error, incorrect_msg="`cross_entropy` returned 0.839, the sum of the three examples' losses: the cross-entropy is their mean over the examples, as `np.mean` takes it."),
#     check_call(three).has_equal_value(func=unlike(-np.mean(terms) / np.log(10)), error_msg=call_error, incorrect_msg="`cross_entropy` returned 0.122, with logarithms to the base 10: the cross-entropy uses the natural logarithm, `np.log`."),
#     check_call("f(np.array([0.9, 0.9]), np.array([1.0, 1.0]))").has_equal_value(func=same, error_msg=call_error, incorrect_msg="For targets 1 only the first term counts: predictions 0.9 should give -log 0.9 ≈ 0.1054, but `cross_entropy` returned `{{stu_eval}}`. Check the term that `y` multiplies: the log of the probability of the target 1, which is `y_hat`."),
#     check_call("f(np.array([0.2, 0.2]), np.array([0.0, 0.0]))").has_equal_value(func=same, error_msg=call_error, incorrect_msg="For targets 0 only the second term counts: predictions 0.2 should give -log 0.8 ≈ 0.2231, the log of the probability of the target 0; `cross_entropy` returned `{{stu_eval}}`. Check the term that `1 - y` multiplies."),
#     check_call(three).has_equal_value(func=same, error_msg=call_error, incorrect_msg="For targets 1, 0, 1 and predictions 0.9, 0.2, 0.6, `cross_entropy` should be -(log 0.9 + log 0.8 + log 0.6) / 3 ≈ 0.2798, one number, a mean over the examples; yours returned `{{stu_eval}}`."),
# )
# Ex().has_no_error(incorrect_msg="`cross_entropy` is right, but the rest of your code raised `{{error}}`: the sample's last line prints the loss of three predictions.")
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
# For that we need the derivative of the loss with respect to every parameter. There is a slow
# way to get any derivative, with no calculus at all: evaluate the function a small step
# $\varepsilon$ to each side. For a parameter $\theta_k$, the **central difference**
#
# $$\frac{\partial L}{\partial \theta_k} \approx \frac{L(\theta + \varepsilon e_k) - L(\theta - \varepsilon e_k)}{2\varepsilon}$$
#
# has an error of order $\varepsilon^2$. It needs two evaluations of the loss per parameter, far
# too slow for training a network of thousands of weights, but it will check the fast way that
# follows. Write it for a function of one variable:

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
# import re
# import numpy as np
#
# def keep_def(name, signature):
#     """Fail when the function is written as a lambda, naming the sample's `def`."""
#     if re.search(r"\b" + name + r"\s*=\s*lambda\b", Ex()._state.student_code):
#         Ex().fail("`" + name + "` is a lambda here, but the sample defines it with `def " + signature + ":`. Keep the `def`: the checks look for the function it defines.")
#
# def blanks(advice):
#     """Fail on the first line that still holds a blank `___`, naming it."""
#     for line in Ex()._state.student_code.splitlines():
#         text = line.strip()
#         if "___" in text and not text.startswith("#"):
#             said = [tip for key, tip in advice if key in text.replace(" ", "")] + ["replace it with your code"]
#             Ex().fail("{% raw %}The line `" + text + "` still has a blank `___`: " + said[0] + "{% endraw %}")
#
# def near(target, tolerance):
#     """Pass when the student's number is within `tolerance` of `target`."""
#     def test(student, solution):
#         try:
#             return abs(float(student) - target) < tolerance
#         except (TypeError, ValueError):
#             return False
#     return test
#
# def unlike(wrong, tolerance):
#     """Fail only on the given wrong value, so that its message names the mistake."""
#     def test(student, solution):
#         try:
#             return not abs(float(student) - wrong) < tolerance
#         except (TypeError, ValueError):
#             return True
#     return test
#
# keep_def("numerical_derivative", "numerical_derivative(f, x, eps=1e-5)")
# blanks([
#     ("(___-___)", "both blanks are values of the function `f`: one a step `eps` to the right of `x`, one a step `eps` to the left."),
#     ("(___-", "the first blank is the value of `f` a step `eps` to the right of `x`."),
#     ("-___)", "the second blank is the value of `f` a step `eps` to the left of `x`."),
# ])
# call_error = (
#     "Calling `numerical_derivative` raised `{{stu_str}}`. "
#     "{% if 'not callable' in stu_str %}`f` is a function: call it at a point, `f(...)`; to multiply, write `*`."
#     "{% elif 'operand' in stu_str and ('ufunc' in stu_str or 'function' in stu_str) %}`f` is a function: call it at a point, `f(x + eps)`, rather than multiply it."
#     "{% elif 'is not defined' in stu_str %}Inside `numerical_derivative` use its arguments `f`, `x` and `eps`."
#     "{% else %}It should call the function `f` it is given, at two points near `x`.{% endif %}"
# )
# sin_call = "f(np.sin, 1.0)"
# Ex().check_function_def("numerical_derivative", missing_msg="Define a function `numerical_derivative(f, x, eps=1e-5)`.").multi(
#     check_call(sin_call).has_equal_value(func=unlike(0.0, 1e-3), error_msg=call_error, incorrect_msg="`numerical_derivative(np.sin, 1.0)` gave `{{stu_eval}}`: the numerator is 0 when it subtracts two equal values. Evaluate `f` at two different points, `x + eps` and `x - eps`."),
#     check_call(sin_call).has_equal_value(func=unlike(-np.cos(1.0), 1e-4), error_msg=call_error, incorrect_msg="`numerical_derivative(np.sin, 1.0)` gave `{{stu_eval}}`, minus cos(1): the value on the left is subtracted from the value on the right, not the other way round."),
#     check_call(sin_call).has_equal_value(func=unlike(np.cos(1.0) / 2, 1e-4), error_msg=call_error, incorrect_msg="`numerical_derivative(np.sin, 1.0)` gave `{{stu_eval}}`, half of cos(1): your two points are only `eps` apart, but the denominator is `2 * eps`. Look a step `eps` to both sides of `x`."),
#     check_call(sin_call).has_equal_value(func=near(np.cos(1.0), 1e-8), error_msg=call_error, incorrect_msg="`numerical_derivative(np.sin, 1.0)` should agree with cos(1) ≈ 0.54030231 to 8 decimals, but it gave `{{stu_eval}}`. A one-sided difference is only accurate to about eps; the central difference looks eps to both sides of x."),
#     check_call("f(lambda t: t ** 3, 2.0)").has_equal_value(func=near(12.0, 1e-6), error_msg=call_error, incorrect_msg="The derivative of t³ at 2 is 12, but `numerical_derivative(lambda t: t ** 3, 2.0)` gave `{{stu_eval}}`. Does the function use its argument `f`, or a function of its own?"),
#     check_call("f(lambda t: t ** 3, 2.0, 0.5)").has_equal_value(func=near(12.25, 1e-9), error_msg=call_error, incorrect_msg="With `eps=0.5` the central difference of t³ at 2 is (2.5³ - 1.5³) / 1 = 12.25, but `numerical_derivative(lambda t: t ** 3, 2.0, 0.5)` gave `{{stu_eval}}`. Use the argument `eps`, not a number of your own."),
# )
# Ex().has_no_error(incorrect_msg="`numerical_derivative` is right, but the rest of your code raised `{{error}}`: the sample's last line prints the estimate beside cos(1).")
# success_msg("Well done. A one-sided difference (f(x + eps) - f(x)) / eps would only be accurate to about eps.")

# %% [markdown] tags=["hint"]
# Evaluate `f` a small step `eps` to the right of `x` and the same step to the left; the denominator is already there.

# %% [markdown]
# Now the descent itself. The learning rate $\eta$ sets the step size: too small and training
# crawls, too large and the steps overshoot the minimum (we measure both below). Try it on
# $f(w) = (w - 3)^2$, whose derivative is $f'(w) = 2(w - 3)$ and whose minimum is at $w = 3$.

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
# def blanks(advice):
#     """Fail on the first line that still holds a blank `___`, naming it."""
#     for line in Ex()._state.student_code.splitlines():
#         text = line.strip()
#         if "___" in text and not text.startswith("#"):
#             said = [tip for key, tip in advice if text.replace(" ", "").startswith(key)] + ["replace it with your code"]
#             Ex().fail("{% raw %}The line `" + text + "` still has a blank `___`: " + said[0] + "{% endraw %}")
#
# def close(student, solution):
#     try:
#         return bool(np.isclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# def unlike(wrong):
#     """Fail only on the given wrong value, so that its message names the mistake."""
#     def test(student, solution):
#         try:
#             return not bool(np.isclose(student, wrong))
#         except (TypeError, ValueError):
#             return True
#     return test
#
# def on_path(more):
#     """Fail when `w` is where gradient descent from 0 gets after more (or fewer) steps than 50."""
#     def test(student, solution):
#         try:
#             steps = np.log((3 - float(student)) / 3) / np.log(0.8)
#         except (TypeError, ValueError, ZeroDivisionError):
#             return True
#         if not np.isfinite(steps) or abs(steps - round(steps)) > 1e-3 or round(steps) == 50:
#             return True
#         return (round(steps) > 50) != more
#     return test
#
# blanks([
#     ("grad=___", "`grad` is the derivative of f at the current `w`, from the text above."),
#     ("w=___", "the new `w` is one step from the old one, against the gradient."),
# ])
# step_error = (
#     "One step of the loop, from w = 1.5, raised `{{stu_str}}`. "
#     "{% if 'is not defined' in stu_str %}The loop uses `w`, `lr` and `grad`: check the spelling."
#     "{% elif 'callable' in stu_str %}A number followed by parentheses is a call: multiply with `*`, as in `2 * (w - 3)`."
#     "{% else %}Compute `grad` first, then update `w` with it; `w`, `lr` and `grad` are plain numbers, so multiply them with `*` (`@` is for arrays).{% endif %}"
# )
# body = Ex().check_for_loop(missing_msg="Keep the sample's `for` loop of 50 steps: the checks run its body.").check_body().set_env(w=1.5)
# body.multi(
#     has_equal_value(name="grad", func=unlike(2.25), incorrect_msg="At w = 1.5 your `grad` is 2.25, the value of f itself, (w - 3)². The gradient is its derivative, 2 (w - 3).", undefined_msg="The sample names the derivative `grad`: keep that name, and compute it in the loop.", error_msg=step_error),
#     has_equal_value(name="grad", func=unlike(3.0), incorrect_msg="At w = 1.5 your `grad` is 3, but the derivative 2 (w - 3) is -3 there: f falls towards w = 3, so its slope is negative. Check the sign.", error_msg=step_error),
#     has_equal_value(name="grad", func=unlike(-1.5), incorrect_msg="At w = 1.5 your `grad` is -1.5, half the derivative: the derivative of (w - 3)² is 2 (w - 3), with the factor 2.", error_msg=step_error),
#     has_equal_value(name="grad", func=close, incorrect_msg="At w = 1.5, `grad` should be the derivative of (w - 3)², 2 (1.5 - 3) = -3; yours is `{{stu_eval}}`. The derivative is in the text above.", error_msg=step_error),
#     has_equal_value(name="w", func=unlike(1.2), incorrect_msg="`grad` is right, but one step from w = 1.5 moves your `w` to 1.2, uphill: adding the gradient climbs. Subtract the learning rate times the gradient.", error_msg=step_error),
#     has_equal_value(name="w", func=unlike(4.5), incorrect_msg="`grad` is right, but one step from w = 1.5 moves your `w` to 4.5, past the minimum: the step is the gradient times the learning rate `lr`.", error_msg=step_error),
#     has_equal_value(name="w", func=unlike(0.3), incorrect_msg="`grad` is right, but one step from w = 1.5 makes your `w` 0.3, the step alone: the new `w` is the old `w` minus the step.", error_msg=step_error),
#     has_equal_value(name="w", func=close, incorrect_msg="`grad` is right, but one step from w = 1.5 should move `w` against the gradient, by the learning rate times the gradient, to 1.8; yours moves it to `{{stu_eval}}`.", error_msg=step_error),
# )
# after = "The distance to 3 shrinks by the factor 0.8 with each step, and 50 steps from w = 0 reach w ≈ 2.99996."
# Ex().check_object("w").multi(
#     has_equal_value(func=on_path(more=True), incorrect_msg="Each step is right, but after the loop `w` is `{{stu_eval}}`, closer to 3 than 50 steps get: your loop runs more than the 50 steps asked for. " + after),
#     has_equal_value(func=on_path(more=False), incorrect_msg="Each step is right, but after the loop `w` is `{{stu_eval}}`, farther from 3 than 50 steps get: your loop runs fewer than the 50 steps asked for. " + after),
#     has_equal_value(func=close, incorrect_msg="Each step is right, but after the loop `w` is `{{stu_eval}}` instead of about 2.99996. Start from the given `w = 0` and run 50 steps, updating `w` in place."),
# )
# Ex().has_no_error(incorrect_msg="The loop is right, but the rest of your code raised `{{error}}`: the sample's last line prints `w`.")
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
# and $\partial L / \partial w \approx -0.7551$. The central difference, the slow way, agrees:

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
# each intermediate derivative for every weight behind it, so all gradients together cost a
# small constant multiple of one forward pass (for the layers below, two matrix products per
# layer where the forward pass has one), not one forward pass per weight as the central
# difference does.
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
# forwards, hence the name *backpropagation*. First the derivative of the sigmoid, checked
# against the central difference (`numerical_derivative` is given here, as you wrote it):

# %% tags=["pre-exercise-code"] exercise="sigmoid-derivative"
import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def numerical_derivative(f, x, eps=1e-5):
    return (f(x + eps) - f(x - eps)) / (2 * eps)

# %% [raw] tags=["sample-code"]
# # The derivative of the sigmoid, written with the sigmoid itself
# def sigmoid_prime(z):
#     s = sigmoid(z)
#     return ___
#
# # The largest absolute difference from the central difference of the sigmoid, at z
# z = np.array([-2.0, 0.0, 3.0])
# gap = ___
# print(sigmoid_prime(z), gap)

# %% tags=["solution"]
# The derivative of the sigmoid, written with the sigmoid itself
def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1 - s)

# The largest absolute difference from the central difference of the sigmoid, at z
z = np.array([-2.0, 0.0, 3.0])
gap = np.max(np.abs(sigmoid_prime(z) - numerical_derivative(sigmoid, z)))
print(sigmoid_prime(z), gap)

# %% tags=["solution-alternative"]
# The derivative of the sigmoid, written with the sigmoid itself
def sigmoid_prime(z):
    s = sigmoid(z)
    return s - s ** 2

# The largest absolute difference from the central difference of the sigmoid, at z
z = np.array([-2.0, 0.0, 3.0])
gap = np.abs(numerical_derivative(sigmoid, z) - sigmoid_prime(z)).max()
print(sigmoid_prime(z), gap)

# %% [raw] tags=["sct"]
# import re
# import numpy as np
#
# def keep_def(name, signature):
#     """Fail when the function is written as a lambda, naming the sample's `def`."""
#     if re.search(r"\b" + name + r"\s*=\s*lambda\b", Ex()._state.student_code):
#         Ex().fail("`" + name + "` is a lambda here, but the sample defines it with `def " + signature + ":`. Keep the `def`: the checks look for the function it defines.")
#
# def blanks(advice):
#     """Fail on the first line that still holds a blank `___`, naming it."""
#     for line in Ex()._state.student_code.splitlines():
#         text = line.strip()
#         if "___" in text and not text.startswith("#"):
#             said = [tip for key, tip in advice if key in text.replace(" ", "")] + ["replace it with your code"]
#             Ex().fail("{% raw %}The line `" + text + "` still has a blank `___`: " + said[0] + "{% endraw %}")
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# def unlike(wrong):
#     """Fail only on the given wrong value, so that its message names the mistake."""
#     def test(student, solution):
#         try:
#             return not (np.shape(student) == np.shape(wrong) and bool(np.allclose(student, wrong)))
#         except (TypeError, ValueError):
#             return True
#     return test
#
# def number(condition, otherwise=True):
#     """A test of the student's number: `condition` decides, and anything not a number gives `otherwise`."""
#     def test(student, solution):
#         try:
#             return bool(condition(float(student)))
#         except (TypeError, ValueError):
#             return otherwise
#     return test
#
# keep_def("sigmoid_prime", "sigmoid_prime(z)")
# blanks([
#     ("return___", "return the derivative, written with `s`, the sigmoid's value at `z`."),
#     ("gap=___", "compare `sigmoid_prime(z)` with `numerical_derivative(sigmoid, z)`: the largest of their absolute differences."),
# ])
# call_error = (
#     "Calling `sigmoid_prime` raised `{{stu_str}}`. "
#     "{% if 'callable' in stu_str %}A value followed by parentheses, as in `s(1 - s)`, is a call: multiply with `*`."
#     "{% elif 'is not defined' in stu_str %}Inside `sigmoid_prime` you have `z` and `s = sigmoid(z)`; the sigmoid itself is `sigmoid`."
#     "{% else %}It should work on numpy arrays, element by element.{% endif %}"
# )
# z = np.array([-4.0, -1.0, 2.0, 6.0])
# s = 1 / (1 + np.exp(-z))
# call = "f(np.array([-4.0, -1.0, 2.0, 6.0]))"
# mistakes = [
#     (s * 0, "`sigmoid_prime` returns 0 everywhere: `s * 1 - s` is `(s * 1) - s`, since `*` binds before `-`. Put `1 - s` in parentheses."),
#     (s * (1 + s), "`sigmoid_prime` returns σ(z) (1 + σ(z)): the second factor is 1 minus the sigmoid."),
#     (-s * (1 - s), "`sigmoid_prime` returns minus the derivative: the sigmoid rises everywhere, so its derivative is positive. Check the order in `1 - s`."),
#     (1 - s, "`sigmoid_prime` returns 1 − σ(z), only one of the two factors: multiply it by σ(z)."),
#     (s, "`sigmoid_prime` returns σ(z) itself, only one of the two factors: multiply it by 1 − σ(z)."),
#     (s ** 2, "`sigmoid_prime` returns σ(z)²: the second factor is 1 − σ(z), not σ(z)."),
#     (z * (1 - z), "`sigmoid_prime` returns z (1 − z): the formula uses the sigmoid's value `s`, not `z`."),
#     (s * (1 - z), "`sigmoid_prime` returns σ(z) (1 − z): both factors use the sigmoid's value `s`, not `z`."),
#     (np.dot(s, 1 - s), "`sigmoid_prime` returns one number for four inputs: `np.dot` and `@` multiply and sum. The derivative is element by element, with `*`."),
# ]
# Ex().check_function_def("sigmoid_prime", missing_msg="Define a function `sigmoid_prime(z)`.").multi(
#     [check_call(call).has_equal_value(func=unlike(wrong), error_msg=call_error, incorrect_msg=msg) for wrong, msg in mistakes]
#     + [
#         check_call("f(0.0)").has_equal_value(func=same, error_msg=call_error, incorrect_msg="The sigmoid is steepest at 0, where σ(0) = 0.5 and its derivative is 0.5 · (1 − 0.5) = 0.25; yours gives `{{stu_eval}}`."),
#         check_call(call).has_equal_value(func=same, error_msg=call_error, incorrect_msg="`sigmoid_prime` should give σ(z) (1 − σ(z)) element by element: for [-4, -1, 2, 6] about [0.0177, 0.1966, 0.105, 0.0025], but yours gives `{{stu_eval}}`."),
#     ]
# )
# Ex().check_object("gap", missing_msg="`gap` is not defined: the sample names the largest difference `gap`; keep that name.").multi(
#     has_equal_value(expr_code="np.ndim(gap)", incorrect_msg="`gap` should be one number, the largest of the absolute differences at the three points; yours has {{stu_eval}} dimension(s). `np.max` takes the largest."),
#     has_equal_value(func=number(lambda value: not abs(value - 0.25) < 0.01), incorrect_msg="`gap` is about 0.25: you took the central difference of `sigmoid_prime`, which estimates the second derivative. `numerical_derivative(sigmoid, z)` estimates the derivative of the sigmoid itself, which `sigmoid_prime` should match."),
#     has_equal_value(func=number(lambda value: value >= 0), incorrect_msg="`gap` is negative: take the absolute values of the differences before the largest, with `np.abs`."),
#     has_equal_value(func=number(lambda value: 0 <= value < 1e-8, otherwise=False), incorrect_msg="`gap` is `{{stu_eval}}`, but `sigmoid_prime` is right, so it should agree with the central difference to about 1e-11. Compare `sigmoid_prime(z)` with `numerical_derivative(sigmoid, z)`, at the same `z`."),
# )
# Ex().has_no_error(incorrect_msg="`sigmoid_prime` is right, but the rest of your code raised `{{error}}`: the sample's last lines compare it with the central difference.")
# success_msg("Right: the derivative is largest at 0 and vanishes where the sigmoid saturates, and the central difference agrees to about 1e-11.")

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
# def blanks(advice):
#     """Fail on the first line that still holds a blank `___`, naming it."""
#     for line in Ex()._state.student_code.splitlines():
#         text = line.strip()
#         if "___" in text and not text.startswith("#"):
#             said = [tip for key, tip in advice if text.replace(" ", "").startswith(key)] + ["replace it with your code"]
#             Ex().fail("{% raw %}The line `" + text + "` still has a blank `___`: " + said[0] + "{% endraw %}")
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# def unlike(wrong):
#     """Fail only on the given wrong value, so that its message names the mistake."""
#     def test(student, solution):
#         try:
#             return not (np.shape(student) == np.shape(wrong) and bool(np.allclose(student, wrong)))
#         except (TypeError, ValueError):
#             return True
#     return test
#
# def scaled(factor):
#     """Fail when the student's array is the solution's times `factor`."""
#     def test(student, solution):
#         try:
#             return not (np.shape(student) == np.shape(solution) and bool(np.allclose(student, factor * solution)))
#         except (TypeError, ValueError):
#             return True
#     return test
#
# blanks([
#     ("delta2=___", "`delta2` is the outputs' error for the cross-entropy, averaged over the batch."),
#     ("dW2=delta2@___", "`delta2` is (1, 4) and `dW2` must be (1, 3), the shape of `W2`: what has shape (4, 3)?"),
# ])
# shapes = "`Y_hat` and `Y` are (1, 4), `H` is (3, 4); a product (r, k) @ (k, c) needs the inner sizes to agree, `.T` turns (r, c) into (c, r), and `*` multiplies element by element, without summing."
# errors = Ex()._state.reporter.errors
# error = str(errors[0]).replace("{", "(").replace("}", ")") if errors else ""
# raised = " Your code raised `" + error + "`." if error else ""
# if "is not defined" in error:
#     raised += " The arrays here are `Y_hat`, `Y` and `H`, and the batch size is `m` (mind the case)."
# elif error:
#     raised += " Check the shapes: " + shapes
# # Y_hat after the pre-exercise code, to name the mistakes that use it
# rng = np.random.RandomState(5)
# X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
# Y = np.array([[0.0, 1.0, 1.0, 0.0]])
# W1 = rng.normal(size=(3, 2))
# W2 = rng.normal(size=(1, 3))
# H = 1 / (1 + np.exp(-(W1 @ X)))
# Y_hat = 1 / (1 + np.exp(-(W2 @ H)))
# Ex().check_object("delta2", missing_msg="`delta2` is not defined." + (raised if raised else " The sample names the output layer's delta `delta2`: keep that name.")).multi(
#     has_equal_value(expr_code="np.shape(delta2)", incorrect_msg="`delta2` has shape `{{stu_eval}}`, but it has one entry per output and example, `{{sol_eval}}`, like `Y_hat`: each example keeps its own error."),
#     has_equal_value(func=scaled(4), incorrect_msg="`delta2` is 4 times too large: the loss is a mean over the batch, so its gradient divides the errors by the batch size `m`."),
#     has_equal_value(func=scaled(-1), incorrect_msg="`delta2` has the wrong sign: it is the prediction minus the target, `Y_hat - Y`."),
#     has_equal_value(func=scaled(-4), incorrect_msg="`delta2` has the wrong sign and is 4 times too large: it is the prediction minus the target, divided by the batch size `m`."),
#     has_equal_value(func=unlike((Y_hat - Y) / 4 * Y_hat * (1 - Y_hat)), incorrect_msg="`delta2` has the extra factor Ŷ (1 − Ŷ), the sigmoid's derivative: with the cross-entropy it cancels, and `delta2` is just the error divided by `m`."),
#     has_equal_value(func=same, incorrect_msg="`delta2` should be the outputs' errors, prediction minus target, averaged over the batch: divided by the batch size `m`."),
# )
# Ex().check_object("dW2", missing_msg="`dW2` is not defined." + (raised if raised else " The sample names the gradient of `W2` `dW2`: keep that name.")).multi(
#     has_equal_value(expr_code="np.shape(dW2)", incorrect_msg="`dW2` has shape `{{stu_eval}}`, but it must have the shape of `W2`, `{{sol_eval}}`. " + shapes),
#     has_equal_value(func=scaled(0.25), incorrect_msg="`dW2` is 4 times too small: `delta2` already holds the 1/m of the mean, so do not divide by `m` again."),
#     has_equal_value(func=same, incorrect_msg="`dW2` has the right shape but the wrong values: it pairs `delta2` with the hidden values `H`, summed over the examples by one matrix product."),
# )
# Ex().check_object("db2", missing_msg="`db2` is not defined: keep the sample's line for it.").has_equal_value(func=same, incorrect_msg="`db2` should be `delta2` summed over the examples, as in the sample; yours is `{{stu_eval}}`.")
# Ex().has_no_error(incorrect_msg="The gradients are right, but the rest of your code raised `{{error}}`: the sample's last line prints their shapes.")
# success_msg("Well done: one matrix product sums the contributions of all examples.")

# %% [markdown] tags=["hint"]
# The batch size is `m`. For the weights, compare shapes: `delta2` is `(1, 4)` and the result must be `(1, 3)`, the shape of `W2`. Which arrangement of `H` has shape `(4, 3)`?

# %% [markdown]
# And one layer further back, to the hidden layer. This time the network has two outputs,
# XOR and AND of the inputs, so that `W2` is a (2, 3) matrix rather than a single row, and how
# it is turned matters. The loss is now the sum of the two outputs' cross-entropies, each a
# mean over the four examples, so that $\delta^{(2)} = (\hat{Y} - Y)/m$ as before, with one row
# per output. Mind the shapes: `X` and `delta2` are both (2, 4), and `H`, `dH` and `delta1` are
# all (3, 4), so the right shape alone does not prove the right array:

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
# def blanks(advice):
#     """Fail on the first line that still holds a blank `___`, naming it."""
#     for line in Ex()._state.student_code.splitlines():
#         text = line.strip()
#         if "___" in text and not text.startswith("#"):
#             said = [tip for key, tip in advice if text.replace(" ", "").startswith(key)] + ["replace it with your code"]
#             Ex().fail("{% raw %}The line `" + text + "` still has a blank `___`: " + said[0] + "{% endraw %}")
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# def unlike(wrong):
#     """Fail only on the given wrong value, so that its message names the mistake."""
#     def test(student, solution):
#         try:
#             return not (np.shape(student) == np.shape(wrong) and bool(np.allclose(student, wrong)))
#         except (TypeError, ValueError):
#             return True
#     return test
#
# blanks([
#     ("dH=___", "`delta2` goes back through the output weights `W2`, arranged so that the shapes fit."),
#     ("delta1=dH*___", "multiply by the derivative of the hidden sigmoid, written with the hidden values `H`."),
#     ("dW1=delta1@___", "`delta1` is (3, 4) and `dW1` must be (3, 2), the shape of `W1`: pair it with the hidden layer's input."),
# ])
# shapes = "`W2` is (2, 3), `delta2` is (2, 4), `H` is (3, 4) and `X` is (2, 4); a product (r, k) @ (k, c) needs the inner sizes to agree, `.T` turns (r, c) into (c, r), and `*` multiplies element by element, without summing."
# errors = Ex()._state.reporter.errors
# error = str(errors[0]).replace("{", "(").replace("}", ")") if errors else ""
# raised = " Your code raised `" + error + "`." if error else ""
# if "sigmoid_prime" in error:
#     raised += " `sigmoid_prime` is not defined in this exercise: write the sigmoid's derivative with the hidden values `H`."
# elif "is not defined" in error:
#     raised += " The arrays here are `X`, `H`, `W2` and `delta2` (mind the case)."
# elif error:
#     raised += " Check the shapes: " + shapes
# # The arrays of the pre-exercise code, to name the mistakes that use them
# rng = np.random.RandomState(5)
# X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
# Y = np.array([[0.0, 1.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0]])
# W1 = rng.normal(size=(3, 2))
# W2 = rng.normal(size=(2, 3))
# H = 1 / (1 + np.exp(-(W1 @ X)))
# Y_hat = 1 / (1 + np.exp(-(W2 @ H)))
# delta2 = (Y_hat - Y) / 4
# dH = W2.T @ delta2
# delta1 = dH * H * (1 - H)
# sH = 1 / (1 + np.exp(-H))
# Ex().check_object("dH", missing_msg="`dH` is not defined." + (raised if raised else " The sample names the step back through `W2` `dH`: keep that name.")).multi(
#     has_equal_value(expr_code="np.shape(dH)", incorrect_msg="`dH` has shape `{{stu_eval}}`, but it has one entry per hidden node and example, `{{sol_eval}}`. " + shapes),
#     has_equal_value(func=unlike(delta1), incorrect_msg="Your `dH` already includes the sigmoid's derivative: it is `delta1`. `dH` is only the step back through `W2`; the next line multiplies by the derivative."),
#     has_equal_value(func=same, incorrect_msg="`dH` has the right shape but the wrong values: the error goes back through the output weights, transposed."),
# )
# Ex().check_object("delta1", missing_msg="`delta1` is not defined." + (raised if raised else " The sample names the hidden layer's delta `delta1`: keep that name.")).multi(
#     has_equal_value(expr_code="np.shape(delta1)", incorrect_msg="`delta1` has shape `{{stu_eval}}`, but it must have the shape of `dH`, `{{sol_eval}}`: the sigmoid's derivative is multiplied element by element, with `*`, not `@`."),
#     has_equal_value(func=unlike(dH), incorrect_msg="Your `delta1` is `dH` itself: multiply it by the derivative of the hidden sigmoid, element by element."),
#     has_equal_value(func=unlike(dH * H), incorrect_msg="Your `delta1` is `dH * H`: the sigmoid's derivative has two factors, σ (1 − σ), and here σ is `H`. The factor `1 - H` is missing."),
#     has_equal_value(func=unlike(dH * (1 - H)), incorrect_msg="Your `delta1` is `dH * (1 - H)`: the sigmoid's derivative has two factors, σ (1 − σ), and here σ is `H`. The factor `H` is missing."),
#     has_equal_value(func=unlike(dH * sH * (1 - sH)), incorrect_msg="Your `delta1` applies the sigmoid to `H` again: `H` already is the sigmoid of the weighted sums, so the derivative is `H * (1 - H)`."),
#     has_equal_value(func=same, incorrect_msg="`delta1` has the right shape but the wrong values: multiply `dH` by the derivative of the hidden sigmoid, which is written with the hidden values `H` (as in the `sigmoid_prime` exercise)."),
# )
# Ex().check_object("dW1", missing_msg="`dW1` is not defined." + (raised if raised else " The sample names the gradient of `W1` `dW1`: keep that name.")).multi(
#     has_equal_value(expr_code="np.shape(dW1)", incorrect_msg="`dW1` has shape `{{stu_eval}}`, but it must have the shape of `W1`, `{{sol_eval}}`. " + shapes),
#     has_equal_value(func=unlike(delta1 @ delta2.T), incorrect_msg="`dW1` has the right shape, (3, 2), but it pairs `delta1` with `delta2`, which is (2, 4) as `X` is: the hidden layer's input is `X`."),
#     has_equal_value(func=unlike(delta1 @ X.T / 4), incorrect_msg="`dW1` is 4 times too small: `delta2`, and so `delta1`, already holds the 1/m of the mean, so do not divide by `m` again."),
#     has_equal_value(func=same, incorrect_msg="`dW1` has the right shape but the wrong values: it pairs `delta1` with the hidden layer's input, which is `X`, not `H`."),
# )
# Ex().has_no_error(incorrect_msg="The gradients are right, but the rest of your code raised `{{error}}`: the sample's last line prints their shapes.")
# success_msg("That is backpropagation: the same two steps repeat for every further layer.")

# %% [markdown] tags=["hint"]
# The forward pass multiplied by `W2`; going back, the shapes tell you how `W2` must be arranged to meet `delta2`. The derivative of the sigmoid is the one you wrote in the `sigmoid_prime` exercise, two exercises back, here at the hidden layer. What is the hidden layer's input?

# %% [markdown]
# ### Training
#
# You now have every piece: the forward pass, the loss, the deltas of both layers and the
# gradients they give, and the gradient descent step. Put them together into a training loop for
# XOR, with three hidden nodes and a learning rate of 2. Every step runs the forward pass on
# all four examples, records the loss, runs the backward pass and then changes all four
# parameters at once: compute both deltas before you change any weight, since `delta1` needs
# the `W2` that produced the outputs.

# %% tags=["pre-exercise-code"] exercise="train-xor"
import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

# XOR: the four inputs as columns, and their targets
X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
Y = np.array([[0.0, 1.0, 1.0, 0.0]])
m = X.shape[1]

# Three hidden nodes: random weights scaled by 1/sqrt(n) for n inputs, zero biases
rng = np.random.RandomState(2)
W1, b1 = rng.normal(size=(3, 2)) / np.sqrt(2), np.zeros((3, 1))
W2, b2 = rng.normal(size=(1, 3)) / np.sqrt(3), np.zeros((1, 1))
lr = 2.0

# %% [raw] tags=["sample-code"]
# # 1000 steps of gradient descent on XOR, recording the loss before each step
# losses = []
# for step in range(1000):
#     # Forward pass: the hidden values H, then the outputs Y_hat
#     ___
#     # Append the cross-entropy of Y_hat to losses
#     ___
#     # Backward pass: delta2, then delta1
#     ___
#     # Update W2, b2, W1 and b1: one step against their gradients
#     ___
#
# print(f"loss {losses[0]:.3f} before training, {losses[-1]:.4f} after {len(losses)} steps")
# print(Y_hat.round(2))

# %% tags=["solution"]
# 1000 steps of gradient descent on XOR, recording the loss before each step
losses = []
for step in range(1000):
    H = sigmoid(W1 @ X + b1)
    Y_hat = sigmoid(W2 @ H + b2)
    losses.append(-np.mean(Y * np.log(Y_hat) + (1 - Y) * np.log(1 - Y_hat)))
    delta2 = (Y_hat - Y) / m
    delta1 = (W2.T @ delta2) * H * (1 - H)
    W2 = W2 - lr * delta2 @ H.T
    b2 = b2 - lr * delta2.sum(axis=1, keepdims=True)
    W1 = W1 - lr * delta1 @ X.T
    b1 = b1 - lr * delta1.sum(axis=1, keepdims=True)

print(f"loss {losses[0]:.3f} before training, {losses[-1]:.4f} after {len(losses)} steps")
print(Y_hat.round(2))

# %% tags=["solution-alternative"]
# 1000 steps of gradient descent on XOR, recording the loss before each step
losses = []
for step in range(1000):
    # Forward pass: the hidden values H, then the outputs Y_hat
    H = sigmoid(np.dot(W1, X) + b1)
    Y_hat = sigmoid(np.dot(W2, H) + b2)
    # Append the cross-entropy of Y_hat to losses
    losses.append(-np.mean(Y * np.log(Y_hat) + (1 - Y) * np.log(1 - Y_hat)))
    # Backward pass: delta2, then delta1
    delta2 = (Y_hat - Y) / m
    delta1 = np.dot(W2.T, delta2) * H * (1 - H)
    dW1, db1 = np.dot(delta1, X.T), np.sum(delta1, axis=1, keepdims=True)
    dW2, db2 = np.dot(delta2, H.T), np.sum(delta2, axis=1, keepdims=True)
    # Update W2, b2, W1 and b1: one step against their gradients
    W1 -= lr * dW1
    b1 -= lr * db1
    W2 -= lr * dW2
    b2 -= lr * db2

print(f"loss {losses[0]:.3f} before training, {losses[-1]:.4f} after {len(losses)} steps")
print(Y_hat.round(2))

# %% [raw] tags=["sct"]
# import numpy as np
#
# def blanks(advice):
#     """Fail on the first line that still holds a blank `___`, naming it by the comment above it."""
#     comment = ""
#     for line in Ex()._state.student_code.splitlines():
#         text = line.strip()
#         if text.startswith("#"):
#             comment = text
#         elif "___" in text:
#             said = [tip for key, tip in advice if key in comment] + ["replace it with your code"]
#             where = "the blank under `" + comment + "`" if text == "___" and comment else "the line `" + text + "`"
#             Ex().fail("{% raw %}Fill in " + where + ": " + said[0] + "{% endraw %}")
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# def unlike(wrong):
#     """Fail only on the given wrong value, so that its message names the mistake."""
#     def test(student, solution):
#         try:
#             return not (np.shape(student) == np.shape(wrong) and bool(np.allclose(student, wrong)))
#         except (TypeError, ValueError):
#             return True
#     return test
#
# def holds(condition):
#     """Fail when the student's value does not meet the condition."""
#     def test(student, solution):
#         try:
#             return bool(condition(student))
#         except Exception:
#             return False
#     return test
#
# blanks([
#     ("Forward", "two lines, the hidden values `H` from `X`, then the outputs `Y_hat` from `H`."),
#     ("cross-entropy", "append the loss of this step's `Y_hat` to the list `losses`."),
#     ("Backward", "two lines, `delta2` from the outputs' errors and then `delta1`, one layer back."),
#     ("Update", "four lines, one per parameter: each moves against its gradient, by the learning rate `lr`."),
# ])
#
# # One step from a start of our own, with non-zero biases, and what the step gives
# sigmoid = lambda z: 1 / (1 + np.exp(-z))
# X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
# Y = np.array([[0.0, 1.0, 1.0, 0.0]])
# lr, m = 2.0, 4
# rng = np.random.RandomState(7)
# W1, b1, W2, b2 = rng.normal(size=(3, 2)), rng.normal(size=(3, 1)), rng.normal(size=(1, 3)), rng.normal(size=(1, 1))
# H = sigmoid(W1 @ X + b1)
# Y_hat = sigmoid(W2 @ H + b2)
# terms = Y * np.log(Y_hat) + (1 - Y) * np.log(1 - Y_hat)
# delta2 = (Y_hat - Y) / m
# delta1 = (W2.T @ delta2) * H * (1 - H)
# W2_new = W2 - lr * delta2 @ H.T
# late = (W2_new.T @ delta2) * H * (1 - H)  # delta1 from the W2 of after the update
#
# start = dict(W1=W1.copy(), b1=b1.copy(), W2=W2.copy(), b2=b2.copy(), losses=[])
# step_error = (
#     "One step of your loop raised `{{stu_str}}`. "
#     "{% if 'is not defined' in stu_str %}The names here are `X`, `Y`, `m`, `lr`, `sigmoid` and the parameters `W1`, `b1`, `W2`, `b2`; the sample names the hidden values `H` and the outputs `Y_hat`."
#     "{% elif 'append' in stu_str %}`losses` is a list: keep it one (`losses.append(...)` adds the loss; `losses = ...` would replace the list)."
#     "{% else %}Check the shapes: `X` is (2, 4), `W1` (3, 2), `H` (3, 4), `W2` (1, 3) and `Y_hat` (1, 4), and each gradient has the shape of its parameter; a product (r, k) @ (k, c) needs the inner sizes to agree, and `.T` turns (r, c) into (c, r).{% endif %}"
# )
# one = "After one step from a start of ours (with non-zero biases), "
# body = Ex().check_for_loop(missing_msg="Keep the sample's `for` loop of 1000 steps: the checks run its body.").check_body().set_env(**start)
# body.multi(
#     has_equal_value(name="H", func=same, error_msg=step_error, undefined_msg="The sample names the hidden values `H`: keep that name, and compute them in the loop.", incorrect_msg="In your loop `H` is not the hidden layer's output: the sigmoid of `W1 @ X + b1`, with this step's `W1` and `b1`."),
#     has_equal_value(name="Y_hat", func=same, error_msg=step_error, undefined_msg="The sample names the outputs `Y_hat`: keep that name, and compute them in the loop.", incorrect_msg="`H` is right, but `Y_hat` is not the output layer's output: the sigmoid of `W2 @ H + b2`."),
#     has_equal_value(name="losses", func=holds(lambda value: isinstance(value, list)), error_msg=step_error, incorrect_msg="`losses` is no longer a list after a step: `losses.append(...)` adds this step's loss to it, while `losses = ...` replaces the list."),
#     has_equal_value(name="losses", func=holds(lambda value: len(value) == 1), error_msg=step_error, incorrect_msg=one + "`losses` should hold one number, that step's loss; it holds `{{stu_eval}}`. Append one loss per step."),
#     has_equal_value(name="losses", func=unlike([np.mean(terms)]), error_msg=step_error, incorrect_msg=one + "your loss is negative: the logs of probabilities are negative, and the cross-entropy has a minus in front."),
#     has_equal_value(name="losses", func=unlike([-np.sum(terms)]), error_msg=step_error, incorrect_msg=one + "your loss is the sum over the four examples: the cross-entropy is their mean."),
#     has_equal_value(name="losses", func=same, error_msg=step_error, incorrect_msg=one + "the loss you appended is `{{stu_eval}}`, not the cross-entropy of that step's `Y_hat`: minus the mean of y log ŷ + (1 − y) log(1 − ŷ)."),
#     has_equal_value(name="W2", func=unlike(W2), error_msg=step_error, incorrect_msg=one + "`W2` has not changed: assign the updated weights back to `W2`."),
#     has_equal_value(name="W2", func=unlike(W2 + lr * delta2 @ H.T), error_msg=step_error, incorrect_msg=one + "`W2` moved uphill: a step goes against the gradient, so subtract `lr` times it."),
#     has_equal_value(name="W2", func=unlike(W2 - lr * (Y_hat - Y) @ H.T), error_msg=step_error, incorrect_msg=one + "`W2` moved 4 times too far: `delta2` is the outputs' error divided by the batch size `m`."),
#     has_equal_value(name="W2", func=unlike(W2 - delta2 @ H.T), error_msg=step_error, incorrect_msg=one + "`W2` moved by the gradient itself: a step is the learning rate `lr` times the gradient."),
#     has_equal_value(name="W2", func=same, error_msg=step_error, incorrect_msg=one + "`W2` should have moved against its gradient, `delta2 @ H.T`, by the learning rate `lr`; it did not."),
#     has_equal_value(name="b2", func=unlike(b2), error_msg=step_error, incorrect_msg=one + "`b2` has not changed: the biases learn too. Their gradient is the delta summed over the examples."),
#     has_equal_value(name="b2", func=same, error_msg=step_error, incorrect_msg=one + "`b2` should have moved against its gradient, `delta2` summed over the examples (shape (1, 1)), by `lr`; yours is `{{stu_eval}}`."),
#     has_equal_value(name="W1", func=unlike(W1), error_msg=step_error, incorrect_msg=one + "`W1` has not changed: assign the updated weights back to `W1`."),
#     has_equal_value(name="W1", func=unlike(W1 - lr * late @ X.T), error_msg=step_error, incorrect_msg=one + "`W1` moved by a `delta1` computed with the new `W2`: compute both deltas before you change any weight, since the outputs came from the old `W2`."),
#     has_equal_value(name="W1", func=unlike(W1 - lr * (W2.T @ delta2) @ X.T), error_msg=step_error, incorrect_msg=one + "`W1` moved without the hidden sigmoid's derivative: `delta1` multiplies the error sent back through `W2` by `H * (1 - H)`."),
#     has_equal_value(name="W1", func=same, error_msg=step_error, incorrect_msg=one + "`W1` should have moved against its gradient, `delta1 @ X.T`, by `lr`; it did not. `delta1` is `(W2.T @ delta2) * H * (1 - H)`."),
#     has_equal_value(name="b1", func=unlike(b1), error_msg=step_error, incorrect_msg=one + "`b1` has not changed: the biases learn too. Their gradient is the delta summed over the examples."),
#     has_equal_value(name="b1", func=same, error_msg=step_error, incorrect_msg=one + "`b1` should have moved against its gradient, `delta1` summed over the examples (shape (3, 1)), by `lr`; yours is `{{stu_eval}}`."),
# )
# Ex().check_object("losses", missing_msg="`losses` is not defined: keep the sample's `losses = []` before the loop.").multi(
#     has_equal_value(expr_code="len(losses)", incorrect_msg="Each step is right, but after the loop the length of `losses` is {{stu_eval}}, not 1000, one loss per step. Is `losses = []` before the loop, and the loop run 1000 times?"),
#     has_equal_value(func=same, incorrect_msg="Each step is right, but the losses of the whole run differ from those of 1000 steps from the given start. Start from the given `W1`, `b1`, `W2` and `b2`, and leave them to the updates."),
# )
# Ex().has_no_error(incorrect_msg="The loop is right, but the rest of your code raised `{{error}}`: the sample's last lines print the first and last loss and the outputs `Y_hat`.")
# success_msg("Your network learned XOR: every step, forward pass, loss, backward pass and update, exactly as the rest of this post trains.")

# %% [markdown] tags=["hint"]
# Each blank is one or more lines you have written in the exercises above: the forward pass of Part II, the cross-entropy, `delta2` and `delta1`, and for each parameter `W = W - lr * dW`. The gradients of the biases sum the deltas over the examples, as `db2` did.

# %% [markdown]
# ### The network in numpy
#
# The rest of this post trains networks of other sizes, on other data, many times over, so
# here is your loop as functions: initialisation, forward pass, loss, backward pass and
# training. The weights start as normal random numbers centred on zero, scaled by
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
# gives arrays of the right shape. So before we trust `backward`, we compare it with a
# completely independent estimate: the central difference of the loss for every weight and
# bias of a small network, on random data. We measure the relative error
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
# ### Learning XOR, step by step
#
# Your loop trained XOR from one random start. Here is the same with `train`, from another
# start (seed 0) and for 3000 steps, to see how the loss falls. The four XOR examples are the
# columns of `X_xor`; a hidden layer of three nodes and a learning rate of 2, as before:

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
# Training did not go at an even pace, though. For about 200 steps the loss sat near
# $\ln 2 \approx 0.693$, and that number has a meaning: it is the cross-entropy of the output
# 0.5 for every input, the best answer while the hidden layer does not yet separate the
# classes (half the targets are 1). The hidden nodes were not alike, since their random start
# made them differ; but their differences first had to grow until the output layer could use
# them. Then the loss dropped quickly:

# %%
ln2 = np.log(2)
plateau = losses_xor[1:200]  # the first step already brings the loss from 0.723 to ln 2
_, outputs_100 = forward(train(X_xor, Y_xor, h_n=3, lr=2.0, steps=100, seed=0)[0], X_xor)
H_start, _ = forward(init_params(2, 3, 1, np.random.default_rng(0)), X_xor)
print(f"steps 1 to 200: loss within 0.01 of ln 2 = {ln2:.3f}; step 250: {losses_xor[250]:.2f}; step 400: {losses_xor[400]:.2f}")
print("after 100 steps: every output within 0.02 of 0.5")
print("hidden values at the start, one row per node, one column per input:")
print(H_start.round(2))
assert np.max(np.abs(plateau - ln2)) < 0.01 and losses_xor[250] < ln2 - 0.04
assert np.max(np.abs(outputs_100 - 0.5)) < 0.02
assert np.min(np.ptp(H_start[:, 1:], axis=0)) > 0.05  # the nodes differ wherever an input is 1
assert losses_xor[400] < 0.15

# %% [markdown]
# ### Starting alike, and starting too big
#
# Why random weights at all? Start every weight at the same value, zero say. Then all hidden
# nodes compute the same values and have the same weight to the output, so they all receive
# the same gradient: after each step the nodes are still alike, and they stay clones forever. Trained from zero on OR (targets 0, 1, 1, 1), the first layer does learn,
# its weights grow from 0 to about 4.3, but its three rows stay identical: three clones are one
# node. One node is all OR needs, since a single line separates its classes. XOR needs at
# least two different ones: started with every weight at 0.5 (and the biases at 0), the
# network is stuck at a loss of 0.48 after 3000 steps, with three of the four examples right,
# as much as a single hidden node can do.
#
# On XOR the zero start is worse still: the first layer never changes at all. With
# $W^{(2)} = 0$, $\delta^{(1)} = (W^{(2)\top} \delta^{(2)}) \odot H \odot (1 - H)$ is zero.
# And $W^{(2)}$ stays zero: its gradient $\delta^{(2)} H^\top$ adds up the errors
# $\hat{y} - y = 0.5 - y$ over the examples (every hidden value is 0.5), and the balanced
# targets of XOR, two 0s and two 1s, make them cancel. The output stays 0.5 and the loss
# $\ln 2$, for good. Random weights break this **symmetry**.

# %%
def equal_start(weight):
    """Return parameters for the XOR network with every weight equal to `weight` and zero biases."""
    like = init_params(2, 3, 1, np.random.default_rng(0))
    return {name: np.full_like(value, weight if name.startswith("W") else 0.0) for name, value in like.items()}


def rows_identical(W):
    return np.allclose(W, W[0], rtol=0, atol=1e-12)


Y_or = np.array([[0.0, 1.0, 1.0, 1.0]])
params_or, _ = train(X_xor, Y_or, h_n=3, lr=2.0, steps=3000, seed=None, params=equal_start(0.0))
params_half, losses_half = train(X_xor, Y_xor, h_n=3, lr=2.0, steps=3000, seed=None, params=equal_start(0.5))
params_zero, losses_zero = train(X_xor, Y_xor, h_n=3, lr=2.0, steps=3000, seed=None, params=equal_start(0.0))
print("OR from zero, W1 after 3000 steps (one row per hidden node):")
print(params_or["W1"].round(2))
print(f"XOR from every weight 0.5: loss {losses_half[-1]:.2f}, accuracy {accuracy(params_half, X_xor, Y_xor):.0%}, "
      f"rows of W1 identical: {rows_identical(params_half['W1'])}")
print(f"XOR from zero: loss {losses_zero[-1]:.4f} after 3000 steps, W1 and W2 still all zero: "
      f"{bool(np.all(params_zero['W1'] == 0) and np.all(params_zero['W2'] == 0))}")
assert rows_identical(params_or["W1"]) and np.allclose(params_or["W1"], 4.3, atol=0.05)
assert accuracy(params_or, X_xor, Y_or) == 1.0
assert rows_identical(params_half["W1"]) and round(losses_half[-1], 2) == 0.48 and accuracy(params_half, X_xor, Y_xor) == 0.75
assert np.all(params_zero["W1"] == 0) and np.all(params_zero["W2"] == 0) and abs(losses_zero[-1] - ln2) < 1e-12

# %% [markdown]
# How large should the random weights be? A node with $n$ inputs adds up $n$ terms
# $w_j x_j$. With inputs of standard deviation 1 and weights from $N(0, 1)$, the sum has a
# standard deviation of about $\sqrt{n}$: about 8 for $n = 64$ inputs. The 64 pixels of the
# digits of [Part IV]({{< relref "nn-fundamentals-4" >}}) lie between 0 and 1 and are mostly
# 0, so their sums come out smaller: about 3.6 with the weights drawn here (2.9 to 4.2 with
# 20 other draws). Either way many of the sigmoids of such sums sit near 0 or 1, where the
# derivative, and so every gradient through it, nearly vanishes: the sigmoid's slope averages
# 0.05 and 0.10 over these sums, where it could be 0.25. Dividing the weights by $\sqrt{n}$
# keeps the sums at a standard deviation of about 1 or less, in the sigmoid's responsive range,
# with mean slopes above 0.2:

# %%
from sklearn.datasets import load_digits

rng = np.random.default_rng(0)
W = rng.normal(0, 1, (32, 64))  # 32 nodes with 64 inputs each
inputs = {
    "64 inputs of std 1": rng.normal(size=(64, 1000)),  # 1000 examples
    "the digits' pixels": load_digits().data.T / 16.0,  # Part IV's 1797 images, scaled to [0, 1]
}
stds, slopes = {}, {}
for scale in ["N(0, 1)", "N(0, 1) / sqrt(64)"]:
    for name, X_in in inputs.items():
        Z = (W if scale == "N(0, 1)" else W / np.sqrt(64)) @ X_in
        slope = sigmoid(Z) * (1 - sigmoid(Z))
        stds[scale, name], slopes[scale, name] = Z.std(), slope.mean()
        print(f"{scale:>18}, {name}: sums with std {Z.std():.1f}, mean sigmoid slope {slope.mean():.2f} (at most 0.25)")
other_draws = [(np.random.default_rng(seed).normal(0, 1, (32, 64)) @ inputs["the digits' pixels"]).std() for seed in range(1, 21)]
print(f"the digits with 20 other draws of N(0, 1) weights: std {min(other_draws):.1f} to {max(other_draws):.1f}")
assert round(stds["N(0, 1)", "64 inputs of std 1"]) == 8 and round(stds["N(0, 1)", "the digits' pixels"], 1) == 3.6
assert round(min(other_draws), 1) == 2.9 and round(max(other_draws), 1) == 4.2
assert round(stds["N(0, 1) / sqrt(64)", "64 inputs of std 1"], 1) == 1.0 and stds["N(0, 1) / sqrt(64)", "the digits' pixels"] < 1
assert [round(slopes["N(0, 1)", name], 2) for name in inputs] == [0.05, 0.10]
assert min(slopes["N(0, 1) / sqrt(64)", name] for name in inputs) > 0.2

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

# %% tags=["hide-input"] alt="Loss against step on a logarithmic scale, for the XOR network trained with five learning rates. With 0.1 the loss stays on the plateau at 0.69 for all 3000 steps; with 0.5 it leaves the plateau late and ends near 0.01; with 2 it leaves the plateau after about 200 steps and ends near 0.002; with 10 it drops soonest but jumps up on the way; with 50 it jumps around far above the starting loss."
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
# Make such a choice yourself, by a rule precise enough to check, for the same network from
# another random start (seed 1), with the rates 0.1, 0.3, 1, 3, 10 and 30. For each rate, train
# 1000 steps with `train` and record two things: in `steps_needed[lr]` the index of the first
# loss below 0.1 in the losses `train` returns (that many steps it took), or `None` if no loss
# is below 0.1; and in `steady[lr]` whether the loss never rose by more than 0.01 from one step
# to the next. Then choose `best_lr`: of the steady rates that get below 0.1, the one that
# needs the fewest steps.

# %% tags=["pre-exercise-code"] exercise="choose-learning-rate"
import numpy as np

# The post's `train`, seeded as numpy 1.16 can (DataCamp Light's session starts without it). Jupyter's Run All
# has the post's own already, and the cells below this exercise use that one.
if "train" not in globals():

    def sigmoid(z):
        return 1 / (1 + np.exp(-z))

    def train(X, Y, h_n, lr, steps, seed):
        """Return the trained parameters and the loss before every step (this post's `train`)."""
        rng = np.random.RandomState(seed)
        i_n, o_n, m = X.shape[0], Y.shape[0], X.shape[1]
        params = {"W1": rng.normal(size=(h_n, i_n)) / np.sqrt(i_n), "b1": np.zeros((h_n, 1)),
                  "W2": rng.normal(size=(o_n, h_n)) / np.sqrt(h_n), "b2": np.zeros((o_n, 1))}
        losses = []
        for _ in range(steps):
            H = sigmoid(params["W1"] @ X + params["b1"])
            Y_hat = sigmoid(params["W2"] @ H + params["b2"])
            losses.append(-np.mean(Y * np.log(Y_hat) + (1 - Y) * np.log(1 - Y_hat)))
            delta2 = (Y_hat - Y) / m
            delta1 = (params["W2"].T @ delta2) * H * (1 - H)
            grads = {"W1": delta1 @ X.T, "b1": delta1.sum(axis=1, keepdims=True),
                     "W2": delta2 @ H.T, "b2": delta2.sum(axis=1, keepdims=True)}
            for name in params:
                params[name] = params[name] - lr * grads[name]
        return params, np.array(losses)

# XOR, and the learning rates to choose from
X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
Y = np.array([[0.0, 1.0, 1.0, 0.0]])
rates = [0.1, 0.3, 1.0, 3.0, 10.0, 30.0]

# %% [raw] tags=["sample-code"]
# # steps_needed[lr]: index of the first loss below 0.1, or None; steady[lr]: no rise above 0.01
# ___
#
# # The steady rate that gets below 0.1 in the fewest steps
# best_lr = ___
# print(steps_needed, steady, best_lr, sep="\n")

# %% tags=["solution"]
# steps_needed[lr]: index of the first loss below 0.1, or None; steady[lr]: no rise above 0.01
steps_needed, steady = {}, {}
for lr in rates:
    _, losses = train(X, Y, h_n=3, lr=lr, steps=1000, seed=1)
    below = np.nonzero(losses < 0.1)[0]
    if below.size > 0:
        steps_needed[lr] = int(below[0])
    else:
        steps_needed[lr] = None
    steady[lr] = bool(np.all(np.diff(losses) <= 0.01))

# The steady rate that gets below 0.1 in the fewest steps
candidates = [lr for lr in rates if steady[lr] and steps_needed[lr] is not None]
best_lr = min(candidates, key=lambda lr: steps_needed[lr])
print(steps_needed, steady, best_lr, sep="\n")

# %% tags=["solution-alternative"]
# steps_needed[lr]: index of the first loss below 0.1, or None; steady[lr]: no rise above 0.01
steps_needed = {}
steady = {}
for lr in rates:
    params, losses = train(X, Y, 3, lr, 1000, 1)
    steps_needed[lr] = next((step for step, loss in enumerate(losses) if loss < 0.1), None)
    steady[lr] = max(np.diff(losses)) <= 0.01

# The steady rate that gets below 0.1 in the fewest steps
best_lr = None
for lr in rates:
    if steady[lr] and steps_needed[lr] is not None:
        if best_lr is None or steps_needed[lr] < steps_needed[best_lr]:
            best_lr = lr
print(steps_needed, steady, best_lr, sep="\n")

# %% [raw] tags=["sct"] accept-mutants={"change-constant@4:49": "999 steps record the same steps, steadiness and choice: no rate first gets below 0.1, or rises, at the last step"}
# import numpy as np
#
# def blanks(advice):
#     """Fail on the first line that still holds a blank `___`, naming it by the comment above it."""
#     comment = ""
#     for line in Ex()._state.student_code.splitlines():
#         text = line.strip()
#         if text.startswith("#"):
#             comment = text
#         elif "___" in text:
#             said = [tip for key, tip in advice if text.replace(" ", "").startswith(key)] + ["replace it with your code"]
#             where = "the blank under `" + comment + "`" if text == "___" and comment else "the line `" + text + "`"
#             Ex().fail("{% raw %}Fill in " + where + ": " + said[0] + "{% endraw %}")
#
# def is_(expected):
#     """Pass when the student's value equals `expected` (None, a whole number or a bool)."""
#     def test(student, solution):
#         try:
#             if expected is None or isinstance(expected, bool):
#                 return student is expected or (expected is not None and bool(student == expected) and isinstance(student, (bool, np.bool_)))
#             return student is not None and not isinstance(student, (bool, np.bool_)) and int(student) == student == expected
#         except (TypeError, ValueError):
#             return False
#     return test
#
# blanks([
#     ("___", "a loop over `rates` that fills the two dicts `steps_needed` and `steady`, one entry per rate."),
#     ("best_lr=___", "the rate your rule chooses, one of `rates`."),
# ])
# errors = Ex()._state.reporter.errors
# error = str(errors[0]).replace("{", "(").replace("}", ")") if errors else ""
# advice = [
#     ("tuple", "`train` returns two things, the parameters and the losses: unpack them, as in `_, losses = train(...)`."),
#     ("out of bounds", "a rate whose losses never fall below 0.1 has no first index to take: record `None` for it."),
#     ("NoneType", "a rate whose `steps_needed` is `None` never got below 0.1: leave such rates out before comparing the numbers of steps."),
#     ("empty", "no rate passed your filter: the steady rates that got below 0.1 are the ones to choose from."),
#     ("is not defined", "the names here are `train`, `X`, `Y`, `rates` and `np`; the sample names the results `steps_needed`, `steady` and `best_lr`."),
#     ("unexpected keyword", "`train` takes the arguments `X, Y, h_n, lr, steps, seed`."),
# ]
# if error.replace(".", "", 1).isdigit():  # a KeyError names only the key: a rate
#     Ex().fail("Your code raised a KeyError: a dict has no entry for the rate " + error + ". Are `steps_needed` and `steady` created once, before the loop, and filled for every rate?")
# if error:
#     said = [tip for key, tip in advice if key in error] + ["check the line that raised it."]
#     Ex().fail("{% raw %}Your code raised `" + error + "`: " + said[0] + "{% endraw %}")
#
# def guard(test):
#     """A test that passes on what it cannot compare (a later check names what is wrong with it)."""
#     def guarded(student, solution):
#         try:
#             return bool(test(student, solution))
#         except Exception:
#             return True
#     return guarded
#
# expected_steps = {0.1: None, 0.3: None, 1.0: 674, 3.0: 230, 10.0: 161, 30.0: None}
# expected_steady = {0.1: True, 0.3: True, 1.0: True, 3.0: True, 10.0: False, 30.0: False}
# rises = {10.0: 1.23, 30.0: 3.37}
# Ex().check_object("steps_needed", missing_msg="`steps_needed` is not defined: the sample names the dict of steps `steps_needed`; keep that name.").multi(
#     has_equal_value(expr_code="isinstance(steps_needed, dict) and sorted(steps_needed) == sorted(rates)", incorrect_msg="`steps_needed` should be a dict with one entry per rate of `rates`, the rate as its key. Is it created once, before the loop?"),
#     has_equal_value(expr_code="[steps_needed[lr] for lr in (0.1, 0.3, 30.0)]", func=guard(lambda student, solution: student != [0, 0, 0]), incorrect_msg="`steps_needed` says 0 steps for 0.1, 0.3 and 30, whose losses never fall below 0.1 in 1000 steps: `np.argmax` gives 0 when no entry is `True`. Record `None` for them."),
#     has_equal_value(expr_code="[steps_needed[lr] for lr in (1.0, 3.0, 10.0)]", func=guard(lambda student, solution: student != [675, 231, 162]), incorrect_msg="`steps_needed` is one more than the index of the first loss below 0.1, for every rate: `losses[0]` is the loss before any step, so the index itself is the number of steps."),
#     has_equal_value(expr_code="[steps_needed[lr] for lr in (0.1, 0.3, 30.0)]", func=guard(lambda student, solution: student != [1000, 1000, 1000] and student != [999, 999, 999]), incorrect_msg="`steps_needed` gives 0.1, 0.3 and 30 a number of steps, though their losses never fall below 0.1 in 1000 steps: record `None` for them, so that no rule can mistake them for slow ones."),
#     *[has_equal_value(expr_code="steps_needed[%r]" % lr, func=is_(expected_steps[lr]), incorrect_msg="For lr = %g, `steps_needed` should be %s, but yours is `{{stu_eval}}`." % (lr, "`None`: its losses never fall below 0.1 in 1000 steps" if expected_steps[lr] is None else "%d, the index of its first loss below 0.1" % expected_steps[lr])) for lr in sorted(expected_steps)],
# )
# Ex().check_object("steady", missing_msg="`steady` is not defined: the sample names the dict of steadiness `steady`; keep that name.").multi(
#     has_equal_value(expr_code="isinstance(steady, dict) and sorted(steady) == sorted(rates)", incorrect_msg="`steady` should be a dict with one entry per rate of `rates`, the rate as its key. Is it created once, before the loop?"),
#     has_equal_value(expr_code="[bool(steady[lr]) for lr in sorted(steady)]", func=guard(lambda student, solution: student != [not flag for flag in solution]), incorrect_msg="`steady` says the opposite of what it should for every rate: `True` where the loss never rises by more than 0.01, `False` where it does."),
#     *[has_equal_value(expr_code="steady[%r]" % lr, func=is_(expected_steady[lr]), incorrect_msg="For lr = %g, `steady` should be `%s`, but yours is `{{stu_eval}}`: %s" % (lr, expected_steady[lr], "its loss falls at every step." if expected_steady[lr] else "its loss rises by up to %.2f from one step to the next, more than 0.01. The changes are `np.diff(losses)`." % rises[lr])) for lr in sorted(expected_steady)],
# )
# def chosen(condition):
#     """A test of the student's `best_lr`: `condition` decides; anything not a single rate passes on to the next check."""
#     def test(student, solution):
#         try:
#             return bool(condition(float(student)))
#         except (TypeError, ValueError):
#             return True
#     return test
#
# choice = "The steady rates that get below 0.1 are 1 (674 steps) and 3 (230 steps)."
# Ex().check_object("best_lr", missing_msg="`best_lr` is not defined: keep the sample's name for your choice.").multi(
#     has_equal_value(func=chosen(lambda value: value != 10.0), incorrect_msg="10 gets below 0.1 soonest, in 161 steps, but its loss jumps up by 1.2 on the way: it is not steady, and the rule keeps only steady rates. " + choice),
#     has_equal_value(func=chosen(lambda value: value != 1.0), incorrect_msg="1 is steady and gets below 0.1, but in 674 steps: the rule asks for the fewest steps. " + choice),
#     has_equal_value(func=chosen(lambda value: value not in (0.1, 0.3, 30.0)), incorrect_msg="`best_lr` is `{{stu_eval}}`, a rate whose loss never falls below 0.1 in 1000 steps: leave out the rates whose `steps_needed` is `None`. " + choice),
#     has_equal_value(func=lambda student, solution: isinstance(student, (int, float)) and student == solution, incorrect_msg="`best_lr` should be one of `rates`, the one your rule chooses; yours is `{{stu_eval}}`. " + choice),
# )
# success_msg("Right: 3 is the fastest steady rate. 10 got there sooner this time, but by luck of its jumps; a rate that needs fewer steps only by overshooting is no safe choice on the next problem.")

# %% [markdown] tags=["hint"]
# `train` returns two things, the parameters and the losses (a numpy array). `np.nonzero` of a comparison gives, in its first element, the indices where the comparison holds, and they may be none; `np.diff(losses)` holds the changes from one step to the next. For the choice, keep the rates that are steady and have a number of steps, then take the one whose number is smallest (`min` takes a `key=`).

# %% [markdown]
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
print("accuracy: at least 95% on the training set and on 200 new points")
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
# layers of [Part II]({{< relref "nn-fundamentals-2" >}}). And the backward pass that you
# wrote here by hand, [Part V]({{< relref "nn-fundamentals-5" >}}) has the computer find by
# itself, by recording the computation and walking the record backwards, as the chain rule
# does; its gradients are checked against the ones of this post.
