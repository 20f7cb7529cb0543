# ---
# title: Neural Network Fundamentals V
# date: 2018-02-22
# tags: [Deep Learning, Neural Networks, Class17/18, Blog Instruction]
# categories: [seminar]
# series: Neural Network Fundamentals
# description: "Part V of the Neural Network Fundamentals: automatic differentiation from scratch, a scalar Value that records how it was computed and finds every gradient by walking that record backwards"
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
# ## Autograd from scratch
#
# This is the fifth and last part of our series *Neural Network Fundamentals*.
# [Part I]({{< relref "nn-fundamentals-1" >}}) built a neuron, [Part II]({{< relref "nn-fundamentals-2" >}})
# layers of them, [Part III]({{< relref "nn-fundamentals-3" >}}) trained a network by
# backpropagation and [Part IV]({{< relref "nn-fundamentals-4" >}}) taught it to read
# handwritten digits. Every gradient on the way was derived by hand: Part III worked out
#
# $$\delta^{(2)} = \frac{1}{m}\left(\hat{Y} - Y\right), \qquad \delta^{(1)} = \left(W^{(2)\top} \delta^{(2)}\right) \odot H \odot (1 - H)$$
#
# and needed a numerical check before it trusted them, and Part IV derived the output error
# again for the softmax. Another activation, another loss or a third layer would mean deriving
# everything once more.
#
# Frameworks such as PyTorch, TensorFlow and JAX never ask for a backward pass. They record
# the forward computation as it runs and then walk the record backwards, applying the chain
# rule step by step. This is **automatic differentiation** in reverse mode: backpropagation
# done by the program instead of on paper. In this part we build one, small enough to read in
# full, in the spirit of Andrej Karpathy's [micrograd](https://github.com/karpathy/micrograd):
# a number, `Value`, that remembers how it was computed. We check it against Part III's
# hand-written gradients and then train the XOR network with it.
#
# ### A number that remembers how it was made
#
# A loss is computed in small steps (a product, a sum, a sigmoid, a logarithm), and each step
# has a simple local derivative. A `Value` holds a number, `data`, and three more things:
#
# * its parents, the Values it was computed from;
# * `_backward`, a function that knows the local derivatives of the step that made it and
#   passes the Value's gradient on to its parents;
# * `grad`, which the backward pass fills with $\partial L / \partial v$, the derivative of
#   the final result $L$ (the loss) with respect to this Value $v$. It starts at 0.
#
# For a sum $c = a + b$ both local derivatives are 1, $\partial c / \partial a = \partial c / \partial b = 1$,
# so the chain rule passes on the gradient that reached $c$ unchanged:
#
# $$\frac{\partial L}{\partial a} = \frac{\partial L}{\partial c} \, \frac{\partial c}{\partial a} = \frac{\partial L}{\partial c}, \qquad \frac{\partial L}{\partial b} = \frac{\partial L}{\partial c}$$
#
# `_backward` *adds* to the parents' gradients instead of setting them: a Value used in
# several places reaches $L$ along several paths, and, as in Part III, the chain rule adds
# up the paths.

# %%
import math

import numpy as np
import matplotlib.pyplot as plt


class Value:
    """A number that remembers the Values it was computed from."""

    def __init__(self, data, parents=()):
        self.data = float(data)
        self.grad = 0.0                 # dL/d(this Value), filled in by the backward pass
        self._parents = parents         # the Values this one was computed from
        self._backward = lambda: None   # passes self.grad on to the parents

    def __repr__(self):
        return f"Value(data={self.data:.4g}, grad={self.grad:.4g})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other))

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    __radd__ = __add__  # 1 + a as well as a + 1

# %% [markdown]
# A sum, and its backward step by hand. We pretend that the sum is the loss itself, so that
# its gradient is $\partial L / \partial L = 1$:

# %%
a, b = Value(2.0), Value(-3.0)
c = a + b
c.grad = 1.0
c._backward()
print("c = a + b:", c, a, b)

x = Value(3.0)
y = x + x  # x reaches y along two paths
y.grad = 1.0
y._backward()
print("y = x + x:", x)
assert (c.data, a.grad, b.grad) == (-1.0, 1.0, 1.0) and x.grad == 2.0

# %% [markdown]
# For $y = x + x$ the gradient of $x$ is 2, one share from each path. Had `_backward` set
# the gradients with `=`, the second share would have overwritten the first.
#
# Now the product $c = a \, b$. Its local derivatives are $\partial c / \partial a = b$ and
# $\partial c / \partial b = a$: each factor's gradient is the *other* factor's value times
# the gradient that reached $c$. Write it.

# %% tags=["pre-exercise-code"] exercise="value-mul"
class Value:
    """A number that remembers the Values it was computed from."""

    def __init__(self, data, parents=()):
        self.data = float(data)
        self.grad = 0.0
        self._parents = parents
        self._backward = lambda: None

    def __repr__(self):
        return f"Value(data={self.data:.4g}, grad={self.grad:.4g})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other))

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    __radd__ = __add__

# %% [raw] tags=["sample-code"]
# # The product of self and other (a Value, or a plain number), and its backward step
# def mul(self, other):
#     other = other if isinstance(other, Value) else Value(other)
#     out = ___
#
#     def _backward():
#         self.grad += ___
#         other.grad += ___
#
#     out._backward = _backward
#     return out
#
# Value.__mul__ = Value.__rmul__ = mul
#
# a, b = Value(2.0), Value(-3.0)
# c = a * b
# c.grad = 1.0
# c._backward()
# print(c, a, b)

# %% tags=["solution"]
# The product of self and other (a Value, or a plain number), and its backward step
def mul(self, other):
    other = other if isinstance(other, Value) else Value(other)
    out = Value(self.data * other.data, (self, other))

    def _backward():
        self.grad += other.data * out.grad
        other.grad += self.data * out.grad

    out._backward = _backward
    return out

Value.__mul__ = Value.__rmul__ = mul

a, b = Value(2.0), Value(-3.0)
c = a * b
c.grad = 1.0
c._backward()
print(c, a, b)

# %% tags=["solution-alternative"]
# The product of self and other (a Value, or a plain number), and its backward step
def mul(self, other):
    other = other if isinstance(other, Value) else Value(other)
    out = Value(other.data * self.data, parents=(self, other))

    def _backward():
        self.grad = self.grad + out.grad * other.data
        other.grad = other.grad + out.grad * self.data

    out._backward = _backward
    return out

Value.__mul__ = Value.__rmul__ = mul

