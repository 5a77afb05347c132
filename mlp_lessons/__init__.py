"""mlp_lessons: the MLP chapter's mathematics as a small, tested NumPy package.

One module per lesson page (``docs/<name>.md`` ↔ ``mlp_lessons/<name>.py`` ↔
``tests/test_<name>.py``):

- :mod:`mlp_lessons.activations` — 활성화 함수 and their derivatives
- :mod:`mlp_lessons.forward_pass` — the chapter's 2-2-1 network worked by hand
- :mod:`mlp_lessons.loss` — 손실 함수 (the chapter's E = ½ Σ (y − t)², cross-entropy)
- :mod:`mlp_lessons.gradient_descent` — 경사 하강법 in 1-D and 2-D
- :mod:`mlp_lessons.backprop` — 역전파 checked against numerical gradients
- :mod:`mlp_lessons.numpy_mlp` — training: the chapter's loop and a vectorized trainer
- :mod:`mlp_lessons.playground` — 2-D data sets for the playground
- :mod:`mlp_lessons.network` — the general dense MLP all of them build on
- :mod:`mlp_lessons.data` — the chapter's data (XOR inputs and targets, its initial weights), defined once
- :mod:`mlp_lessons.figures` — figure functions (needs Matplotlib)

Only NumPy is needed to import the package; Matplotlib only for ``figures``.
"""

__version__ = "0.1.0"
