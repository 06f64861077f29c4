"""Training the tiny model: the corpus it reads, the training loop, and the model card it writes.

Offline and reproducible from a seed; the app and the CLI only load what this produced.
"""