a, b = Value(2.0), Value(-3.0)
c = a * b
c.grad = 1.0
c._backward()
print(c, a, b)

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# def equal(student, solution):
#     return student == solution
#
# state = Ex()._state
# blanks = {"out": "`out`, the product as a new `Value`", "self.grad": "what `self.grad` gets from the product", "other.grad": "what `other.grad` gets from the product"}
# for line in state.student_code.splitlines():
#     if "___" in line:
#         target = line.split("=")[0].replace("+", "").strip()
#         state.report("The blank in `" + line.strip() + "` is still there: fill in " + blanks.get(target, "the code the comment asks for") + ".")
#
# helpers = '''
# def _attempt(make):
#     try:
#         return make()
#     except RecursionError:
#         return "RecursionError"
#     except Exception as error:
#         return "{}: {}".format(type(error).__name__, error)
#
# def _product(x, y, upstream, one_value=False):
#     a = Value(x)
#     b = a if one_value else Value(y)
#     c = a * b
#     c.grad = upstream
#     c._backward()
#     return [c.data, a.grad, b.grad]
#
# def _parents():
#     a, b = Value(2.0), Value(-3.0)
#     return sorted("a" if p is a else "b" if p is b else "another" for p in (a * b)._parents)
# '''
# backward_error = "The backward step of `a * b` raised `{{stu_str}}`. `_backward` adds to `self.grad` and `other.grad`, using the numbers `self.data`, `other.data` and `out.grad`."
# def check(expr, message, func=same, error=backward_error):
#     Ex().has_equal_value(pre_code=helpers, expr_code=expr, func=func, copy=False, incorrect_msg=message, error_msg=error)
#
# check("_attempt(lambda: hasattr(Value, '__mul__') and hasattr(Value, '__rmul__'))", "`Value` has no multiplication: keep the lines `Value.__mul__ = mul` and `Value.__rmul__ = mul`, which make `*` call your function.", func=equal)
# check("_attempt(lambda: Value(2.0) * Value(-3.0)) == 'RecursionError'", "`mul` calls itself without end: inside it, `self * other` is again a call of `mul`. Multiply the plain numbers `self.data` and `other.data` instead.", func=equal)
# check("_attempt(lambda: type(Value(2.0) * Value(-3.0)).__name__)", "`Value(2.0) * Value(-3.0)` should give a new `Value`, but it gave {{stu_eval}}. `out` is a `Value` made from the product of the plain numbers `self.data` and `other.data`, with the two Values it comes from, `(self, other)`, as its parents.", func=equal)
# check("_parents()", "The product must remember the two Values it was made from: give `out` the parents `(self, other)`, or no backward pass will ever reach them.", func=equal)
# check("_product(2.0, -3.0, 1.0)[0]", "`out.data` should be the product of the two numbers, -6 for 2 and -3, but yours is {{stu_eval}}.")
# check("_product(2.0, -3.0, 1.0)[1:]", "For c = a · b with a = 2, b = -3 and dL/dc = 1, `a.grad` should be b's value, -3, and `b.grad` a's value, 2, but yours are {{stu_eval}}. The local derivative of a product with respect to one factor is the other factor.")
# check("_product(2.0, -3.0, 0.5)[1:]", "With dL/dc = 0.5, `a.grad` should be -3 · 0.5 = -1.5 and `b.grad` 2 · 0.5 = 1, but yours are {{stu_eval}}: by the chain rule, multiply each local derivative by `out.grad`, the gradient that reached the product.")
# check("_product(3.0, None, 1.0, one_value=True)[1]", "For `a * a` with a = 3, `a.grad` should be 6, one share of 3 from each factor, but yours is {{stu_eval}}: add to the gradients with `+=` instead of setting them with `=`.")
# success_msg("Right: each factor receives the other factor's value times the gradient of the product.")

# %% [markdown] tags=["hint"]
# `out` is built like the sum's `out` in the class, with the numbers multiplied. In `_backward`, a factor's gradient grows by the other factor's number times the product's own gradient.

# %% [markdown]
# ### The other steps of a network
#
# Here is the multiplication, and with it negation, subtraction and division by a plain
# number. These need no backward step of their own: $-a$ is computed as $a \cdot (-1)$,
# $a - b$ as $a + (-b)$ and $a / n$ as $a \cdot \frac{1}{n}$, so their gradients flow through
# the sums and products they are made of. The network of Part III needs
# two more steps with their own local derivatives: the sigmoid, whose derivative is
# $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$ (Part III), and the logarithm in the cross-entropy,
# whose derivative is $1/a$.

# %%
def mul(self, other):
    other = other if isinstance(other, Value) else Value(other)
    out = Value(self.data * other.data, (self, other))

    def _backward():
        self.grad += other.data * out.grad
        other.grad += self.data * out.grad

    out._backward = _backward
    return out


def sigmoid(self):
    s = 1 / (1 + math.exp(-self.data))
    out = Value(s, (self,))

    def _backward():
        self.grad += s * (1 - s) * out.grad

    out._backward = _backward
    return out


def log(self):
    out = Value(math.log(self.data), (self,))

    def _backward():
        self.grad += out.grad / self.data

    out._backward = _backward
    return out


Value.__mul__ = Value.__rmul__ = mul
Value.__neg__ = lambda self: self * -1
Value.__sub__ = lambda self, other: self + (-other)
Value.__rsub__ = lambda self, other: other + (-self)  # 1 - a
Value.__truediv__ = lambda self, number: self * (1 / number)  # by a plain number only
Value.sigmoid = sigmoid
Value.log = log

# %% [markdown]
# ### Walking the graph backwards
#
# Every operation creates a new Value that points to its parents, so computing a loss builds
# a graph that leads from the loss back to every input and weight. Calling a node's
# `_backward` moves its gradient one step towards the inputs. The order matters: a node may
# pass its gradient on only once it has received all of it, that is after every node that
# uses it has passed on its own. Take
#
# $$d = a\,b, \qquad e = d + b, \qquad L = d\,e$$
#
# with $a = 2$ and $b = -3$. Here $d$ is used twice, by $e$ and by $L$, and $b$ twice, by $d$
# and by $e$. Multiplying out, $L = a^2 b^2 + a b^2$, so $\partial L / \partial a = 2ab^2 + b^2 = 45$
# and $\partial L / \partial b = 2a^2 b + 2ab = -36$. Get these two numbers by calling the
# nodes' backward steps yourself, in an order that works.

# %% tags=["pre-exercise-code"] exercise="backward-by-hand"
import math

class Value:
    """A number that remembers the Values it was computed from."""

    def __init__(self, data, parents=()):
        self.data = float(data)
        self.grad = 0.0
        self._parents = parents
        self._backward = lambda: None

    def __repr__(self):
        return f"Value(data={self.data:.4g}, grad={self.grad:.4g})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other))

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other))

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    __radd__ = __add__
    __rmul__ = __mul__

a, b = Value(2.0), Value(-3.0)
d = a * b
e = d + b
L = d * e

# %% [raw] tags=["sample-code"]
# # The graph d = a * b, e = d + b, L = d * e is built for you
# print(a, b, d, e, L)
#
# # The backward pass by hand: start at L, then let each node that was computed pass its gradient on
# L.grad = ___
# ___  # the first node to call
# ___  # the second
# ___  # the third
#
# print(a.grad, b.grad)

# %% tags=["solution"]
# The graph d = a * b, e = d + b, L = d * e is built for you
print(a, b, d, e, L)

# The backward pass by hand: start at L, then let each node that was computed pass its gradient on
L.grad = 1.0
L._backward()
e._backward()
d._backward()

print(a.grad, b.grad)

# %% tags=["solution-alternative"]
# The graph d = a * b, e = d + b, L = d * e is built for you
print(a, b, d, e, L)

# The backward pass by hand: start at L, then let each node that was computed pass its gradient on
L.grad = 1
for node in [L, e, d, b, a]:
    node._backward()

