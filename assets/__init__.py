"""The shipped trained weights and their model card, installed as the ``kvviz.assets`` package.

The files stay in the top-level ``assets/`` folder of a checkout; ``pyproject.toml`` maps the
folder into the package, so ``importlib.resources`` finds them in an editable and a normal
install alike.
"""
