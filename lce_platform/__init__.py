"""Learn, Create, Engage: the knowledge-sharing platform's content model and site logic (no MkDocs here)."""
