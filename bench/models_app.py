"""A reference, not a yardstick: the minimal Typer app of minimal_app.py whose command
also imports walletcomplain.models and nothing else of ours. Its ratio to the minimal app
is what the model classes alone cost (frozen standard-library dataclasses, issue 11):
the floor under every command that reads the catalog."""

import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    import walletcomplain.models  # noqa: F401 - the import is what is measured

    print(f"hello {name}")


if __name__ == "__main__":
    app()
