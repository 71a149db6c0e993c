"""Veilig Thuis's safety assessment on the Meldcode afwegingskader: acute, structural or neither."""
