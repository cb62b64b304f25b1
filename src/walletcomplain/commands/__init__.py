"""The commands, one module per command or group; cli.py wires them into the app.

Every module parses its options, calls the core and prints: nothing else. Heavy modules
(the catalog, YAML, rich, questionary) are imported inside the command that needs them.
"""
