"""One module per API area: its backend (state and rules) and the handlers of its operations."""
from importlib import import_module
from pkgutil import iter_modules

for _module in iter_modules(__path__):
    import_module(f"{__name__}.{_module.name}")