print(a.grad, b.grad)

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# def equal(student, solution):
#     return student == solution
#
# state = Ex()._state
# for line in state.student_code.splitlines():
#     if "___" in line:
#         state.report("The blank in `" + line.strip() + "` is still there: fill in " + ("the gradient of L with respect to itself" if "L.grad" in line else "the call of one node's backward step") + ".")
#
# # The reader's code again, on a fresh graph whose backward steps record their calls
# helpers = '''
# import contextlib as _contextlib
# import io as _io
#
# def _rerun(x, y):
#     env = {"Value": Value}
#     a, b = Value(x), Value(y)
#     d = a * b
#     e = d + b
#     L = d * e
#     calls, seeds = [], []
#     for name, node in [("L", L), ("e", e), ("d", d), ("a", a), ("b", b)]:
#         def record(name=name, step=node._backward):
#             calls.append(name)
#             if name == "L":
#                 seeds.append(L.grad)
#             step()
#         node._backward = record
#         env[name] = node
#     with _contextlib.redirect_stdout(_io.StringIO()):
#         exec(_code, env)
#     computed = [name for name in calls if name in "Led"]
#     return {"seed": seeds[0] if seeds else L.grad, "calls": computed, "grads": [a.grad, b.grad]}
# '''
# helpers += "\n_code = " + repr(state.student_code) + "\n"
# rerun_error = "Running your code again on a fresh graph raised `{{stu_str}}`. Give `L.grad` a number and call each node's `_backward()` on its own line."
# # The solution's process would run the reader's code too: compare with the solution's results, given here
# def check(expr, expected, message, func=equal):
#     Ex().has_equal_value(pre_code=helpers, expr_code=expr, override=expected, func=func, copy=False, incorrect_msg=message, error_msg=rerun_error)
#
# check("_rerun(2.0, -3.0)['seed']", 1.0, "Start the backward pass with `L.grad = 1`, before any node passes its gradient on: the gradient of L with respect to itself is 1, and every other gradient is a multiple of it. When L passed its gradient on, `L.grad` was {{stu_eval}}.", func=same)
# check("sorted(set(_rerun(2.0, -3.0)['calls']))", ["L", "d", "e"], "Only the nodes that were computed, L, e and d, have a backward step that does something, and each of them must run it once: yours ran {{stu_eval}}. Type no gradients in: call `_backward()` of each of these nodes.")
# check("len(_rerun(2.0, -3.0)['calls'])", 3, "Each node passes its gradient on exactly once, but your code ran {{stu_eval}} backward steps of L, e and d: a second call adds the node's share a second time.")
# check("_rerun(2.0, -3.0)['calls'].index('d') > _rerun(2.0, -3.0)['calls'].index('e')", True, "d passed its gradient on before e had added its share to `d.grad`. d is used by both e and L, so d must wait until both have passed their gradients on.")
# check("_rerun(2.0, -3.0)['calls'][0]", "L", "L must pass its gradient on first: its gradient is the seed, and both e and d are waiting for their shares from L.")
# check("_rerun(2.0, -3.0)['grads']", [45.0, -36.0], "`a.grad` and `b.grad` should be 45 and -36, but yours are {{stu_eval}}.", func=same)
# success_msg("Right: L first, then e, and d only once both of its users have passed their gradients on.")

# %% [markdown] tags=["hint"]
# Which nodes use d? Both must have called their backward step before d calls its own. The inputs a and b have nothing to pass on.

# %% [markdown]
# ### The order, for any graph
#
# By hand we chose the order. For a graph of thousands of nodes the program must find it: an
# order in which every node comes after all the nodes that use it. A depth-first search
# gives one. To *visit* a node: if it was visited before, do nothing; otherwise mark it,
# visit each of its parents, and only then append the node to a list. Visiting the loss this
# way lists every node of the graph after all of its parents, a **topological order**. Read
# backwards, from the loss to the inputs, every node comes before its parents, and so after
# every node that uses it: exactly the order the backward steps need.
#
# Write `backward`: it lists the graph's nodes in topological order, seeds the gradient of
# the loss with 1 and calls every node's backward step in the reversed order.

# %% tags=["pre-exercise-code"] exercise="topological-backward"
import math

class Value:
    """A number that remembers the Values it was computed from."""

    def __init__(self, data, parents=()):
        self.data = float(data)
        self.grad = 0.0
        self._parents = parents
        self._backward = lambda: None

    def __repr__(self):
        return f"Value(data={self.data:.4g}, grad={self.grad:.4g})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other))

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other))

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        s = 1 / (1 + math.exp(-self.data))
        out = Value(s, (self,))

        def _backward():
            self.grad += s * (1 - s) * out.grad

        out._backward = _backward
        return out

    def log(self):
        out = Value(math.log(self.data), (self,))

        def _backward():
            self.grad += out.grad / self.data

        out._backward = _backward
        return out

    __radd__ = __add__
    __rmul__ = __mul__

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return other + (-self)

    def __truediv__(self, number):
        return self * (1 / number)

# The graph of the exercise before
a, b = Value(2.0), Value(-3.0)
d = a * b
e = d + b
L = d * e

# %% [raw] tags=["sample-code"]
# def backward(self):  # fill the grad of every node with the derivative of self (the loss) with respect to it
#     order, visited = [], set()  # order: the nodes of the graph, each after all of its parents
#     ___  # list the nodes: visit self, and each node's parents before the node itself
#     ___  # seed the gradient of the loss
#     ___  # let every node pass its gradient on, from the loss back to the inputs
#
# Value.backward = backward
# L.backward()  # the graph d = a * b, e = d + b, L = d * e of the exercise before
# print(a.grad, b.grad)

# %% tags=["solution"]
def backward(self):  # fill the grad of every node with the derivative of self (the loss) with respect to it
    order, visited = [], set()  # order: the nodes of the graph, each after all of its parents
    def visit(node):
        if node not in visited:
            visited.add(node)
            for parent in node._parents:
                visit(parent)
            order.append(node)
    visit(self)
    self.grad = 1.0
    for node in reversed(order):
        node._backward()

Value.backward = backward
L.backward()  # the graph d = a * b, e = d + b, L = d * e of the exercise before
print(a.grad, b.grad)

# %% tags=["solution-alternative"]
def backward(self):  # fill the grad of every node with the derivative of self (the loss) with respect to it
    order, visited = [], set()  # order: the nodes of the graph, each after all of its parents
    stack = [(self, False)]
    while stack:
        node, parents_done = stack.pop()
        if parents_done:
            order.append(node)
        elif node not in visited:
            visited.add(node)
            stack.append((node, True))
            stack.extend((parent, False) for parent in node._parents)
    self.grad = 1
    for node in order[::-1]:
        node._backward()

