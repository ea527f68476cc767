"""``python -m wikiconv`` runs the command line."""

import sys

from wikiconv.cli import main

sys.exit(main())
