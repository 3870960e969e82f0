"""Authoring: writing a plan, its tree of nodes, indicators and recommendations (forms and pages).

The writes themselves are in ``plans.services``; who may do them in ``plans.permissions``.
"""
