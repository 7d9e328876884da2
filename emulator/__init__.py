"""A local, stateful emulator of the Weavr Multi sandbox (and its Simulator API).

It is a second product: it answers as the published description says, from the
contract extracted into schemas/, and keeps state in memory. It imports nothing
from the suite.
"""
