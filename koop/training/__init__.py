"""Training koop's models from the annotated corpus (``koop train``).

Needs the ``train`` extra (``pip install 'koop[train]'``: scikit-learn); the
models it writes are read at extraction time without it.
"""
