"""What the judge finds today. Each entry names one operation, one check and one response status: only a failure of
that check on an answer with that status is excused; any other failure on the operation still fails its test.

FINDINGS are emulator bugs, routed to whoever owns the fix (a test they excuse is a strict xfail: once fixed it
passes unexpectedly and the entry must go). DISPUTED are failures where the description, not the emulator, is at
fault, or where the judge's expectation is not what Weavr's platform does; the reason gives the evidence.
Which entries a run used is written to reports/judge/reach.md.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Excuse:
    operation: str  # the judge's label, "METHOD /path" as in the description
    check: str      # a Schemathesis check's name (or this judge's own)
    status: int     # the answer's status the failure was seen on
    reason: str
    match: str = ""  # a text the failure's message must hold, where the check alone would excuse too much
    # Shown only when a drawn case happens to hold it (the judge's draws change as the suite's Hypothesis settings
    # do): then a run that does not show it is no proof it is fixed, and is not failed for it.
    drawn_by_chance: bool = False

    def covers(self, label: str, check_names: tuple[str, ...], status: int, message: str = "") -> bool:
        return (self.operation == label and self.check in check_names and self.status == status
                and self.match in message)


_BULK_SUBMISSIONS = ("POST /bulks/users", "POST /bulks/users/_user_id_/invite", "POST /bulks/managed_cards/_id_/block",
                     "POST /bulks/managed_cards/_id_/unblock", "POST /bulks/managed_cards/_id_/remove",
                     "PATCH /bulks/managed_cards/_id_/spend_rules", "POST /bulks/transfers", "POST /bulks/sends",
                     "POST /bulks/outgoing_wire_transfers")

FINDINGS: list[Excuse] = [
    # The description's bulk body is an array with no minItems, so [] is valid; the emulator refuses it with an
    # undeclared 400 SIZE (emulator/areas/bulks/choices.md). Owner: the bulks area. (positive_data_acceptance skips an
    # undeclared status, so status_code_conformance is the check that sees it.)
    *(Excuse(label, check, 400, "an empty list, valid per the description (no minItems), is refused with 400 SIZE",
             match='"error":"SIZE"', drawn_by_chance=True)
      for label in _BULK_SUBMISSIONS for check in ("status_code_conformance",)),
]

DISPUTED: list[Excuse] = [
    # A router by path template, as Weavr's gateway is: the other method's path also matches a templated path
    # whose parameter pattern the literal segment fails, so the answer is that operation's 400, not a 405.
    Excuse("POST /users/kyc", "unsupported_method", 400,
           "PATCH /users/kyc also matches PATCH /users/{user_id}; 'kyc' fails user_id's pattern: 400, not 405"),
    Excuse("POST /beneficiaries/remove", "unsupported_method", 400,
           "GET /beneficiaries/remove also matches GET /beneficiaries/{id}; 'remove' fails id's pattern: 400, not 405"),
    *(Excuse(f"POST /bulks/{kind}", "unsupported_method", 400,
             f"GET /bulks/{kind} also matches GET /bulks/{{bulk_id}}; '{kind}' fails bulk_id's pattern: 400, not 405")
      for kind in ("users", "transfers", "sends", "outgoing_wire_transfers")),
    # Statuses the description leaves out where every other operation declares them.
    Excuse("PATCH /outgoing_wire_transfers/{id}", "status_code_conformance", 401,
           "a call without api-key or token answers 401, which this PATCH alone does not declare (only 200 and "
           "409); Weavr's gateway refuses every unauthenticated call so"),
    *(Excuse(label, "status_code_conformance", 401,
             "a bulk submission declares only 201; without credentials it gets the 401 (no body) every other "
             "operation declares")
      for label in _BULK_SUBMISSIONS),
    *(Excuse(label, "status_code_conformance", status,
             f"a bulk submission declares only 201; input its item schema forbids gets the {status} every other "
             "operation declares for it")
      for label in _BULK_SUBMISSIONS for status in (400, 415)),
    # The description gives `mode` no enum, only a discriminator mapping PREPAID_MODE and DEBIT_MODE (which
    # JSON Schema ignores), so a drawn mode such as "0" is valid to Schemathesis; no card has such a mode.
    Excuse("POST /managed_cards", "positive_data_acceptance", 400,
           "mode is a plain string in the schema; only the discriminator's mapping names the two modes",
           match='"fieldName":"mode","error":"IN"'),
    *(Excuse(label, "allow_header_conformance", 405, f"OPTIONS {label.split()[1]} also matches {other}, so Allow "
             "names its methods too (a router by template)", match="Undocumented methods advertised")
      for label, other in (("POST /users/kyc", "/users/{user_id}"), ("POST /beneficiaries/remove", "/beneficiaries/{id}"))),
    # OPTIONS on a bulk submission's path: the router by template also matches GET /bulks/{bulk_id}.
    *(Excuse(f"POST /bulks/{kind}", "allow_header_conformance", 405,
             f"OPTIONS /bulks/{kind} also matches /bulks/{{bulk_id}}, so Allow names its GET too",
             match="Undocumented methods advertised: GET")
      for kind in ("users", "transfers", "sends", "outgoing_wire_transfers")),
    # Description defect: SEPABeneficiary and RIXBeneficiary (and their correspondent-banking twins) accept the same
    # objects ({name, iban} with the same patterns), so no SEPA payee can be valid under exactly one `oneOf` branch.
    *(Excuse(label, "response_schema_conformance", status,
             "SEPA and RIX beneficiary schemas overlap in the description's oneOf: a SEPA payee matches both",
             match="is valid under more than one of the schemas listed in the 'oneOf' keyword")
      for label, status in (("POST /outgoing_wire_transfers", 200), ("GET /outgoing_wire_transfers", 200),
                            ("GET /outgoing_wire_transfers/{id}", 200), ("PATCH /outgoing_wire_transfers/{id}", 200),
                            ("POST /outgoing_wire_transfers/{id}/cancel", 200),
                            ("POST /outgoing_wire_transfers/{id}/confirm", 200),
                            ("POST /correspondent_bank_transfers", 200), ("GET /correspondent_bank_transfers", 200),
                            ("GET /correspondent_bank_transfers/{id}", 200),
                            ("POST /correspondent_bank_transfers/{id}/cancel", 200),
                            ("POST /correspondent_bank_transfers/{id}/confirm", 200))),
]
