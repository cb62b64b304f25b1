"""What vulture (tests/test_dead_code.py) would call unused, and why each is used after all.

Not imported by anything: vulture reads it beside src/ as a list of names in use.
"""

# ruff: noqa
# mypy: ignore-errors
_ = object()

# Commands: cli.py registers them from its table by "module:function" strings.
cases_list, cases_show, cases_log, cases_due, cases_close, cases_export, cases_remind
cases_delete, cases_purge, cases_escalate, cases_call, cases_form, cases_attach
cases_evidence, cases_detach, cases_letter, check_number, playbooks_list, playbooks_show
providers_list, providers_show
__getattr__  # cli.app, built when asked for (PEP 562)

# Renderers: render/__init__.py registers them by "module:function" strings.
reminder, case_text
formats  # the registry's formats, which the --format choices must match (test_render)

# Store migrations: registered by their decorator, applied in order by name.
m001_cases, m002_drafts, m003_evidence

# Enum members, fields read from YAML or SQL rows, and attributes set for libraries.
OK, in_app, email, web, resolved, partly, rejected, abandoned  # states and exit codes
company_source, lookalikes, wary, updated  # data fields (YAML, the case log's rows)
_.row_factory  # sqlite3 reads it
_.compress_type, _.external_attr  # zipfile reads them
_.error_message, _.height, _.pointed_at, _.make_formatter, context_class  # prompt_toolkit, Click
has_raw_control  # the check the safe-output tests assert with
