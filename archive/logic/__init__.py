"""Use cases that span the database and the index."""
