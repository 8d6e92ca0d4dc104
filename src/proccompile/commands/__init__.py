"""One module per CLI command; each turns options into a pipeline call and prints the result."""
