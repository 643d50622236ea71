"""Domain functions: validation and data access, no HTTP. Handlers call exactly one of these."""
