"""Reporting: dashboards, printed and exported reports (keyed on Plan.data_version)."""
