"""`contractkit schema` and `contractkit clauses`: what the library and job file offer."""

from __future__ import annotations

import json

import click

from contractkit.cli.options import check_language


@click.command()
def schema() -> None:
    """Print the job file's JSON Schema (for editor autocompletion).

    \b
    Example:
      contractkit schema > job.schema.json
      then, as the first line of job.yaml (VS Code's YAML extension and others):
      # yaml-language-server: $schema=job.schema.json
    """
    from contractkit.job.model import Job

    click.echo(json.dumps(Job.model_json_schema(), ensure_ascii=False, indent=2))


@click.group(invoke_without_command=True)
@click.option("--language", default="en", show_default=True, help="Library language.")
@click.pass_context
def clauses(ctx: click.Context, language: str) -> None:
    """List the clause library: id, title and what each protects.

    Clauses marked optional can be added or left out in job.yaml, e.g.
    `clauses: [approval, -liability]` (`contractkit new` asks about each).

    \b
    Examples:
      contractkit clauses
      contractkit clauses --language pl
      contractkit clauses show approval
    """
    ctx.obj = language
    if ctx.invoked_subcommand is None:
        from contractkit.library.clauses import contract_clauses

        for c in contract_clauses(check_language(language)):
            m = c.meta
            flag = (
                "optional, off by default" if not m.default else ("optional" if m.optional else "")
            )
            when = {"has_deposit": "if a deposit", "has_late_terms": "if late terms"}.get(
                m.when or "", ""
            )
            notes = ", ".join(x for x in (flag, when) if x)
            click.echo(f"{m.id:<16} {m.title}{f'  [{notes}]' if notes else ''}")
            click.echo(f"{'':<16} {m.purpose}")


@clauses.command("show")
@click.argument("clause_id")
@click.pass_obj
def clauses_show(language: str, clause_id: str) -> None:
    """Print one clause's source text.

    \b
    Example:
      contractkit clauses --language sv show stop-work
    """
    from contractkit.library.clauses import contract_clauses

    found = {c.meta.id: c for c in contract_clauses(check_language(language))}
    if clause_id not in found:
        raise click.BadParameter(
            f"no clause {clause_id!r}; known: {', '.join(sorted(found))}", param_hint="CLAUSE_ID"
        )
    click.echo(found[clause_id].path.read_text(encoding="utf-8"))
