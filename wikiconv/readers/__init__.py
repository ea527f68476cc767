"""Readers: each turns one input syntax into the model in :mod:`wikiconv.model`, nothing else."""
