"""Getting pictures, animations and data out of the app: the dialog and the exporters behind it."""
