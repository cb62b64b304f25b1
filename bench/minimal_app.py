"""The yardstick: the smallest Typer app with one command. Every budget is a ratio to it."""

import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    print(f"hello {name}")


if __name__ == "__main__":
    app()