Value.backward = backward
L.backward()  # the graph d = a * b, e = d + b, L = d * e of the exercise before
print(a.grad, b.grad)

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# def equal(student, solution):
#     return student == solution
#
# state = Ex()._state
# for line in state.student_code.splitlines():
#     if "___" in line:
#         state.report("The blank `" + line.strip() + "` is still there: replace the `___` with your code.")
#
# # Graphs whose backward steps record their calls, then the reader's backward on them
# helpers = '''
# def _graph(kind):
#     if kind == "diamond":  # d is used by e and by L, b by d and by e
#         a, b = Value(2.0), Value(-3.0)
#         d = a * b
#         e = d + b
#         L = d * e
#         inputs = [a, b]
#     else:  # Part III's neuron with target 1: L = -log(sigmoid(w x + b))
#         w, x, b = Value(0.5), Value(2.0), Value(-0.5)
#         L = -((w * x + b).sigmoid().log())
#         inputs = [w, x, b]
#     nodes, users, todo = [], {}, [L]
#     while todo:
#         node = todo.pop()
#         if all(node is not seen for seen in nodes):
#             nodes.append(node)
#             for parent in node._parents:
#                 users.setdefault(id(parent), []).append(node)
#                 todo.append(parent)
#     return L, inputs, nodes, users
#
# def _run(kind):
#     L, inputs, nodes, users = _graph(kind)
#     calls, seeds = [], []
#     for node in nodes:
#         def record(node=node, step=node._backward):
#             calls.append(node)
#             if node is L:
#                 seeds.append(L.grad)
#             step()
#         node._backward = record
#     try:
#         L.backward()
#     except RecursionError:
#         return {"error": "RecursionError"}
#     computed = [node for node in nodes if node._parents]  # the inputs' backward steps do nothing
#     counts = [sum(call is node for call in calls) for node in computed]
#     first = {id(node): [call is node for call in calls].index(True) for node in computed if any(call is node for call in calls)}
#     in_order = all(first[id(user)] < first[id(node)] for node in computed for user in users.get(id(node), []) if id(node) in first and id(user) in first)
#     return {"error": "", "most": max(counts), "called": sum(count > 0 for count in counts), "computed": len(computed),
#             "in_order": in_order, "seed": seeds[0] if seeds else L.grad, "grads": [value.grad for value in inputs]}
# '''
# def check(expr, message, func=equal):
#     Ex().has_equal_value(pre_code=helpers, expr_code=expr, func=func, copy=False, incorrect_msg=message,
#                          error_msg="Calling `L.backward()` on the graph d = a · b, e = d + b, L = d · e raised `{{stu_str}}`. `visit` takes one node; the nodes' parents are in `node._parents`, and each node's backward step is `node._backward()`.")
#
# check("hasattr(Value, 'backward')", "`Value` has no method `backward`: keep the line `Value.backward = backward`.")
# check("_run('diamond')['error']", "`L.backward()` raised a RecursionError: your visiting calls itself without end. Mark a node as visited before visiting its parents, and visit only nodes not visited yet.")
# if "_backward()" not in state.student_code.replace(" ", ""):
#     check("_run('diamond')['called'] > 0", "No node's backward step ran: call `_backward()` of each node in the list, with the parentheses; without them, `node._backward` only names the function.")
# check("_run('diamond')['called'] > 0", "No node's backward step ran, so the list of nodes must have stayed empty: `visit(self)` must run, and `visit` must append each node to `order`, after visiting its parents.")
# check("_run('diamond')['most']", "A node passed its gradient on more than once, so its share was added twice: in d = a · b, e = d + b, L = d · e the node d is reached from both e and L. Skip the nodes that are already visited, so that each is listed once.")
# check("_run('neuron')['called'] == _run('neuron')['computed']", "Not every node passed its gradient on: in L = -log(sigmoid(w · x + b)) the backward pass must reach w, x and b through five steps. The list must hold every node of the graph, the parents of parents too: visit each parent the same way as the loss.")
# check("_run('diamond')['in_order'] and _run('neuron')['in_order']", "The nodes passed their gradients on in the wrong order: a node must wait until every node that uses it has passed its gradient on. Append a node to the list only after visiting its parents, and go through the list backwards, from the loss to the inputs.")
# check("_run('diamond')['seed']", "Seed the backward pass with `self.grad = 1` before the nodes pass their gradients on: dL/dL is 1, and every other gradient is a multiple of it. When L passed its gradient on, `L.grad` was {{stu_eval}}.", func=same)
# check("_run('diamond')['grads']", "For d = a · b, e = d + b, L = d · e with a = 2 and b = -3, `a.grad` and `b.grad` should be 45 and -36, but yours are {{stu_eval}}.", func=same)
# check("_run('neuron')['grads']", "For Part III's neuron, L = -log(sigmoid(w · x + b)) with w = 0.5, x = 2 and b = -0.5, the gradients of w, x and b should be about -0.755, -0.189 and -0.378, but yours are {{stu_eval}}.", func=same)
# success_msg("Well done: a topological order, reversed, lets every node wait for all the nodes that use it.")

# %% [markdown] tags=["hint"]
# Define a small function inside `backward` that visits one node and calls itself for each parent; a node goes into `order` only after its parents. The text says which way to go through the list.

# %% [markdown]
# Ours, with the listing in a function of its own so that we can count the nodes of a graph:

# %%
def topological_order(self):
    """Return every Value this one was computed from, and itself last, each after all of its parents."""
    order, visited = [], set()

    def visit(node):
        if node not in visited:
            visited.add(node)
            for parent in node._parents:
                visit(parent)
            order.append(node)

    visit(self)
    return order


def backward(self):
    """Fill the grad of every Value in the graph with the derivative of this Value with respect to it."""
    self.grad = 1.0
    for node in reversed(topological_order(self)):
        node._backward()


Value.topological_order = topological_order
Value.backward = backward

# %% [markdown]
# The single neuron of Part III, with $x = 2$, $w = 0.5$, $b = -0.5$ and the target $y = 1$,
# for which the cross-entropy is $L = -\log a$. Part III found
# $\partial L / \partial z = a - y \approx -0.3775$ and $\partial L / \partial w = (a - y)\,x \approx -0.7551$
# by hand; `backward` finds them without being told any derivative but those of the single
# steps:

# %%
x, w, b = Value(2.0), Value(0.5), Value(-0.5)
wx = w * x
z = wx + b
a = z.sigmoid()
log_a = a.log()
L = -log_a
L.backward()
print(f"z = {z.data:.4f}, a = {a.data:.4f}, L = {L.data:.4f}")
print(f"dL/dz = {z.grad:.4f}, dL/dw = {w.grad:.4f}, dL/db = {b.grad:.4f}")
assert abs(z.grad - (a.data - 1)) < 1e-12 and abs(w.grad - (a.data - 1) * 2) < 1e-12
assert round(z.grad, 4) == -0.3775 and round(w.grad, 4) == -0.7551
assert round(a.grad, 2) == -1.61 and round(x.grad, 3) == -0.189 and L._parents[1].data == -1.0

# %% tags=["hide-input"] alt="The computation graph of the neuron as boxes joined by arrows, from left to right: w = 0.5 and x = 2 feed a product w\u00b7x = 1, which with b = -0.5 feeds the sum z = 0.5, then the sigmoid a = 0.622, its logarithm -0.474, and the loss L = 0.474, which is the logarithm times the constant -1. Below each value its gradient: 1 at L, -1.61 at a, -0.378 at z, w\u00b7x and b, -0.755 at w and -0.189 at x."
nodes = {  # name: (Value, position in the figure)
    "x": (x, (0, 2.2)), "w": (w, (0, 0.6)), "w·x": (wx, (1.6, 1.4)), "b": (b, (1.6, -0.3)),
    "z": (z, (3.2, 0.55)), "a = σ(z)": (a, (4.8, 0.55)), "log a": (log_a, (6.4, 0.55)),
    "constant": (L._parents[1], (6.4, 2.2)), "L": (L, (8.0, 1.4)),
}
fig, ax = plt.subplots(figsize=(7, 3.1))
boxes = {}
for name, (value, (px, py)) in nodes.items():
    boxes[id(value)] = ax.text(px, py, f"{name}\n{value.data:.3g}", ha="center", va="center", fontsize=10,
                               bbox=dict(boxstyle="round", facecolor="white", edgecolor="black"))
    ax.text(px, py - 0.62, f"grad {value.grad:.3g}", ha="center", va="center", fontsize=10, color="tab:red")
