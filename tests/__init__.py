
# How long a test waits for a subprocess before calling it hung: a guard against a hang, never a budget, so it is
# far beyond what the slowest run takes on two busy cores (the suite's tests must pass at load 15).
HANG_GUARD_SECONDS = 900
