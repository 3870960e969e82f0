"""Administration of surveys: for administrators fixing data.  Teams use the
builder; answers are shown without anything about the people who gave them."""

from __future__ import annotations

from django.contrib import admin

from .models import Answer, Choice, Invitation, Question, Response, Survey


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["position", "name", "kind", "label", "required"]
    fk_name = "survey"


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "territory", "status", "access", "created_at"]
    list_filter = ["status", "access"]
    search_fields = ["title"]
    raw_id_fields = ["territory", "created_by"]
    inlines = [QuestionInline]


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["label", "survey", "kind", "position"]
    list_filter = ["kind"]
    search_fields = ["label", "name"]
    raw_id_fields = ["survey", "condition_question"]
    inlines = [ChoiceInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["survey", "label", "created_at", "used_at"]
    raw_id_fields = ["survey"]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    raw_id_fields = ["question"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["__str__", "survey", "submitted_on"]
    raw_id_fields = ["survey"]
    inlines = [AnswerInline]
