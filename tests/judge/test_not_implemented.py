"""The judge's exclusion list names only operations of the published description that have no handler."""
from emulator.registry import HANDLERS

from .not_implemented import implemented, not_implemented, published_operation_ids


def test_the_exclusion_list_names_only_published_operations_without_a_handler():
    excluded = set(not_implemented())
    assert excluded <= published_operation_ids()
    assert not excluded & {op for namespace, op in HANDLERS if namespace == "multi"}


def test_every_handler_is_judged():
    # A handler for an operation the published file does not have would escape the judge unnoticed.
    assert implemented() <= published_operation_ids(), sorted(implemented() - published_operation_ids())
    assert len(published_operation_ids()) == len(implemented()) + len(not_implemented())
