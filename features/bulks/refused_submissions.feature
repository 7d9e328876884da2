@bulks @negative
Feature: A bulk submission a user gets wrong is refused, and leaves no bulk behind
  The nine submissions declare only their 201: the description names no failure for them. A user still
  reaches two: calling without a token, and sending a body the submission's item schema forbids (a bulk is
  a list of 1 to 10,000 items, each an object). Both are refused with a status the description does not
  declare, which the suite checks as exactly that, and a refused submission makes no bulk.

  Background:
    Given a corporate is onboarded and verified

  Scenario Outline: A bulk submission needs a token
    When <method> "<path>" is submitted without a token with:
      """
      [{"pathParams": {"<param>": "1"}}]
      """
    Then the submission is refused with 401, a status the description does not declare

    Examples:
      | method | path                                  | param     |
      | POST   | /bulks/users                          | _id_      |
      | POST   | /bulks/users/_user_id_/invite         | _user_id_ |
      | POST   | /bulks/managed_cards/_id_/block       | _id_      |
      | POST   | /bulks/managed_cards/_id_/unblock     | _id_      |
      | POST   | /bulks/managed_cards/_id_/remove      | _id_      |
      | PATCH  | /bulks/managed_cards/_id_/spend_rules | _id_      |
      | POST   | /bulks/transfers                      | _id_      |
      | POST   | /bulks/sends                          | _id_      |
      | POST   | /bulks/outgoing_wire_transfers        | _id_      |

  Scenario Outline: A bulk submission that is not a list of items, or lists none, is refused and makes no bulk
    When <method> "<path>" is submitted as the corporate with:
      """
      {"pathParams": {}}
      """
    Then the submission is refused with 400, a status the description does not declare
    When <method> "<path>" is submitted as the corporate with:
      """
      []
      """
    Then the submission is refused with 400, a status the description does not declare
    When <method> "<path>" is submitted as the corporate with:
      """
      <item>
      """
    Then the submission is refused with 400, a status the description does not declare
    When the corporate reads the bulks
    Then the bulks read are none

    Examples:
      | method | path                                  | item                                              |
      | POST   | /bulks/users                          | [{"requestBody": {"name": "Ann"}}]                |
      | POST   | /bulks/users/_user_id_/invite         | [{"pathParams": []}]                              |
      | POST   | /bulks/managed_cards/_id_/block       | ["not an item"]                                   |
      | POST   | /bulks/managed_cards/_id_/unblock     | [{"pathParams": "1"}]                             |
      | POST   | /bulks/managed_cards/_id_/remove      | [{"pathParams": {}}, 7]                           |
      | PATCH  | /bulks/managed_cards/_id_/spend_rules | [{"pathParams": {"_id_": "1"}, "requestBody": []}] |
      | POST   | /bulks/transfers                      | [{"requestBody": {"profileId": "1"}}]             |
      | POST   | /bulks/sends                          | [{"requestBody": "a send"}]                       |
      | POST   | /bulks/outgoing_wire_transfers        | [{"requestBody": {"transferAmount": "much"}}]     |
