"""Forms of the monitoring pages: a period's value (with its grid), validation,
return, locks and the import upload."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Indicator, Observation
from .selectors import (
    Axis,
    cell_field_name,
    cell_label,
    indicator_cells,
    number_text,
)

DECIMAL: dict[str, Any] = {"max_digits": 16, "decimal_places": 4, "required": False}


class ReportForm(forms.Form):
    """One period's value: a number (or a narrative), and a grid of cells."""

    value = forms.DecimalField(
        label=_("Total"),
        help_text=_("Leave it empty to have the cells added up."),
        **DECIMAL,
    )
    cells_incomplete = forms.BooleanField(
        label=_("Not all cells known"),
        help_text=_(
            "Tick it when only some cells are known: they may then add up to less "
            "than the total."
        ),
        required=False,
    )
    narrative = forms.CharField(
        label=_("Narrative"),
        help_text=_("What happened in this period, in a few sentences."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(
        self,
        *args,
        indicator: Indicator,
        axes: list[Axis],
        observation: Observation | None,
        people: bool,
        **kwargs,
    ):
        self.indicator = indicator
        #: Messages about the cells as a whole (their sum), shown under the grid.
        self.grid_errors: list[str] = []
        self.axes = axes
        self.cell_keys = indicator_cells(axes) if indicator.is_quantitative else []
        initial = kwargs.setdefault("initial", {})
        if observation is not None:
            initial.update(
                value=number_text(observation.value),
                narrative=observation.narrative,
                cells_incomplete=not observation.cells_complete,
                version=observation.version,
            )
            for cell in observation.cells.all():
                initial[cell_field_name(cell.cell)] = number_text(cell.value)
        else:
            initial.setdefault("version", 0)
        super().__init__(*args, **kwargs)
        if not indicator.is_quantitative:
            del self.fields["value"]
            del self.fields["cells_incomplete"]
            self.fields["narrative"].required = True
        elif not self.cell_keys:
            del self.fields["cells_incomplete"]
            self.fields["value"].label = _("Value")
            self.fields["value"].help_text = indicator.unit
            self.fields["value"].required = True
        for key in self.cell_keys:
            self.fields[cell_field_name(key)] = forms.DecimalField(
                label=cell_label(key, axes),
                min_value=Decimal(0) if people else None,
                widget=forms.NumberInput(attrs={"step": "1" if people else "any"}),
                **DECIMAL,
            )
        if people and "value" in self.fields:
            value_field = cast(forms.DecimalField, self.fields["value"])
            # django-stubs types min_value as an int; a DecimalField takes a Decimal.
            value_field.min_value = Decimal(0)  # type: ignore[assignment]
            self.fields["value"].widget.attrs.update(min="0", step="1")

    def cell_fields(self):
        return [self[cell_field_name(key)] for key in self.cell_keys]

    def plain_fields(self):
        """The visible fields other than the grid's cells."""
        cells = {cell_field_name(key) for key in self.cell_keys}
        return [field for field in self.visible_fields() if field.name not in cells]

    def cells(self) -> dict[str, Decimal]:
        return {
            key: self.cleaned_data[cell_field_name(key)]
            for key in self.cell_keys
            if self.cleaned_data.get(cell_field_name(key)) is not None
        }

    def submit_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "value": data.get("value"),
            "narrative": data.get("narrative", ""),
            "cells": self.cells(),
            "cells_complete": not data.get("cells_incomplete", False),
            "expected_version": data.get("version"),
        }


class ValidateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the reporter correct?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class LockForm(forms.Form):
    period = forms.CharField(
        label=_("Period"),
        max_length=10,
        help_text=_("A year (2025), a quarter (2025-Q2) or a month (2025-03)."),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Filled-in template"),
        help_text=_("An Excel workbook (.xlsx) or a CSV file in UTF-8."),
    )
