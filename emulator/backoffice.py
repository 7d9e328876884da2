"""What Weavr's own staff do from the back office, which the API cannot reach but whose webhooks a programme
receives: an identity deactivated or reactivated (`corporates_corporate_deactivated_watch`, ...), and a manual
transaction crediting an account (`manual_transactions_watch`). The control plane calls these, so event
scenarios can see those webhooks (choices/webhooks.md)."""
from __future__ import annotations

from .errors import bad_request, not_found

DEACTIVATION_REASONS = ("UNDEFINED_REASON", "ACCOUNT_REVIEW", "ACCOUNT_SECURITY", "TEMPORARY", "ACCOUNT_CLOSURE",
                        "ACCOUNT_ABANDONED")
_EVENTS = {("CORPORATE", True): "corporates_corporate_activated_watch",
           ("CORPORATE", False): "corporates_corporate_deactivated_watch",
           ("CONSUMER", True): "consumers_consumer_activated_watch",
           ("CONSUMER", False): "consumers_consumer_deactivated_watch"}


def set_identity_active(world, body) -> dict:
    """{"identityId": ..., "active": false, "reasonCode": "ACCOUNT_REVIEW"}: every user of the identity is
    (de)activated, their tokens ending on deactivation, and the identity's event is emitted (by ADMIN)."""
    if not isinstance(body, dict) or not isinstance(body.get("identityId"), str):
        raise bad_request([{"fieldName": "identityId", "error": "REQUIRED", "params": []}], "name the identity")
    active = body.get("active")
    if not isinstance(active, bool):
        raise bad_request([{"fieldName": "active", "error": "REQUIRED", "params": []}], "active must be true or false")
    reason = body.get("reasonCode", "UNDEFINED_REASON")
    if reason not in DEACTIVATION_REASONS:
        raise bad_request([{"fieldName": "reasonCode", "error": "IN", "params": list(DEACTIVATION_REASONS)}])
    users = world.ports.users
    root = users.get(body["identityId"])  # a root user's id is its identity's id
    if root is None or root.credential_type != "ROOT":
        raise not_found("No identity with this id")
    for user in users.of_identity(root.owner, credential_type=None):
        users.set_active(user, active)
    payload = {"actionDoneBy": "ADMIN", "emailAddress": root.email}
    if not active:
        payload["reasonCode"] = reason
    world.outbox.emit(_EVENTS[(root.identity_type, active)], payload)
    return {"identityId": root.identity_id, "identityType": root.identity_type, "active": active}


def manual_transaction(world, body) -> dict:
    """{"managedAccountId": ..., "amount": N}: the back office credits N (minor units, > 0) to the account."""
    if not isinstance(body, dict) or not isinstance(body.get("managedAccountId"), str):
        raise bad_request([{"fieldName": "managedAccountId", "error": "REQUIRED", "params": []}], "name the account")
    amount = body.get("amount")
    if not isinstance(amount, int) or isinstance(amount, bool) or not 0 < amount < 2**62:
        raise bad_request([{"fieldName": "amount", "error": "RANGE", "params": ["1"]}], "amount must be a positive integer")
    instrument = ("managed_accounts", body["managedAccountId"])
    owner = world.instruments.owner_of(instrument)
    if owner is None:
        raise not_found("No managed account with this id")
    transaction_id = world.ids.next()
    # The ledger names it a system transaction: the statements' own word for what Weavr's back office posts.
    entry = world.instruments.credit(instrument, amount, ("system_transactions", transaction_id))
    payload = {"transactionId": transaction_id, "targetInstrument": {"type": "managed_accounts", "id": instrument[1]},
               "availableBalanceAdjustment": str(amount), "actualBalanceAdjustment": str(amount),
               "transactionTimestamp": str(entry.timestamp), "owner": owner.answer()}
    world.outbox.emit("manual_transactions_watch", payload)
    return payload
