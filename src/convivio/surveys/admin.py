"""Administration of surveys: for administrators fixing data.  Teams use the
builder; answers are shown without anything about the people who gave them."""

from __future__ import annotations

from django.contrib import admin

from . import services
from .models import (
    Answer,
    Choice,
    Invitation,
    Question,
    QuestionTranslation,
    Response,
    Survey,
    SurveyTranslation,
)


class TranslationInline(admin.StackedInline):
    extra = 0
    # Origins are kept by core.translation; staff see them, the site writes them.
    readonly_fields = ["origins"]


class SurveyTranslationInline(TranslationInline):
    model = SurveyTranslation


class QuestionTranslationInline(TranslationInline):
    model = QuestionTranslation


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["position", "name", "kind", "required"]
    fk_name = "survey"


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "territory", "status", "access", "created_at"]
    list_filter = ["status", "access"]
    search_fields = ["translations__title"]
    raw_id_fields = ["territory", "created_by"]
    # Opening and closing go through the services (an open survey's questions
    # are fixed, its answers depend on them).
    readonly_fields = ["status"]
    inlines = [SurveyTranslationInline, QuestionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")

    def delete_model(self, request, obj):
        services.survey_delete(user=request.user, survey=obj)

    def delete_queryset(self, request, queryset):
        for survey in queryset:
            services.survey_delete(user=request.user, survey=survey)


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "survey", "kind", "position"]
    list_filter = ["kind"]
    search_fields = ["translations__label", "name"]
    raw_id_fields = ["survey", "condition_question"]
    inlines = [QuestionTranslationInline, ChoiceInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("translations", "survey__translations")
        )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["survey", "label", "created_at", "used_at"]
    raw_id_fields = ["survey"]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    raw_id_fields = ["question"]
    # Hiding an answer from the results goes through results.answer_moderate.
    readonly_fields = ["moderation"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["__str__", "survey", "submitted_on"]
    raw_id_fields = ["survey"]
    inlines = [AnswerInline]
