"""The suite's side of the contract: client, contract checking, configuration, data, masking, spec tools."""
