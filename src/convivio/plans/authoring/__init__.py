"""Authoring: writing a plan, its tree, indicators and recommendations.

Forms and pages live here; the writes are in ``plans.services`` and who may do
them in ``plans.permissions``.
"""
