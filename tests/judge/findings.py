"""What the judge finds today, by test and operation; each is marked a strict xfail, so fixing one makes the
test pass unexpectedly and the entry must go.

FINDINGS are real bugs, routed to the engineer who owns the fix. DISPUTED are failures where the judge's
expectation is not what the real Weavr platform most plausibly does; the reason says why.
"""
INPUT = "test_the_emulator_refuses_input_the_published_description_forbids"
ANSWERS = "test_the_emulator_answers_as_the_published_description_says"

FINDINGS: dict = {}

DISPUTED = {
    (INPUT, "POST /users/kyc"): "ST204 PATCH /users/kyc answers 400, not 405: the path also matches "
                                "PATCH /users/{user_id}, and 'kyc' fails user_id's pattern; a router by "
                                "template (as Weavr's gateway) gives the same 400",
    (ANSWERS, "PATCH /outgoing_wire_transfers/{id}"): "ST103 a call without api-key or token answers 401, which "
                                                      "this PATCH alone does not declare (only 200 and 409); "
                                                      "Weavr's gateway refuses every unauthenticated call so",
    (INPUT, "POST /beneficiaries/remove"): "ST204 GET /beneficiaries/remove answers 400, not 405: the path also "
                                           "matches GET /beneficiaries/{id}, and 'remove' fails id's pattern; "
                                           "the same router by template as PATCH /users/kyc",
}
