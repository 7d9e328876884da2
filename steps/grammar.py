"""The words the steps share: who acts, what a scenario names, money and lists of names.

One definition each, so a fragment means the same in every step module (and docs/steps.md shows it the same
way). A module adds only words of its own area (a card's state, a transfer's states).
"""
from __future__ import annotations

# Who acts: "corporate", "second consumer", "authorised user", "corporate's card assignee".
ROLE = r"(?P<role>[\w ]+?)"
# A name the scenario gives a resource: "savings", "rent 2".
NAME = r'"(?P<name>[\w -]+)"'
# Minor units and an ISO currency ("2000 EUR" is EUR 20.00); the sign lets a scenario send a negative amount
# the API must refuse.
MONEY = r"(?P<amount>-?\d+) (?P<currency>[A-Z]{3})"
# Several names: `"rent", "food"` (read them with names()).
NAMES = r'"(?P<names>[^"]+(?:", "[^"]+)*)"'
# A card the scenario named.
CARD = r'the card "(?P<card>[\w -]+)"'
# The name a step gives what it makes: `as "rent"` (optional).
AS = r'(?: as "(?P<name>[\w -]+)")?'


def split_names(captured: str) -> list[str]:
    """The names NAMES captured, in the scenario's order: `rent", "food` is ["rent", "food"]."""
    return captured.split('", "')
