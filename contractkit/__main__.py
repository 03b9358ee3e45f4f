from contractkit.entry import run

run()
