"""Authorised users (the Setup operations): creation, listing, changes, (de)activation, invites,
email verification and KYC.

An authorised user is a `credential_type="USER"` record of the users backend, belonging to
the identity whose user created it. Users are scoped to the logged-in identity: another
identity's user, a root user and an unknown id all answer 404.
"""
from __future__ import annotations

from ...credentials import check_complexity
from ...errors import ApiError, conflict, forbidden, not_found, unauthorized
from ...listing import listed
from ...ports import User
from ...registry import backend, handles
from ...services import Owner
from .roles import check_assignable
from .users import users_backend

INVITE_TTL_MS = 31 * 24 * 60 * 60 * 1000  # "valid for 1 month"
MOBILE_CHANGE_LIMIT = 3
OPTIONAL_FIELDS = ("mobile", "dateOfBirth", "tag", "locale", "brand", "countryOfResidence")
COUNTRIES = frozenset((
    "AD AE AF AG AL AM AO AR AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BM BN BO BR BS BT BW BY BZ CA CD CF CG "
    "CH CI CL CM CN CO CR CU CV CW CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FO FR GA GB GD GE GF GG "
    "GH GI GL GM GN GP GQ GR GT GW GY HK HN HR HT HU ID IE IL IM IN IQ IR IS IT JE JM JO JP KE KG KH KI KM KN "
    "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MH MK ML MM MN MQ MR MT MU MV MW MX MY MZ "
    "NA NC NE NG NI NL NO NP NR NZ OM PA PE PF PG PH PK PL PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG "
    "SI SK SL SM SN SO SR ST SV SY SZ TD TG TH TJ TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VG VN VU "
    "WS XK YE YT ZA ZM ZW").split())


