"""One package per API area: its backend (state and rules), the handlers of its operations and of its
Simulator calls. Importing this package registers every handler and backend."""
from importlib import import_module
from pkgutil import walk_packages

for _module in walk_packages(__path__, prefix=f"{__name__}."):
    import_module(_module.name)
