from contractkit.cli import run

run()
