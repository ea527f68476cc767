"""Writers: each serialises the model in :mod:`wikiconv.model`, never reaching into a reader."""
