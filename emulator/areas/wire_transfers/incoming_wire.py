"""Incoming wire transfers: money from a bank account outside the programme arriving on a managed account, by
the account's bank details (the Simulator's `/accounts/deposit`, the full incoming path). The receiving
account is found by its IBAN or sort code and account number, which only an account upgraded to an IBAN has.
The money is credited by the managed accounts' own deposit rules
(one set of rules for both deposit paths), and each arrival is kept as an incoming wire transfer its owner
can list and read. When the programme forwards authorisations, an arrival waits PENDING while the programme's
server is asked (`bankTransferInForwarding`), then COMPLETES (credited) or is REJECTED (nothing credited).
Choices: emulator/areas/wire_transfers/choices.md.
"""
from __future__ import annotations

from dataclasses import dataclass

from ... import forwarding
from ...amounts import int64_amount as _int64
from ...errors import not_found
from ...listing import listed
from ...ports import Ports
from ...registry import backend, handles
from ...services import Owner

PENDING, COMPLETED, REJECTED = "PENDING", "COMPLETED", "REJECTED"
NOT_FOUND = "DENIED_ACCOUNT_NOT_FOUND"
# What the Simulator answers for an arrival the programme rejected: its catch-all denial (the money did not arrive).
DENIED_BY_PROGRAMME = "DENIED_OTHER"
# The rail a deposit arrived on when the sender does not say: the one its destination details serve.
DEFAULT_NETWORK = {"iban": "SEPA", "sortCode": "FASTER_PAYMENTS"}


@dataclass
class IncomingWireTransfer:
    id: str
    owner: Owner
    profile_id: str
    account_id: str
    amount: int
    currency: str
    network: str
    created_at: int
    sender: dict
    state: str = PENDING
    executed_at: int | None = None

    def answer(self) -> dict:
        answer = {"id": self.id, "profileId": self.profile_id, "state": self.state,
                  "amount": {"currency": self.currency, "amount": self.amount},
                  "destinationInstrument": {"type": "managed_accounts", "id": self.account_id},
                  "paymentNetwork": self.network, "isInstant": self.network == "FASTER_PAYMENTS",
                  "createdAt": self.created_at}
        if self.executed_at is not None:
            answer["executedAt"] = self.executed_at
        answer.update({k: v for k, v in self.sender.items() if v is not None})
        return answer


