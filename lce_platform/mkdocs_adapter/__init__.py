"""The only code that knows MkDocs and Material for MkDocs: it hands the build plan to them and writes its files."""
