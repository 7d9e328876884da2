"""Sign-in, passwords, authentication factors, push, step-up and access tokens."""
