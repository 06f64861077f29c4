"""Test-wide setup: Qt renders offscreen, so the suite runs on machines without a display; and the suite speaks
English whatever the machine's language, since tests assert English texts (a test of another language, or of
reading the language from the environment, sets the variables it needs itself)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# LANGUAGE is read before LC_ALL, LC_MESSAGES and LANG (kvviz.i18n.language_from_environment), by child processes too
os.environ["LANGUAGE"] = "en"
