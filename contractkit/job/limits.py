"""Bounds on what a job or a letter may say: beyond them a value is a typo, not a plan.

Why here: the command line checks dates against these before anything heavy is
imported, and the job model checks the same numbers. (The bound on amounts belongs to
the money type itself: :data:`contractkit.money.MAX_AMOUNT`.)
"""

MAX_DAYS = 3650  # ten years: longer than any payment term, window or notice period
FIRST_YEAR, LAST_YEAR = 1970, 2200  # dates outside are typos, and break date arithmetic