for value, _ in nodes.values():
    for parent in value._parents:  # an arrow from each parent to the Value computed from it
        ax.annotate("", xy=(0, 0.5), xycoords=boxes[id(value)], xytext=(1, 0.5), textcoords=boxes[id(parent)],
                    arrowprops=dict(arrowstyle="->", color="grey", shrinkA=4, shrinkB=4))
ax.set_xlim(-0.7, 8.7)
ax.set_ylim(-1.1, 2.8)
ax.axis("off")
plt.show()

# %% [markdown]
# The figure shows each Value's number in its box and, in red below it, the gradient the
# backward pass left there. The gradient 1 of the loss becomes $-1/a \approx -1.61$ at the
# sigmoid's output, $-1.61 \cdot a (1 - a) \approx -0.378$ at $z$, and is passed on unchanged
# by the sum to $b$ and to the product, which multiplies it by the other factor: by $x = 2$
# for $w$, by $w = 0.5$ for $x$.
#
# ### Checked against Part III
#
# Now the whole XOR network of Part III: two inputs, three sigmoid hidden nodes, one sigmoid
# output and the cross-entropy averaged over the four examples. First Part III's functions,
# unchanged, with its hand-written backward pass:

# %%
def np_sigmoid(z):
    return 1 / (1 + np.exp(-z))


def cross_entropy(Y_hat, Y):
    return -np.mean(Y * np.log(Y_hat) + (1 - Y) * np.log(1 - Y_hat))


def init_params(i_n, h_n, o_n, rng):
    return {
        "W1": rng.normal(0, 1, (h_n, i_n)) / np.sqrt(i_n), "b1": np.zeros((h_n, 1)),
        "W2": rng.normal(0, 1, (o_n, h_n)) / np.sqrt(h_n), "b2": np.zeros((o_n, 1)),
    }


def forward(params, X):
    H = np_sigmoid(params["W1"] @ X + params["b1"])
    Y_hat = np_sigmoid(params["W2"] @ H + params["b2"])
    return H, Y_hat


def backward_by_hand(params, X, Y, H, Y_hat):
    m = X.shape[1]
    delta2 = (Y_hat - Y) / m
    delta1 = (params["W2"].T @ delta2) * H * (1 - H)
    return {
        "W1": delta1 @ X.T, "b1": delta1.sum(axis=1, keepdims=True),
        "W2": delta2 @ H.T, "b2": delta2.sum(axis=1, keepdims=True),
    }


X_xor = np.array([[0.0, 0.0, 1.0, 1.0],
                  [0.0, 1.0, 0.0, 1.0]])
Y_xor = np.array([[0.0, 1.0, 1.0, 0.0]])

# %% [markdown]
# The same network with Values: every weight and bias becomes a `Value`, and the forward pass
# is written out one example and one node at a time, with no matrices. Nothing in it says how
# to differentiate.

# %%
def to_values(params):
    """Return the parameters as nested lists of Values, one per weight or bias."""
    return {name: [[Value(number) for number in row] for row in array] for name, array in params.items()}


def loss_of_values(p, X, Y):
    """Return the cross-entropy of the network with the parameters p (Values), averaged over the columns of X."""
    m = X.shape[1]
    total = 0
    for column in range(m):
        inputs, target = X[:, column], Y[0, column]
        hidden = [(sum(weight * xi for weight, xi in zip(row, inputs)) + bias[0]).sigmoid()
                  for row, bias in zip(p["W1"], p["b1"])]
        output = (sum(weight * hj for weight, hj in zip(p["W2"][0], hidden)) + p["b2"][0][0]).sigmoid()
        total = total - (target * output.log() + (1 - target) * (1 - output).log())
    return total / m


params = init_params(2, 3, 1, np.random.default_rng(0))
H, Y_hat = forward(params, X_xor)
by_hand = backward_by_hand(params, X_xor, Y_xor, H, Y_hat)

p = to_values(params)
loss_value = loss_of_values(p, X_xor, Y_xor)
loss_value.backward()
automatic = {name: np.array([[v.grad for v in row] for row in rows]) for name, rows in p.items()}

print(f"loss: {cross_entropy(Y_hat, Y_xor):.6f} with numpy, {loss_value.data:.6f} with Values")
print(f"the graph of the loss has {len(loss_value.topological_order())} Values")
for name in params:
    assert np.allclose(automatic[name], by_hand[name], rtol=0, atol=1e-12), name
    print(f"d loss / d {name}, shape {by_hand[name].shape}: by hand and by backward agree to 1e-12")
assert len(loss_value.topological_order()) == 216

# %% [markdown]
# The gradients agree with Part III's to twelve decimals or better, for every weight and bias.
# `backward` knew only the local derivatives of $+$, $\times$, the sigmoid and the logarithm;
# the $\delta$s, the transposes and the sums over the examples came out of the graph by
# themselves. The price is size: for four examples the loss is a graph of 216 Values, one
# Python object for every single multiplication and addition, where numpy's forward pass is
# two matrix products.
#
# ### A new operation, and Part IV's softmax
#
# Adding an operation to the `Value` means writing its forward step and its local derivative,
# nothing else: `backward` combines it with all the others. Part IV needed a paragraph of
# algebra to show that the softmax with the cross-entropy has the output error
# $\delta = P - Y$. For one example with scores $z_1, \dots, z_K$ and the true class $k$, the
# loss is
#
# $$L = -\log p_k = -\log \frac{e^{z_k}}{\sum_{j} e^{z_j}} = \log \sum_{j=1}^{K} e^{z_j} - z_k$$
#
# The last form needs no division, only the exponential, whose derivative is the exponential
# itself. Add `exp` to the `Value`, write the loss with it, and see whether the gradients
# come out as $p_j - y_j$.

# %% tags=["pre-exercise-code"] exercise="value-exp"
import math

class Value:
    """A number that remembers the Values it was computed from."""

    def __init__(self, data, parents=()):
        self.data = float(data)
        self.grad = 0.0
        self._parents = parents
        self._backward = lambda: None

    def __repr__(self):
        return f"Value(data={self.data:.4g}, grad={self.grad:.4g})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other))

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other))

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        s = 1 / (1 + math.exp(-self.data))
        out = Value(s, (self,))

        def _backward():
            self.grad += s * (1 - s) * out.grad

        out._backward = _backward
        return out

    def log(self):
        out = Value(math.log(self.data), (self,))

        def _backward():
            self.grad += out.grad / self.data

        out._backward = _backward
        return out

    __radd__ = __add__
    __rmul__ = __mul__

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return other + (-self)

    def __truediv__(self, number):
        return self * (1 / number)

    def backward(self):
        order, visited = [], set()

        def visit(node):
            if node not in visited:
                visited.add(node)
                for parent in node._parents:
                    visit(parent)
                order.append(node)

        visit(self)
        self.grad = 1.0
        for node in reversed(order):
            node._backward()