@backend("authorised_users")
class AuthorisedUsersBackend:
    """Rules of authorised users; their records live in the users backend."""

    def __init__(self, world):
        self.world = world
        # user id -> {"sentMs": int, "consumed": bool}
        self.invites: dict[str, dict] = {}
        # user id -> {"reference": str, "status": str}
        self.kyc: dict[str, dict] = {}

    # -- reading ---------------------------------------------------------------------------
    def of_session(self, session, user_id) -> User:
        """The authorised user with this id in the caller's identity; 404 for anyone else's or a root user."""
        user = users_backend(self.world).get(str(user_id))
        if user is None or user.credential_type != "USER" or user.identity_type != session.identity_type \
                or user.identity_id != session.identity_id:
            raise not_found("User not found")
        return user

    def view(self, user: User) -> dict:
        answer = {"id": user.id, "identity": {"type": user.identity_type, "id": user.identity_id},
                  "name": user.name, "surname": user.surname, "email": user.email,
                  "active": user.active, "roles": list(user.roles or [])}
        for field in OPTIONAL_FIELDS:
            if user.field(field) is not None:
                answer[field] = user.field(field)
        return answer

    def listing(self, session) -> list[dict]:
        """The identity's authorised users as answered, oldest first."""
        owner = Owner(session.identity_type, session.identity_id)
        return [self.view(u) for u in users_backend(self.world).of_identity(owner)]

    # -- changing --------------------------------------------------------------------------
    def create(self, session, request: dict) -> User:
        world = self.world
        if users_backend(world).email_taken(request["email"]):
            raise conflict("EMAIL_NOT_UNIQUE")
        _check_country(request.get("countryOfResidence"))
        roles = check_assignable(world, request.get("roles") or [])
        return users_backend(world).add(user_id=world.ids.next(), identity_type=session.identity_type,
                                        identity_id=session.identity_id, credential_type="USER", name=request["name"],
                                        surname=request["surname"], email=request["email"], mobile=request.get("mobile"),
                                        date_of_birth=request.get("dateOfBirth"), tag=request.get("tag"),
                                        locale=request.get("locale"), brand=request.get("brand"),
                                        country_of_residence=request.get("countryOfResidence"), roles=roles)

    def update(self, session, user: User, request: dict) -> User:
        world = self.world
        # Every check first, so a refused change changes nothing.
        email = request.get("email")
        email_changes = email is not None and email.lower() != user.email.lower()
        if email is not None and email_changes and users_backend(world).email_taken(email):
            raise conflict("EMAIL_NOT_UNIQUE")
        mobile = request.get("mobile")
        mobile_changes = mobile is not None and mobile != user.mobile
        if mobile_changes and user.mobile_changes >= MOBILE_CHANGE_LIMIT:
            raise conflict("MOBILE_NO_CHANGE_LIMIT_EXCEEDED")
        roles = None
        if "roles" in request:
            if user.id == session.user_id:
                raise conflict("CANNOT_MODIFY_OWN_ROLES")
            roles = check_assignable(world, request["roles"])
        for field in ("name", "surname", "dateOfBirth", "tag", "locale", "brand"):
            if field in request:
                user.set_field(field, request[field])
        if email is not None:
            users_backend(world).change_email(user, email)  # the same address in another case stays verified
        if mobile_changes:
            users_backend(world).change_mobile(user, mobile)
            user.mobile_changes += 1
        if roles is not None:
            user.roles = roles
        return user

    # -- invites ---------------------------------------------------------------------------
    def send_invite(self, user: User) -> None:
        invite = self.invites.get(user.id)
        if invite and invite["consumed"]:
            raise conflict("INVITE_ALREADY_CONSUMED")
        # A new invite replaces the previous one and starts a new month.
        self.invites[user.id] = {"sentMs": self.world.now_ms(), "consumed": False}

    def invited_user(self, user_id) -> User:
        user = users_backend(self.world).get(str(user_id))
        if user is None or user.credential_type != "USER":
            raise not_found("User not found")
        return user

    def open_invite(self, user: User, code: str) -> dict:
        """The user's invite if it is open and the code is right; 409 INVITE_OR_INVITE_CODE_INVALID otherwise."""
        invite = self.invites.get(user.id)
        if invite is None or invite["consumed"] or code != self.world.programme["sandboxCodes"]["invite"]:
            raise conflict("INVITE_OR_INVITE_CODE_INVALID")
        return invite

    def expired(self, invite: dict) -> bool:
        return self.world.now_ms() - invite["sentMs"] > INVITE_TTL_MS

    def consume_invite(self, user: User, request: dict) -> str:
        world = self.world
        invite = self.open_invite(user, request["inviteCode"])
        if self.expired(invite):
            raise ApiError(410, {"errorCode": "TOKEN_EXPIRED"})
        if user.has_password:
            raise conflict("PASSWORD_ALREADY_CREATED")
        password = request["password"]["value"]
        check_complexity(password)
        users_backend(world).set_password(user, password)
        if request.get("mobile") is not None:
            users_backend(world).change_mobile(user, request["mobile"])
        invite["consumed"] = True
        session = world.sessions.open(user.identity_type, user.identity_id, user.id, "USER")
        return session.token

    # -- KYC -------------------------------------------------------------------------------
    def start_kyc(self, user: User) -> str:
        world = self.world
        if not user.email_verified:
            raise conflict("EMAIL_NOT_VERIFIED")
        if not (user.mobile_number_verified or world.ports.factors.is_active(user.id, "SMS")):
            raise conflict("MOBILE_NOT_VERIFIED")
        if not kyb_approved(world, user.identity_id):
            raise conflict("KYB_IDENTITY_NOT_APPROVED")
        kyc = self.kyc.get(user.id)
        if kyc is None:
            kyc = self.kyc[user.id] = {"reference": world.ids.next(), "status": "INITIATED"}
        status = kyc["status"]
        if status == "APPROVED":
            raise conflict("KYC_ALREADY_APPROVED")
        if status == "PENDING_REVIEW":
            raise conflict("KYC_PENDING_REVIEW")
        if status == "REJECTED":
            raise conflict("KYC_REJECTED")
        return kyc["reference"]

    def dump(self) -> dict:
        return {"invites": self.invites, "kyc": self.kyc}


def authorised_users_backend(world) -> AuthorisedUsersBackend:
    return world.area("authorised_users")


