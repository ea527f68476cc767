"""Citations: reference strings and ``{{cite …}}`` templates to and from one model."""
