"""Step definitions: a small generic HTTP vocabulary (http_steps) and domain steps per area."""
