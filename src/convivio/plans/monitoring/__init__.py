"""Monitoring: observed values of indicators, their validation, locks, imports."""