# %% [raw] tags=["sample-code"]
# # The exponential of a Value, and its backward step
# def exp(self):
#     out = ___
#
#     def _backward():
#         self.grad += ___
#
#     out._backward = _backward
#     return out
#
# Value.exp = exp
#
# # The softmax cross-entropy of three scores z for the true class k
# z = [Value(1.0), Value(2.0), Value(0.5)]
# k = 0
# loss = ___
# loss.backward()
#
# print(loss)
# print([zj.grad for zj in z])

# %% tags=["solution"]
# The exponential of a Value, and its backward step
def exp(self):
    out = Value(math.exp(self.data), (self,))

    def _backward():
        self.grad += out.data * out.grad

    out._backward = _backward
    return out

Value.exp = exp

# The softmax cross-entropy of three scores z for the true class k
z = [Value(1.0), Value(2.0), Value(0.5)]
k = 0
loss = sum(zj.exp() for zj in z).log() - z[k]
loss.backward()

print(loss)
print([zj.grad for zj in z])

# %% tags=["solution-alternative"]
# The exponential of a Value, and its backward step
def exp(self):
    e = math.exp(self.data)
    out = Value(e, (self,))

    def _backward():
        self.grad += e * out.grad

    out._backward = _backward
    return out

Value.exp = exp

# The softmax cross-entropy of three scores z for the true class k
z = [Value(1.0), Value(2.0), Value(0.5)]
k = 0
total = z[0].exp() + z[1].exp() + z[2].exp()
loss = -(z[k] - total.log())
loss.backward()

print(loss)
print([zj.grad for zj in z])

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# def equal(student, solution):
#     return student == solution
#
# state = Ex()._state
# blanks = {"out": "`out`, the exponential as a new `Value`", "self.grad": "what `self.grad` gets from the exponential", "loss": "`loss`, the cross-entropy written with `exp` and `log`"}
# for line in state.student_code.splitlines():
#     if "___" in line:
#         target = line.split("=")[0].replace("+", "").strip()
#         state.report("The blank in `" + line.strip() + "` is still there: fill in " + blanks.get(target, "the code the comment asks for") + ".")
#
# helpers = '''
# def _exp_grad(x, upstream):
#     v = Value(x)
#     y = v.exp() * upstream
#     y.backward()
#     return v.grad
#
# def _exp_numeric(x, upstream, eps=1e-6):
#     return upstream * (Value(x + eps).exp().data - Value(x - eps).exp().data) / (2 * eps)
#
# def _exp_twice(x):
#     v = Value(x)
#     (v.exp() + v.exp()).backward()
#     return v.grad
#
# def _parents():
#     v = Value(0.5)
#     return ["self" if p is v else type(p).__name__ for p in v.exp()._parents]
#
# def _scores():
#     return [float(zj.data) for zj in z], int(k)
# '''
# exp_error = "Calling `Value(0.5).exp()` raised `{{stu_str}}`. `out` is a new `Value` holding the exponential of the plain number `self.data` (the pre-exercise code imports `math`), with `(self,)` as its parents."
# backward_error = "The backward step of `exp` raised `{{stu_str}}`. `_backward` adds to `self.grad` a plain number: the local derivative, made from `out.data` or `self.data`, times `out.grad`."
# def check(expr, message, func=same, error=exp_error):
#     Ex().has_equal_value(pre_code=helpers, expr_code=expr, func=func, copy=False, incorrect_msg=message, error_msg=error)
#
# check("hasattr(Value, 'exp')", "`Value` has no method `exp`: keep the line `Value.exp = exp`.", func=equal)
# check("type(Value(0.5).exp()).__name__", "`exp` should return a new `Value`, but `Value(0.5).exp()` gave a {{stu_eval}}: make `out` a `Value` of the exponential of `self.data`, with `(self,)` as its parents.", func=equal)
# check("Value(0.5).exp().data", "`Value(0.5).exp()` should hold e to the power 0.5, about 1.6487, but it holds {{stu_eval}}.")
# check("_parents()", "The exponential must remember the Value it was made from: give `out` the parents `(self,)`, or `backward` will never reach `self`.", func=equal)
# for x in (0.0, 1.0, -2.0):
#     check("_exp_grad({}, 1.0)".format(x), "The backward step of `exp` is wrong: for x = {} the derivative of e to the x is e to the x itself, which the central difference puts at {:.4f}, but `x.grad` is {{{{stu_eval}}}}.".format(x, np.exp(x)), func=lambda student, solution: same(student, solution) and np.isclose(student, solution, rtol=1e-6), error=backward_error)
# check("abs(_exp_grad(0.7, 3.0) - _exp_numeric(0.7, 3.0)) < 1e-6", "When 3 · exp(x) is the loss, `x.grad` should be 3 e to the x: the chain rule multiplies the local derivative by `out.grad`, the gradient that reached the exponential.", func=equal, error=backward_error)
# check("_exp_twice(0.3)", "In exp(x) + exp(x), each exponential adds its share to `x.grad`, which should be 2 · exp(0.3) ≈ 2.6997, but yours is {{stu_eval}}: add to `self.grad` with `+=` instead of setting it.", error=backward_error)
# check("_scores()", "Keep the scores `z` and the class `k` as the sample gives them.", func=equal)
# loss_error = "Reading your `loss` raised `{{stu_str}}`."
# raised = " `" + str(state.reporter.errors[0]) + "`" if state.reporter.errors else " an error"
# Ex().check_object("loss", missing_msg="`loss` is not defined: its line raised" + raised + ". Write the loss with the Values' own `exp` and `log`, the built-in `sum`, `+` and `-`: a Value can be divided by a plain number, but not by another Value, and the last form of the loss needs no division.")
# check("type(loss).__name__", "`loss` should be a `Value` built from the Values in `z`, so that `loss.backward()` can reach them, but it is a {{stu_eval}}. Use the `Value`'s own `exp` and `log`, not those of `math` or numpy.", func=equal, error=loss_error)
# check("loss.data", "`loss` should be log(e + e² + e^0.5) - 1 ≈ 1.4644, minus the log of the probability of class 0, but it is {{stu_eval}}. Take the log of the sum of the exponentials, then subtract the score of the true class.", error=loss_error)
# check("[zj.grad for zj in z][k]", "The gradient of the true class's score should be its probability minus 1, about -0.7688, but yours is {{stu_eval}}: subtract the Value `z[k]` itself, not its number, so that the -1 reaches it.", error=loss_error)
# check("[zj.grad for zj in z]", "The gradients should be the softmax probabilities minus the one-hot target, about [-0.7688, 0.6285, 0.1402], but yours are {{stu_eval}}.", error=loss_error)
# success_msg("Right: backward finds P - Y by itself, from the derivatives of exp, log and the sum.")

# %% [markdown] tags=["hint"]
# The exponential's derivative is the exponential itself, and `out` already holds it. For the loss, the built-in `sum` adds up a list of Values; the log and the score of class `k` are Values too.

