"""Click commands: parse, delegate to the library, turn errors into messages and exit codes.

Why: all logic lives in importable modules; this file only speaks to the terminal. Heavy
modules are imported inside the commands that need them, so ``--help`` stays instant.
"""

from __future__ import annotations

import importlib
import signal
import sys
from typing import Any

import click

from contractkit import __version__
from contractkit.cli.options import flags_for_facts
from contractkit.cli.streams import StdoutError, guard_streams
from contractkit.errors import ContractkitError, Terminated


class _Cli(click.Group):
    """Loads commands lazily and catches :class:`ContractkitError` once.

    A user error prints one line per problem and exits with its code (2 for bad input);
    Ctrl-C exits 130 and SIGTERM 143 (the clean-up of whatever was running has been
    done on the way out); any other exception is a bug: a short message and exit 1,
    the traceback with --debug.
    """

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from :data:`SUMMARIES`: `contractkit --help` imports no
        command module (each would pull in its own imports just to show one line)."""
        rows = [(name, SUMMARIES[name]) for name in self.list_commands(ctx) if name in SUMMARIES]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            module, _, attr = COMMANDS[cmd_name].partition(":")
            command: click.Command = getattr(importlib.import_module(module), attr)
            return command
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ContractkitError as e:
            for line in e.lines():
                click.echo(flags_for_facts(line), err=True)
            ctx.exit(e.exit_code)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # `contractkit build --json | head`: not an error
            ctx.exit(0)
        except Terminated:
            click.echo("\nStopped (terminated); nothing half-written was left.", err=True)
            ctx.exit(143)
        except KeyboardInterrupt:  # outputs appear only once complete: nothing half-written
            click.echo("\nInterrupted.", err=True)
            ctx.exit(130)
        except Exception as e:
            if ctx.meta.get("debug"):
                raise
            click.echo(
                f"internal error: {type(e).__name__}: {e}\n"
                "This is a bug in contractkit; rerun with --debug for the traceback "
                "and report it.",
                err=True,
            )
            ctx.exit(1)


# Command name → "module:attribute". Each module is imported only when its command runs
# (or help lists it), so `contractkit --help` never pays for reportlab or docxtpl.
COMMANDS = {
    "build": "contractkit.cli.build_cmd:build",
    "template": "contractkit.cli.build_cmd:template",
    "schema": "contractkit.cli.library_cmd:schema",
    "clauses": "contractkit.cli.library_cmd:clauses",
    "new": "contractkit.cli.new_cmd:new",
    "profile": "contractkit.cli.new_cmd:profile",
    "letter": "contractkit.cli.letters_cmd:letter",
    "letters": "contractkit.cli.letters_cmd:letters",
    "log": "contractkit.cli.log_cmd:log",
    "next": "contractkit.cli.next_cmd:next_",
    "pack": "contractkit.cli.pack_cmd:pack",
    "rates": "contractkit.cli.law_cmd:rates",
    "check": "contractkit.cli.law_cmd:check",
    "timeline": "contractkit.cli.letters_cmd:timeline",
    "imap": "contractkit.cli.imap_cmd:imap",
}
# One line per command for `contractkit --help` (a test keeps it in step with COMMANDS).
SUMMARIES = {
    "new": "Answer questions about a new job; get its folder, contract built.",
    "build": "Build the contract, letters and calendar of jobs.",
    "log": "Record what happened on a job (invoice, paid, sent...).",
    "next": "What to send today across your jobs, and the command.",
    "letter": "Write one letter with the facts of the day.",
    "letters": "List the letter kinds, when to use each, and the facts each needs.",
    "timeline": "The escalation steps on your business days, or the .ics.",
    "pack": "Zip the evidence of a job for a claim, with a SHA-256 manifest.",
    "check": "Check a job against the late-payment and freelance laws.",
    "rates": "List the reference rates, their periods and sources.",
    "profile": "Show (or --edit) your saved details and usual terms.",
    "imap": "Set up the mailbox whose Drafts folder receives letters.",
    "clauses": "List the clause library, or show one clause's source.",
    "schema": "Print the job file's JSON Schema, for editor autocompletion.",
    "template": "Save the default DOCX template, to restyle in Word.",
}


@click.group(
    cls=_Cli,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="contractkit")
@click.option("--debug", is_flag=True, help="Show the traceback of internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Freelance contracts and ghosting-response letters from one job file.

    \b
    Start here:
      contractkit new "acme website"     answer questions; get the contract
      contractkit next                   what to send today, across your jobs
      contractkit COMMAND --help         each command, with examples
    """
    ctx.meta["debug"] = debug
    if ctx.invoked_subcommand is None:  # bare `contractkit`: the help, not an error
        click.echo(ctx.get_help())


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM (``kill``, a shutdown, a CI timeout) stops the program as Ctrl-C does:
    as an exception where the program is, so every ``finally`` runs on the way out."""
    raise Terminated


def run() -> None:
    """The console entry point."""
    signal.signal(signal.SIGTERM, _terminate)
    guard_streams()
    code: int | str | None
    try:
        returned = main(standalone_mode=False)
        code = returned if isinstance(returned, int) else 0
    except click.exceptions.Abort as e:  # Ctrl-C (or end of input) before a command ran
        click.echo("\nInterrupted.", err=True)
        code = 130 if isinstance(e.__context__, KeyboardInterrupt) else 1
    except StdoutError as e:  # before a command ran: --help or --version > /dev/full
        print(e.message, file=sys.stderr)
        code = e.exit_code
    except click.ClickException as e:  # usage errors, as click itself would show them
        e.show()
        code = e.exit_code
    except Terminated:
        code = 143
    except KeyboardInterrupt:
        code = 130
    except SystemExit as e:
        code = e.code
    if isinstance(code, str):  # sys.exit("message") prints the message, exits 1
        print(code, file=sys.stderr)
        code = 1
    sys.exit(code or 0)
