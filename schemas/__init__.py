"""The extracted contract (committed JSON) and the loader both the suite and the emulator read it with."""
from .contract import Contract, Operation, SchemaError, load_contract

__all__ = ["Contract", "Operation", "SchemaError", "load_contract"]
