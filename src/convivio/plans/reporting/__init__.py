"""Reporting: dashboards and printed or exported reports, keyed on ``Plan.data_version``."""
