"""Monitoring: observed values for indicators, their validation, locked periods, imports."""
