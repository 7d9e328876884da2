"""The suite measures its own strength: faults planted in the emulator, and whether a scenario notices."""
