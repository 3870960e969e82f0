"""Monitoring: reporting observed values for indicators, validating them, locking periods, imports."""
