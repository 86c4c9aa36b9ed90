"""Running queued tasks in a test."""

from django_tasks_db.models import DBTaskResult


def run_queued_tasks() -> None:
    """What `manage.py db_worker` does with every task that is due, in this process and in
    the test's own transaction (the command closes the database connection between
    tasks, which on PostgreSQL ends the transaction a test runs in)."""
    for row in DBTaskResult.objects.ready().order_by("enqueued_at"):
        row.claim("tests")
        arguments = row.args_kwargs
        row.set_successful(row.task.call(*arguments["args"], **arguments["kwargs"]))
