"""Where the benchmarks find pandoc: $PANDOC, the pypandoc-binary wheel, or the PATH."""

from __future__ import annotations

import os
import shutil
import sys


def pandoc_path() -> str:
    """Find a pandoc binary: $PANDOC, the pypandoc-binary wheel, or the PATH."""
    if os.environ.get("PANDOC"):
        return os.environ["PANDOC"]
    try:
        import pypandoc  # type: ignore[import-not-found]

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        found = shutil.which("pandoc")
        if not found:
            sys.exit("pandoc not found: pip install pypandoc-binary or set PANDOC")
        return found
