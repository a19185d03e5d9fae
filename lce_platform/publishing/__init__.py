"""Staff tools: the `lce` command, new-file scaffolding, the editors' JSON Schemas and the CMS configuration."""