# %% [markdown]
# The three gradients are the softmax probabilities minus the one-hot target: Part IV's
# $P - Y$, found by `backward` from the derivatives of $e^x$, $\log$ and the sum, without any
# of Part IV's algebra.
#
# ### Training with Values
#
# With `backward` the training loop of Part III needs no backward pass of its own. One step:
# compute the loss from the parameters, set every parameter's gradient back to 0 (because
# `_backward` adds to it, and a gradient left from the last step would be added to), call
# `backward`, and move every parameter against its gradient. Train a single sigmoid neuron
# this way on AND, which Part I's perceptron learned with its own rule.

# %% tags=["pre-exercise-code"] exercise="train-with-values"
import math

class Value:
    """A number that remembers the Values it was computed from."""

    def __init__(self, data, parents=()):
        self.data = float(data)
        self.grad = 0.0
        self._parents = parents
        self._backward = lambda: None

    def __repr__(self):
        return f"Value(data={self.data:.4g}, grad={self.grad:.4g})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other))

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other))

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        s = 1 / (1 + math.exp(-self.data))
        out = Value(s, (self,))

        def _backward():
            self.grad += s * (1 - s) * out.grad

        out._backward = _backward
        return out

    def log(self):
        out = Value(math.log(self.data), (self,))

        def _backward():
            self.grad += out.grad / self.data

        out._backward = _backward
        return out

    __radd__ = __add__
    __rmul__ = __mul__

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return other + (-self)

    def __truediv__(self, number):
        return self * (1 / number)

    def backward(self):
        order, visited = [], set()

        def visit(node):
            if node not in visited:
                visited.add(node)
                for parent in node._parents:
                    visit(parent)
                order.append(node)

        visit(self)
        self.grad = 1.0
        for node in reversed(order):
            node._backward()

# AND: the four inputs and their targets, and a neuron that starts at zero
X = [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)]
Y = [0.0, 0.0, 0.0, 1.0]
w1, w2, b = Value(0.0), Value(0.0), Value(0.0)
params = [w1, w2, b]
lr = 2.0

# %% [raw] tags=["sample-code"]
# # Given: the inputs X and targets Y of AND, the neuron's w1, w2 and b (all 0, listed in params), and lr = 2.0
# losses = []  # the loss before each step, as a number
# for step in range(100):
#     ___  # the mean cross-entropy of sigmoid(w1 x1 + w2 x2 + b) over the four examples
#     ___  # the gradients of the loss with respect to w1, w2 and b
#     ___  # one step of gradient descent
#
# print(losses[0], losses[-1], w1, w2, b)

# %% tags=["solution"]
# Given: the inputs X and targets Y of AND, the neuron's w1, w2 and b (all 0, listed in params), and lr = 2.0
losses = []  # the loss before each step, as a number
for step in range(100):
    loss = 0
    for (x1, x2), y in zip(X, Y):
        a = (w1 * x1 + w2 * x2 + b).sigmoid()
        loss = loss - (y * a.log() + (1 - y) * (1 - a).log())
    loss = loss / len(X)
    losses.append(loss.data)
    for p in params:
        p.grad = 0.0
    loss.backward()
    for p in params:
        p.data -= lr * p.grad

print(losses[0], losses[-1], w1, w2, b)

# %% tags=["solution-alternative"]
# Given: the inputs X and targets Y of AND, the neuron's w1, w2 and b (all 0, listed in params), and lr = 2.0
losses = []  # the loss before each step, as a number
for step in range(100):
    outputs = [(w1 * x1 + w2 * x2 + b).sigmoid() for x1, x2 in X]
    terms = [-a.log() if y == 1 else -(1 - a).log() for a, y in zip(outputs, Y)]
    loss = sum(terms) * 0.25
    loss.backward()
    for p in params:
        p.data = p.data - lr * p.grad
        p.grad = 0
    losses.append(loss.data)

print(losses[0], losses[-1], w1, w2, b)

# %% [raw] tags=["sct"]
# import numpy as np
#
# def same(student, solution):
#     try:
#         return np.shape(student) == np.shape(solution) and bool(np.allclose(student, solution))
#     except (TypeError, ValueError):
#         return False
#
# def equal(student, solution):
#     return student == solution
#
# state = Ex()._state
# for line in state.student_code.splitlines():
#     if "___" in line:
#         state.report("The blank `" + line.strip() + "` is still there: replace the `___` with your code.")
#
# # In the reader's process: their losses as numbers, and the losses of the right training and of one whose
# # gradients are never set back to 0, from the same start
# helpers = '''
# def _numbers():
#     return [float(item.data if isinstance(item, Value) else item) for item in losses]
#
# def _reference(zero_grads):
#     w = [Value(0.0), Value(0.0), Value(0.0)]
#     numbers = []
#     try:  # without setting the gradients back to 0, an output reaches 1 and its log fails
#         for step in range(100):
#             loss = 0
#             for (x1, x2), y in zip(X, Y):
#                 a = (w[0] * x1 + w[1] * x2 + w[2]).sigmoid()
#                 loss = loss - (y * a.log() + (1 - y) * (1 - a).log())
#             loss = loss * 0.25
#             numbers.append(loss.data)
#             if zero_grads:
#                 for v in w:
#                     v.grad = 0.0
#             loss.backward()
#             for v in w:
#                 v.data -= 2.0 * v.grad
#     except (ValueError, OverflowError, ZeroDivisionError):
#         pass
#     return numbers
#
# def _accumulates():
#     mine, right, wrong = _numbers(), _reference(True), _reference(False)
#     n = min(len(mine), len(wrong))
#     return n > 2 and np.allclose(mine[:n], wrong[:n]) and not np.allclose(mine[:n], right[:n])
#
# def _first_difference():
#     mine, right = _numbers(), _reference(True)
#     return next((step for step, (a, b) in enumerate(zip(mine, right)) if abs(a - b) > 1e-6 * abs(b)), -1)
# '''
# def check(expr, message, func=same, expected=None):
#     Ex().has_equal_value(pre_code="import numpy as np\n" + helpers, expr_code=expr, func=func, copy=False, override=expected,
#                          incorrect_msg=message, error_msg="Reading your `losses` raised `{{stu_str}}`: append one number per step, `loss.data`.")
#
# error = str(state.reporter.errors[0]) if state.reporter.errors else ""
# Ex().check_object("losses", missing_msg="`losses` is not defined: keep the line `losses = []` before the loop." + (" Your code raised `" + error + "` before it." if error else ""))
# check("[X, Y, lr, len(params)]", "Keep the data `X` and `Y`, the learning rate `lr` and the list `params` as the pre-exercise code gives them.", func=equal)
# check("len(losses) == 0 or abs(_numbers()[0] / math.log(2) - 4) > 1e-9", "Before the first step your loss is 4 ln 2, the sum of the four examples' terms: the loss is their mean, so divide the sum by 4.", func=equal, expected=True)
# check("_numbers()[:1]", "Before the first step every output is sigmoid(0) = 0.5, so each example's term is ln 2 and the loss should be ln 2 ≈ 0.6931, but yours is {{stu_eval}}. Each example adds -[y log a + (1 - y) log(1 - a)]: both terms, and the minus sign.", func=lambda student, solution: len(student) == 0 or same(student, solution))
# check("_accumulates()", "From the second step on, your gradients are too large: `backward` adds to every gradient, so the last step's gradients are still in them. Set each parameter's `grad` back to 0 before `backward`, in every step.", func=equal, expected=False)
# check("len(losses) < 2 or _numbers()[1] <= _numbers()[0]", "The loss rose in the first step: move each parameter against its gradient, by subtracting `lr` times the gradient.", func=equal, expected=True)
# if error:
#     if "index out of range" in error:
#         check("len(losses) > 0", "`losses` is empty at the end, so `losses[0]` fails: append the loss's number, `loss.data`, to `losses` in every step.", func=equal, expected=True)
#     advice = ("`@` is numpy's matrix product: a Value multiplies with `*`." if "for @" in error
#               else "`log` got 0 or a negative number. With a right loss and step the outputs never reach 0 or 1: check the signs, the loss is minus the mean of y log a + (1 - y) log(1 - a), and the step subtracts." if "math domain" in error
#               else "A Value can be divided by a plain number only: divide the sum by `len(X)` or 4." if "for /" in error
#               else "Each step builds the loss from `w1`, `w2`, `b` and the numbers in `X` and `Y` with `+`, `-`, `*`, `/` by a number, `sigmoid` and `log`, then calls `loss.backward()`; a parameter's number is its `.data`, its gradient its `.grad`.")
#     state.report("Your code stopped with an error before the training ended: `" + error + "`. " + advice)
# check("len(losses)", "`losses` should hold one loss per step, 100 numbers, but it holds {{stu_eval}}: append the loss once in every step.", func=equal)
# check("[p.data for p in params] != [0.0, 0.0, 0.0]", "The parameters never moved: `w1`, `w2` and `b` are all still 0. Either your step does not change them (change the `.data` of the parameters themselves, not a loop variable, after `backward` has filled in their gradients and before these are set back to 0), or their gradients stay 0: the bias `b` must be part of the neuron.", func=equal, expected=True)
# check("_first_difference()", "Your loss is right before the first step but differs from the right one from step {{stu_eval}} on. Check the neuron, sigmoid(w1 x1 + w2 x2 + b), each weight times its own input and the bias added, and the step: every parameter moves by `lr` times its own gradient.", func=equal, expected=-1)
# check("[p.data for p in params]", "After 100 steps `w1`, `w2` and `b` should be about 4.26, 4.26 and -6.58, but yours are {{stu_eval}}: is every term of w1 x1 + w2 x2 + b added?")
# success_msg("Well done: forward, zero the gradients, backward, step. That is every training loop, in PyTorch too.")

