"""The judge names real resources in path parameters: every parameter of a judged operation has a kind the
judge can make, and each kind it makes exists (its owner reads it back with a 200)."""
import pytest

from emulator.app import EmulatorApp
from emulator.programme import load_programme

from . import test_schemathesis_judge as judge
from .credentials import Credentials
from .resources import KINDS, Resources, kind_of

# Drawn from the description's own enum (SMS, AUTHY, BIOMETRIC), so any drawn value is a real one.
ENUMERATED = {"channel"}
# Where each kind is read back by its id; the fields name other kinds (a card's transaction is read on its card).
READ_BACK = {"account": "/managed_accounts/{id}", "card": "/managed_cards/{id}",
             "blocked account": "/managed_accounts/{id}", "blocked card": "/managed_cards/{id}",
             "card payment": "/card_payments/{id}",
             "account transaction": "/managed_accounts/{account}/transactions/{id}",
             "card transaction": "/managed_cards/{card}/transactions/{id}",
             "transfer": "/transfers/{id}", "send": "/sends/{id}", "wire transfer": "/outgoing_wire_transfers/{id}",
             "correspondent transfer": "/correspondent_bank_transfers/{id}",
             "incoming wire transfer": "/incoming_wire_transfers/{id}", "payee": "/beneficiaries/{id}",
             "payee batch": "/beneficiaries/batch/{id}", "linked account": "/linked_accounts/{id}",
             "bulk": "/bulks/{id}"}


def test_every_path_parameter_of_a_judged_operation_gets_a_real_id():
    unnamed = sorted({f"{operation.label} {{{parameter.name}}}"
                      for operation in (result.ok() for result in judge.schema.get_all_operations())
                      for parameter in operation.path_parameters
                      if parameter.name not in ENUMERATED | {"user_id"}
                      and kind_of(operation.path, parameter.name) is None})
    assert not unnamed, f"the judge fills these with generated ids only, so they mostly reach 404: {unnamed}"


@pytest.fixture(scope="module")
def made():
    return Resources(Credentials(EmulatorApp(load_programme(), strict=False)))


@pytest.mark.parametrize("kind", sorted(READ_BACK))
def test_each_kind_the_judge_makes_is_read_back_by_its_owner(made, kind):
    resource_id = made.id_of(kind)
    answer = made._call("GET", READ_BACK[kind].format(id=resource_id, account=made.id_of("account"),
                                                        card=made.id_of("card")))
    named = (answer.get("id"), answer.get("bulkId"), answer.get("operationBatchId", {}).get("batchId"))
    assert resource_id in map(str, named), answer


def test_the_confirmation_challenge_the_judge_makes_is_one_its_owner_can_verify(made):
    # No operation reads a confirmation challenge back: verifying it with the sandbox code shows it is real.
    challenge = made.id_of("confirmation challenge")
    made._call("POST", f"/challenges/{challenge}/otp/SMS/verify",
               {"resourceType": "sends", "verificationCode": made.known.programme["sandboxCodes"]["otp"]})


def test_every_kind_is_checked():
    assert set(KINDS.values()) == set(READ_BACK) | {"confirmation challenge"}
