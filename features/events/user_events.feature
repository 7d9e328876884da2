@events @emulator_only @auth
Feature: Events of users and their authentication factors
  A factor that becomes usable (an enrolled mobile for SMS one-time passwords, an AUTHY device) is an
  authentication factors event, ACTIVE; an authorised user deactivated through the API is a user
  deactivated event naming their email.

  Background:
    Given events are delivered to the receiver

  @factors
  Scenario: Enrolling a mobile for SMS one-time passwords is an authentication factors event
    Given a corporate is onboarded and logged in
    Given the corporate has enrolled their mobile for SMS one-time passwords
    Then an "authentication_factors" event arrives for "corporate" with state ACTIVE
    And the last "authentication_factors" event for "corporate" has:
      | field        | value                                        |
      | credentialId | {"type": "ROOT", "id": "${corporate.id}"}    |
      | type         | SMS                                          |

  @factors
  Scenario: Enrolling a device for AUTHY push is an authentication factors event
    Given a corporate is onboarded and logged in
    Given the corporate has enrolled their device for AUTHY push notifications
    Then an "authentication_factors" event arrives for "corporate" with state ACTIVE
    And the last "authentication_factors" event for "corporate" has:
      | field | value |
      | type  | AUTHY |

  @users
  Scenario: Deactivating an authorised user is a user deactivated event
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When POST "/users/${authorised user.user id}/deactivate" is called as the corporate
    Then the response status is 204
    And an "auth_users_user_deactivated" event arrives for "authorised user"
    And the last "auth_users_user_deactivated" event for "authorised user" has:
      | field        | value                      |
      | emailAddress | ${authorised user.email}   |
      | actionDoneBy | INNOVATOR                  |
      | reasonCode   | UNDEFINED_REASON           |

  @users @negative
  Scenario: A refused deactivation is no event
    Given a corporate is onboarded and logged in
    And the corporate has a stepped-up token
    And the corporate has an authorised user
    When POST "/users/999999999/deactivate" is called as the corporate
    Then the response status is 404
    And no "auth_users_user_deactivated" event arrives for "authorised user"
