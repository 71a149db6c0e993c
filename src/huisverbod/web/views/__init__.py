"""Pages. Views parse, authorise, call a service and render; they never call each other."""