# %% [markdown] tags=["hint"]
# Build the loss as a Value: start from 0 and add each example's cross-entropy term, then divide by the number of examples. Store the loss's number in `losses`. Before `backward`, every parameter's gradient must be 0; after it, change each parameter's `data`.

# %% [markdown]
# ### XOR with Values
#
# The same loop trains Part III's XOR network, from Part III's start (seed 0) with Part III's
# learning rate of 2 and 3000 steps. Since the Values compute exactly what Part III's numpy
# code computes, the two trainings should take the same path:

# %%
def train_with_values(X, Y, h_n, lr, steps, seed):
    """Return the trained parameters (Values) and the loss before every step."""
    p = to_values(init_params(X.shape[0], h_n, Y.shape[0], np.random.default_rng(seed)))
    parameters = [v for rows in p.values() for row in rows for v in row]
    losses = []
    for _ in range(steps):
        loss = loss_of_values(p, X, Y)
        losses.append(loss.data)
        for v in parameters:
            v.grad = 0.0
        loss.backward()
        for v in parameters:
            v.data -= lr * v.grad
    return p, np.array(losses)


def train_by_hand(X, Y, h_n, lr, steps, seed):
    """Part III's training loop, with its hand-written backward pass."""
    params = init_params(X.shape[0], h_n, Y.shape[0], np.random.default_rng(seed))
    losses = []
    for _ in range(steps):
        H, Y_hat = forward(params, X)
        losses.append(cross_entropy(Y_hat, Y))
        grads = backward_by_hand(params, X, Y, H, Y_hat)
        for name in params:
            params[name] = params[name] - lr * grads[name]
    return params, np.array(losses)


p_xor, losses_values = train_with_values(X_xor, Y_xor, h_n=3, lr=2.0, steps=3000, seed=0)
params_xor, losses_by_hand = train_by_hand(X_xor, Y_xor, h_n=3, lr=2.0, steps=3000, seed=0)

trained = {name: np.array([[v.data for v in row] for row in rows]) for name, rows in p_xor.items()}
correct = int(np.sum((forward(trained, X_xor)[1] >= 0.5) == Y_xor))
print(f"loss with Values: {losses_values[0]:.3f} before training, below 0.01 after 3000 steps")
print("largest difference from Part III's losses over the 3000 steps: below 1e-12")
print(f"examples classified correctly: {correct} of 4")
print(f"steps 20 to 200 within 0.01 of ln 2; the last loss {losses_values[-1]:.4f}")
assert losses_values[-1] < 0.01 and correct == 4
assert np.max(np.abs(losses_values - losses_by_hand)) < 1e-12
assert np.max(np.abs(losses_values[20:200] - np.log(2))) < 0.01 and round(losses_values[-1], 3) == 0.002

# %% tags=["hide-input"] alt="Training loss of the XOR network over 3000 steps, on a logarithmic scale: the curve of the Values and the dots of Part III's numpy code with its hand-written gradients lie on top of each other, on the plateau at ln 2 \u2248 0.69 for the first 200 or so steps, then falling steeply and ending near 0.002."
plt.figure(figsize=(6.5, 3.6))
steps = np.arange(3000)
plt.semilogy(steps, losses_values, label="Values, gradients by backward")
plt.semilogy(steps[::100], losses_by_hand[::100], "o", label="numpy, gradients by hand (every 100th step)")
plt.axhline(np.log(2), color="grey", linestyle=":", linewidth=1)
plt.xlabel("step")
plt.ylabel("cross-entropy loss")
plt.legend()
plt.show()

# %% [markdown]
# The two curves are one. The Values are much slower, though: every step builds a new graph
# of 216 Python objects and walks it, where numpy does a few matrix products. Frameworks keep
# the idea and change the unit: a PyTorch tensor is a Value that holds a whole array, and its
# backward steps are matrix operations, like the ones of Part III, written once by the
# framework's authors for every operation instead of once by us for every network.
#
# ### Summary
#
# * A `Value` records the computation: its number, its parents, and a backward step that
#   passes its gradient on by the local derivatives of the one operation that made it.
# * Gradients are added up, because a Value used in several places reaches the loss along
#   several paths.
# * `backward` seeds the loss's gradient with 1 and calls every backward step in reversed
#   topological order, so that each node passes its gradient on only once it has all of it.
# * A new operation needs only its local derivative: with `exp`, Part IV's $P - Y$ comes out
#   by itself.
# * On the XOR network the automatic gradients agree with Part III's hand-written ones, and
#   training with them follows the same path.
#
# That completes the series. From the single neuron of [Part I]({{< relref "nn-fundamentals-1" >}}),
# the layers of [Part II]({{< relref "nn-fundamentals-2" >}}), the backpropagation derived by
# hand in [Part III]({{< relref "nn-fundamentals-3" >}}) and the digits of
# [Part IV]({{< relref "nn-fundamentals-4" >}}), we arrived at the machinery that derives the
# backward pass itself: the core of every deep learning framework, in a few dozen lines.
