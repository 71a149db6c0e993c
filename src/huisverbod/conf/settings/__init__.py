"""Split settings: ``base`` plus one module per environment (dev, test, production)."""
