"""Reporting: dashboards, printed and exported reports of a plan, keyed on ``Plan.data_version``."""
