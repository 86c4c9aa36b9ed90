"""The keuzehulp: one question per page, each a plain GET form with its own address.

A form submits to its own page; with an answer the view redirects to the next question
(earlier answers in the query string), without one it shows the error summary. A missing
earlier answer sends the visitor back to that question; an unknown one shows that
question again with a message (400). Nothing here needs JavaScript.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from keuzehulp.questions import (
    ANSWERED,
    PARAMETERS,
    QUESTIONS,
    SKIP,
    SKIP_LABEL,
    Answers,
    Problem,
    all_options,
    fitting,
    question_by_path,
    ranking,
    read_answers,
)
from voion_portal.core.pagecache import reads_parameters


def _trail(label=None):
    trail = [("Keuzehulp", reverse("keuzehulp:start") if label else None)]
    if label:
        trail.append((label, None))
    return trail


def _render_question(
    request, question, answers: Answers, all_answers, selected="", errors=(), status=200
):
    index = QUESTIONS.index(question)
    previous = QUESTIONS[index - 1] if index else None
    options = all_answers[question.param]
    field_id = f"antwoord-{question.param}"
    context = {
        "question": question,
        "number": index + 1,
        "total": len(QUESTIONS),
        "options": [
            {
                "id": f"{field_id}-{option.slug}",
                "slug": option.slug,
                "naam": option.naam,
                "toelichting": option.toelichting,
                "checked": option.slug == selected,
            }
            for option in options
        ],
        "skip": {
            "id": f"{field_id}-{SKIP}",
            "slug": SKIP,
            "naam": SKIP_LABEL,
            "checked": selected == SKIP,
        },
        "field_id": field_id,
        "hidden": [
            (param, SKIP if option is None else option.slug)
            for param, option in answers.given.items()
        ],
        "answered_param": ANSWERED,
        "form_action": question.url(),
        "previous_url": previous.url(answers.before(previous).query(_own(answers, previous)))
        if previous
        else None,
        "errors": [
            {"message": message, "anchor": f"#{field_id}-{options[0].slug if options else SKIP}"}
            for message in errors
        ],
        "remaining": fitting(answers).count(),
        "answered_any": bool(answers.given),
        "summary": answers.summary(),
        "breadcrumb_trail": _trail(f"Vraag {index + 1}" if index else None),
    }
    return render(request, "keuzehulp/vraag.html", context, status=status)


def _own(answers: Answers, question) -> dict:
    """The query parameter that preselects `question`'s given answer on its page."""
    if question.param not in answers.given:
        return {}
    option = answers.given[question.param]
    return {question.param: SKIP if option is None else option.slug}


def _problem_response(request, problem: Problem, answers: Answers, all_answers):
    """A missing answer: back to its question. An unknown one: that question, with why."""
    if problem.missing:
        return redirect(problem.question.url(answers.query()))
    message = (
        f"‘{problem.value}’ is geen antwoord dat de keuzehulp kent bij de vraag "
        f"‘{problem.question.legend}’. Kies hieronder opnieuw."
    )
    return _render_question(
        request, problem.question, answers, all_answers, errors=[message], status=400
    )


@require_safe
@reads_parameters(*PARAMETERS)
def question_page(request, vraag=""):
    question = question_by_path(vraag)
    if question is None:
        raise Http404("Deze vraag bestaat niet.")
    index = QUESTIONS.index(question)
    all_answers = all_options()
    answers, problem = read_answers(request.GET, QUESTIONS[:index], all_answers)
    if problem:
        return _problem_response(request, problem, answers, all_answers)

    submitted = request.GET.get(ANSWERED) == question.param
    if not submitted and question.param not in request.GET:
        return _render_question(request, question, answers, all_answers)
    own, problem = read_answers(request.GET, [question], all_answers)
    if problem and problem.missing:
        # Submitted without a choice (or an empty value in a shared link).
        return _render_question(request, question, answers, all_answers, errors=[question.error])
    if problem:
        return _problem_response(request, problem, answers, all_answers)
    if not submitted:  # "Vorige vraag" or a shared link: show the answer chosen before
        selected = request.GET[question.param]
        return _render_question(request, question, answers, all_answers, selected=selected)
    answers.given.update(own.given)
    following = QUESTIONS[index + 1] if index + 1 < len(QUESTIONS) else None
    url = following.url(answers.query()) if following else _result_url(answers)
    return redirect(url)


def _result_url(answers: Answers) -> str:
    return f"{reverse('keuzehulp:resultaat')}?{answers.query()}"


@require_safe
@reads_parameters(*PARAMETERS)
def result_page(request):
    all_answers = all_options()
    answers, problem = read_answers(request.GET, QUESTIONS, all_answers)
    if problem:
        return _problem_response(request, problem, answers, all_answers)
    result = ranking(answers)
    chosen = answers.chosen()
    catalogue_query = answers.catalogue_query()
    last = QUESTIONS[-1]
    context = {
        "result": result,
        "chosen_count": len(chosen),
        "summary": answers.summary(),
        "catalogue_url": reverse("instrumenten:list")
        + (f"?{catalogue_query}" if catalogue_query else ""),
        "previous_url": last.url(answers.before(last).query(_own(answers, last))),
        "restart_url": reverse("keuzehulp:start"),
        "breadcrumb_trail": _trail("Resultaat"),
    }
    return render(request, "keuzehulp/resultaat.html", context)
