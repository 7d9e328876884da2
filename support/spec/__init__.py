"""Tools over published OpenAPI descriptions: extract, diff, check, sync."""
