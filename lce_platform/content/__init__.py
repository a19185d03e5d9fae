"""What staff write: the content model, its vocabularies, and how content files are read and validated."""