def kyb_approved(world, corporate_id: str) -> bool:
    """Whether the corporate passed KYB (the due-diligence area's status of the identity)."""
    return world.identities.is_due_diligence_approved(Owner("CORPORATE", corporate_id))


def _check_country(country: str | None) -> None:
    if country is not None and country not in COUNTRIES:
        raise conflict("COUNTRY_OF_RESIDENCE_INVALID")


def _bearer_session(call):
    value = call.headers.get("authorization", "")
    token = value[7:].strip() if value[:7].lower() == "bearer " else None
    return call.world.sessions.authenticate(token)


# -- handlers --------------------------------------------------------------------------------
@handles("userCreate")
def user_create(call):
    session = call.require_step_up()
    area = authorised_users_backend(call.world)
    return area.view(area.create(session, call.body))


@handles("usersGet")
def users_get(call):
    session = call.require_session()
    area = authorised_users_backend(call.world)
    # Oldest first, at most 100 a page.
    return listed(call.operation, call.query, area.listing(session), newest_first=False,
                  max_limit=100).answer("users")


@handles("userGetById")
def user_get(call):
    session = call.require_session()
    area = authorised_users_backend(call.world)
    return area.view(area.of_session(session, call.path_params["user_id"]))


@handles("userUpdate")
def user_update(call):
    session = call.require_session()
    area = authorised_users_backend(call.world)
    user = area.of_session(session, call.path_params["user_id"])
    return area.view(area.update(session, user, call.body))


@handles("userDeactivate")
def user_deactivate(call):
    session = call.require_session()
    user = authorised_users_backend(call.world).of_session(session, call.path_params["user_id"])
    users_backend(call.world).set_active(user, False)
    # Done through the API, so by the programme ("INNOVATOR"); the API takes no reason.
    call.world.outbox.emit("auth_users_user_deactivated_watch", {
        "actionDoneBy": "INNOVATOR", "emailAddress": user.email, "reasonCode": "UNDEFINED_REASON"})


@handles("userActivate")
def user_activate(call):
    session = call.require_session()
    user = authorised_users_backend(call.world).of_session(session, call.path_params["user_id"])
    users_backend(call.world).set_active(user, True)


@handles("userInviteSend")
def user_invite_send(call):
    session = call.require_session()
    area = authorised_users_backend(call.world)
    area.send_invite(area.of_session(session, call.path_params["user_id"]))


@handles("userInviteValidate")
def user_invite_validate(call):
    area = authorised_users_backend(call.world)
    invite = area.open_invite(area.invited_user(call.path_params["user_id"]), call.body["inviteCode"])
    if area.expired(invite):
        raise conflict("INVITE_OR_INVITE_CODE_INVALID")


@handles("userInviteConsume")
def user_invite_consume(call):
    area = authorised_users_backend(call.world)
    user = users_backend(call.world).get(str(call.path_params["user_id"]))
    if user is None or user.credential_type != "USER":
        raise ApiError(404, {"errorCode": "TOKEN_NOT_FOUND"})
    return {"token": area.consume_invite(user, call.body)}


@handles("authorisedUserEmailVerificationCodeSend")
def user_email_send(call):
    users = users_backend(call.world)
    user = users.find_by_email(call.body["email"])
    if user is None or user.credential_type != "USER":
        raise conflict("EMAIL_NOT_FOUND")
    if user.email_verified:
        return None  # nothing to verify: no code is sent, and verifying answers VERIFICATION_CODE_INVALID
    users.send_email_code(call.body["email"], "USER", None)


@handles("authorisedUserEmailVerify")
def user_email_verify(call):
    users_backend(call.world).verify_email(call.body["email"], call.body["verificationCode"], "USER", None)


@handles("userKyc")
def user_kyc(call):
    # The description names only the api-key, yet KYC is for "a corporate user": the caller's token says which.
    session = call.session or _bearer_session(call)
    if session is None:
        raise unauthorized()
    if session.identity_type != "CORPORATE" or session.credential_type != "USER":
        raise forbidden("INSUFFICIENT_PERMISSIONS")
    user = users_backend(call.world).require(session.user_id)
    return {"reference": authorised_users_backend(call.world).start_kyc(user)}
