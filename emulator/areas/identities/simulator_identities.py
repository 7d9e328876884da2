"""The Simulator's identity verification: fully verify a corporate (KYB) or a consumer (KYC) at once."""
from __future__ import annotations

from ...errors import ApiError
from ...registry import handles
from ...services import Owner
from .due_diligence import due_diligence_backend


def _unknown(kind: str) -> ApiError:
    # The Simulator declares only 204, 400 and a default error of shape {message}.
    return ApiError(404, {"message": f"No {kind} with this id in the programme"})


@handles("corporates_corporate_id_verify", namespace="simulator")
def simulate_corporate_verify(call):
    corporate_id = str(call.path_params["corporate_id"])
    if not call.world.identities.exists(Owner("CORPORATE", corporate_id)):
        raise _unknown("corporate")
    due_diligence_backend(call.world).approve(corporate_id)


@handles("consumers_consumer_id_verify", namespace="simulator")
def simulate_consumer_verify(call):
    consumer_id = str(call.path_params["consumer_id"])
    if not call.world.identities.exists(Owner("CONSUMER", consumer_id)):
        raise _unknown("consumer")
    due_diligence_backend(call.world).approve(consumer_id)