@backend("incoming_wire_transfers")
class IncomingWireBackend:
    def __init__(self, world):
        self.world = world
        self.by_id: dict[str, IncomingWireTransfer] = {}

    def connect(self, ports: Ports) -> None:
        self.accounts = ports.bank_accounts

    def receive(self, request: dict) -> str:
        """The Simulator's full incoming path: its outcome code."""
        destination = _destination(request)
        if destination is None:
            return NOT_FOUND
        accounts = self.accounts
        # Only an upgraded account has bank details to be found by. The description gives this path no
        # DENIED_ACCOUNT_NOT_UPGRADED_TO_IBAN (its by-id sibling has it), so an account without them is not found.
        account = accounts.with_bank_details(lambda details: _matches(details, destination))
        if account is None:
            return NOT_FOUND
        tx_id = request.get("txId")
        refusal = accounts.deposit_refusal(account.id, request["depositAmount"], tx_id)
        if refusal is not None:
            return refusal
        transaction_id = str(tx_id) if tx_id is not None else self.world.ids.next()
        key = "iban" if "iban" in destination else "sortCode"
        sender = {"senderName": request.get("senderName"), "senderReference": request.get("reference"),
                  "senderIban": (request.get("senderIbanDetails") or {}).get("iban")}
        transfer = IncomingWireTransfer(
            id=transaction_id, owner=account.owner, profile_id=account.profile_id, account_id=account.id,
            amount=request["depositAmount"]["amount"], currency=account.currency,
            network=_network(request, key), created_at=self.world.now_ms(), sender=sender)
        if self._rejected_by_programme(transfer, account):
            accounts.spend_deposit_id(transaction_id)  # a rejected arrival's id is spent too
            self._reject(transfer, account)
            return DENIED_BY_PROGRAMME
        code = accounts.deposit(account.id, request["depositAmount"], transaction_id)
        if code == COMPLETED:
            transfer.state, transfer.executed_at = COMPLETED, self.world.now_ms()
            self.by_id[transaction_id] = transfer
        elif transaction_id in self.by_id:
            self._reject(transfer, account)  # approved, but the balance could not carry it
        return code

    def _reject(self, transfer: IncomingWireTransfer, account) -> None:
        transfer.state = REJECTED
        self.by_id[transfer.id] = transfer
        self._event(transfer, account, REJECTED)

    def _rejected_by_programme(self, transfer: IncomingWireTransfer, account) -> bool:
        """Whether the programme's server denied the arrival; without forwarding, or without a decision within
        the wait, it is taken (areas/wire_transfers/choices.md)."""
        world = self.world
        url = world.programme.get("authForwardingUrl")
        if not url:
            return False
        self.by_id[transfer.id] = transfer  # PENDING while the programme decides
        self._event(transfer, account, PENDING)
        outcome = forwarding.forward(url, world.programme["apiKey"], self._forward_body(transfer, account),
                                     world.now_ms(), path=forwarding.INCOMING_WIRE_PATH)
        return outcome.decision == "DENIED"

    def _forward_body(self, transfer: IncomingWireTransfer, account) -> dict:
        """The request body `bankTransferInForwarding` declares: the sender, the receiving account and its owner."""
        sender = {"name": transfer.sender["senderName"]} if transfer.sender.get("senderName") else {}
        if transfer.sender.get("senderIban"):
            sender["accountReference"] = {"iban": transfer.sender["senderIban"]}
        source = {"type": "unknown_sender_accounts", "instrument": sender}
        if transfer.sender.get("senderReference"):
            source["reference"] = transfer.sender["senderReference"]
        owners = {"CORPORATE": "corporates", "CONSUMER": "consumers"}[transfer.owner.type]
        return {"id": transfer.id, "source": {"instrument": source},
                "destination": {"instrument": {"type": "managed_accounts",
                                               "instrument": self.accounts.answer(account)},
                                "owner": {"type": owners, "owner": self.world.identities.view(transfer.owner)}},
                "amount": {"currency": transfer.currency, "amount": transfer.amount},
                "timestamp": transfer.created_at}

    def _event(self, transfer: IncomingWireTransfer, account, state: str) -> None:
        self.accounts.deposit_event(
            account, transfer.id, transfer.amount, self.world.now_ms(), state, senderName=transfer.sender["senderName"],
            senderIban=transfer.sender["senderIban"], senderReference=transfer.sender["senderReference"])

    def owned(self, owner: Owner, transfer_id: str) -> IncomingWireTransfer:
        transfer = self.by_id.get(str(transfer_id))
        if transfer is None or transfer.owner != owner:
            raise not_found("Incoming wire transfer not found")
        return transfer

    def of_owner(self, owner: Owner) -> list[IncomingWireTransfer]:
        return [t for t in self.by_id.values() if t.owner == owner]

    def dump(self) -> dict:
        return {"incomingWireTransfers": [t.answer() for t in self.by_id.values()]}


def incoming_wire_transfers_backend(world) -> IncomingWireBackend:
    return world.area("incoming_wire_transfers")


def _destination(request: dict) -> dict | None:
    if request.get("destinationIbanDetails"):
        return {"iban": request["destinationIbanDetails"]["iban"]}
    if request.get("destinationFasterPaymentsDetails"):
        details = request["destinationFasterPaymentsDetails"]
        return {"sortCode": details["sortCode"], "accountNumber": details["accountNumber"]}
    if request.get("iban"):
        return {"iban": request["iban"]}
    return None


def _matches(details: dict, destination: dict) -> bool:
    return all(details.get(key) == value for key, value in destination.items())


def _network(request: dict, key: str) -> str:
    network = request.get("paymentNetwork")
    # The Multi API's networks include these two of the Simulator's; any other is read as the default rail.
    return network if network in ("SEPA", "FASTER_PAYMENTS", "SWIFT", "RIX", "BACS", "CHAPS") else DEFAULT_NETWORK[key]


def _owner(call) -> Owner:
    session = call.require_session()
    return Owner(session.identity_type, session.identity_id)


@handles("incomingWireTransferGet")
def iwt_get(call):
    return incoming_wire_transfers_backend(call.world).owned(_owner(call), call.path_params["id"]).answer()


@handles("incomingWireTransfersGet")
def iwts_get(call):
    # The time filters read the listing's own field names; an arrival never changes after it, so both are createdAt.
    stamped = [t.answer() | {"creationTimestamp": t.created_at, "lastUpdatedTimestamp": t.created_at}
               for t in incoming_wire_transfers_backend(call.world).of_owner(_owner(call))]
    page = listed(call.operation, call.query, stamped)
    items = [{k: v for k, v in i.items() if k not in ("creationTimestamp", "lastUpdatedTimestamp")} for i in page.items]
    return {"incomingWireTransfers": items, "count": page.count, "responseCount": len(items)}


@handles("accounts_deposit", namespace="simulator")
def simulate_incoming_wire(call):
    body = dict(call.body)
    if "amount" in body["depositAmount"]:
        body["depositAmount"] = dict(body["depositAmount"],
                                     amount=_int64(body["depositAmount"]["amount"], "depositAmount.amount"))
    return {"code": incoming_wire_transfers_backend(call.world).receive(body)}
