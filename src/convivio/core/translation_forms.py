"""The translation screen's form, built from a kind's translated fields."""

from __future__ import annotations

import json
from typing import Any, cast

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import translation as tr
from .printing import is_rtl


class LinesField(forms.CharField):
    """A list of short texts (a practice's aims), one per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(str(item) for item in value)
        return value

    # Cleaned into a list on purpose: CharField's cleaning, then one item a line.
    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class StructuredField(forms.CharField):
    """Structured text (a practice's phases, a survey's choices) kept as JSON:
    translators change the words between the quotes."""

    widget = forms.Textarea(attrs={"rows": 6, "class": "code"})
    default_error_messages = {
        "invalid": _(
            "This field is written as JSON: keep its brackets, quotes and commas "
            "as in the original, and translate only the words between quotes."
        ),
        "shape": _("Keep the same structure as the original."),
    }

    def __init__(self, *args: Any, shape: Any = None, **kwargs: Any) -> None:
        self.shape = shape
        super().__init__(*args, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | dict):
            return json.dumps(value, ensure_ascii=False, indent=1)
        return value

    def to_python(self, value: Any) -> Any:
        text = (super().to_python(value) or "").strip()
        if not text:
            return [] if isinstance(self.shape, list) else {}
        try:
            result = json.loads(text)
        except json.JSONDecodeError:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from None
        if self.shape not in (None, [], {}) and type(result) is not type(self.shape):
            raise forms.ValidationError(self.error_messages["shape"], code="shape")
        return result


def _rows_for(text: Any) -> int:
    """A text area about as tall as the original it translates."""
    if not isinstance(text, str):
        text = json.dumps(text, ensure_ascii=False, indent=1)
    lines = sum(1 + len(line) // 70 for line in text.splitlines() or [""])
    return max(2, min(lines + 1, 24))


def _form_field(model_field: models.Field, original_value: Any) -> forms.Field:
    label = model_field.verbose_name
    rows = _rows_for(original_value)
    if isinstance(model_field, models.JSONField):
        if isinstance(original_value, list) and all(
            isinstance(item, str) for item in original_value
        ):
            field: forms.Field = LinesField(label=label, required=False)
        else:
            field = StructuredField(
                label=label,
                required=False,
                shape=original_value,
                help_text=_(
                    "Translate the words between quotes; keep the brackets, the "
                    "names before the colons and the commas."
                ),
            )
        field.widget.attrs["rows"] = rows
        return field
    long_line = (model_field.max_length or 0) > 150 and len(str(original_value)) > 60
    if isinstance(model_field, models.TextField) or long_line:
        return forms.CharField(
            label=label,
            required=False,
            max_length=model_field.max_length,
            widget=forms.Textarea(attrs={"rows": rows}),
        )
    return forms.CharField(
        label=label, required=False, max_length=model_field.max_length
    )


class TranslationForm(forms.Form):
    """One input per translated field; a field the original leaves empty is not
    offered (there is nothing to translate)."""

    def __init__(
        self,
        kind: tr.TranslatableKind,
        original: Any,
        language: str,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        meta = kind.row_model._meta
        for name in kind.row_model.TRANSLATED_FIELDS:
            source = getattr(original, name) if original is not None else None
            if tr.is_empty(source):
                continue
            field = _form_field(cast(models.Field, meta.get_field(name)), source)
            # The translation is typed in its own language, whatever the page's.
            field.widget.attrs.update(
                lang=language, dir="rtl" if is_rtl(language) else "ltr"
            )
            self.fields[name] = field
            if isinstance(field, StructuredField) and tr.is_empty(
                self.initial.get(name)
            ):
                # The original's structure to translate in place: left as it
                # is, it counts as unchanged and nothing is saved.
                self.initial[name] = source

    def changed_values(self) -> dict[str, Any]:
        """The fields the person changed (saving an unchanged form writes nothing)."""
        return {name: self.cleaned_data[name] for name in self.changed_data}
