"""The public API is stable: its names are pinned here, typed and documented."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import wikiconv

PUBLIC = {
    "TARGETS", "Citation", "Client", "ConvertOptions", "Diagnostic", "Document", "EntityDraft",
    "InputError", "Output", "Statement", "WikiconvError", "WikitextResult", "WriterWarning",
    "__version__", "convert", "convert_document", "parse", "parse_reference", "write_wikitext",
}  # fmt: skip


def test_public_names_are_pinned_and_resolve():
    assert set(wikiconv.__all__) == PUBLIC
    for name in PUBLIC:
        assert getattr(wikiconv, name) is not None, name


def test_public_functions_are_typed_and_documented():
    for name in ("parse", "convert", "convert_document", "parse_reference", "write_wikitext"):
        fn = getattr(wikiconv, name)
        sig = inspect.signature(fn)
        assert sig.return_annotation is not inspect.Signature.empty, name
        assert all(p.annotation is not inspect.Parameter.empty for p in sig.parameters.values())
        assert fn.__doc__ and fn.__doc__.strip(), name
    for name in ("wikitext", "citations", "statements"):
        assert getattr(wikiconv.Document, name).__doc__, name
    assert (Path(wikiconv.__file__).parent / "py.typed").exists()


def test_document_conveniences():
    doc = wikiconv.parse("# Acme\n\n**Acme** is a British company founded in 1999.\n")
    assert doc.wikitext() == "'''Acme''' is a British company founded in 1999.\n"
    assert doc.citations == []
    draft = doc.statements
    assert draft.labels == {"en": "Acme"}
    assert {s.property for s in draft.statements} >= {"P31", "P17", "P571"}


def test_importing_and_converting_does_not_load_requests():
    code = (
        "import sys, wikiconv; wikiconv.convert('# T\\n\\nHello [[World]]'); "
        "print('requests' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
