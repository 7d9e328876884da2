"""The gate reads the webhooks description too: its events are operations Weavr calls on the client, and a
webhook's body is what the client reads, so it is judged by the response rules."""
from __future__ import annotations

import copy
import json

import pytest
import yaml
from spec_helpers import REPO, real_spec, side

from support.spec.__main__ import main
from support.spec.diff import diff
from support.spec.normalise import load_side


@pytest.fixture(scope="module")
def published():
    path = real_spec("webhooks-openapi-v2.yaml")
    return path, yaml.load(path.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def test_the_committed_webhooks_contract_is_the_published_one(published, capsys):
    code = main(["check", str(published[0]), "--namespace", "webhooks", "--allow-uncovered"])
    out = capsys.readouterr().out
    assert code == 0 and "ERR 0, WARN 0, INFO 0" in out, out


def _diff(new_doc):
    return {(f.rule, f.operation_id) for f in diff(load_side(str(REPO / "schemas" / "webhooks"), "webhooks"),
                                                   side(new_doc, "new.yaml"))}


def test_a_removed_event_is_breaking(published):
    doc = copy.deepcopy(published[1])
    del doc["webhooks"]["/transfers/watch"]
    assert ("api-removed", "transfers_watch") in _diff(doc)


def test_an_event_body_is_read_by_the_client(published):
    doc = copy.deepcopy(published[1])
    schemas = doc["components"]["schemas"]
    schemas["KybEvent"]["properties"].pop("corporateEmail")
    schemas["KyiStatus"]["enum"].append("ON_HOLD")
    found = _diff(doc)
    # A state the receiver never saw before may break its handling: a new enum value in a response, not a request.
    assert ("response-property-enum-value-added", "corporates_kyb_watch") in found, found
    assert ("response-optional-property-removed", "corporates_kyb_watch") in found, found
    assert not any(rule.startswith("request-") for rule, _ in found), found


def test_the_gate_fails_on_a_breaking_event_change(published, tmp_path, capsys):
    doc = copy.deepcopy(published[1])
    del doc["webhooks"]["/login/watch"]
    changed = tmp_path / "webhooks-next.json"
    changed.write_text(json.dumps(doc), encoding="utf-8")
    code = main(["check", str(changed), "--namespace", "webhooks", "--allow-uncovered"])
    out = capsys.readouterr().out
    assert code == 1 and "login_watch" in out, out
