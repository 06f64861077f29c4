"""`python -m kvviz` is the same as the `kvviz` command."""

import sys

from kvviz.cli import main

sys.exit(main())
